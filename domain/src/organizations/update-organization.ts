import { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import type { DomainDeps } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { authorize } from '../permissions/policy.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { ORGANIZATION_SELECT, organizationShape, requisiteProblems } from './organization-fields.ts';

/**
 * Some of the requisites; each field left out keeps its value. `expectedUpdatedAt` (the version the form was
 * filled from) refuses a save over someone else's newer one instead of silently undoing it.
 */
export const updateOrganizationSchema = z.object({
  changes: z.record(z.string(), z.unknown()),
  expectedUpdatedAt: z.coerce.date().optional(),
});

/**
 * An administrator of the whole organisation corrects its requisites: name, INN/KPP/OGRN, address, contacts, bank
 * details, the default time zone of new houses. What changed is checked by its check digits, with the rest of the
 * bank block when any of it changed (an account's control key depends on the BIC), so a change of bank sends the BIC
 * and both accounts together; correcting a phone is not refused for an old account nobody touched. Receipts are
 * printed on demand, so every receipt printed afterwards, of any month, carries the new requisites. Audited with
 * before and after of the changed fields.
 */
export async function updateOrganization(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof updateOrganizationSchema>,
) {
  authorize(actor, 'organization.manage', { houseId: null });
  const { changes, expectedUpdatedAt } = updateOrganizationSchema.parse(input);
  const editable = new Set(Object.keys(organizationShape.shape));
  const unknown = Object.keys(changes).filter((k) => !editable.has(k));
  if (unknown.length > 0) {
    throw new AppError('VALIDATION', 'unknown fields', {
      fields: Object.fromEntries(unknown.map((k) => [k, 'not a field of the organisation'])),
    });
  }
  return deps.db.prisma.$transaction(async (tx) => {
    // Locked, so two saves cannot both pass the version check.
    await tx.$queryRaw`SELECT id FROM organizations WHERE id = ${actor.organizationId} FOR UPDATE`;
    const current = await tx.organization.findUniqueOrThrow({
      where: { id: actor.organizationId },
      select: ORGANIZATION_SELECT,
    });
    if (expectedUpdatedAt && current.updatedAt.getTime() !== expectedUpdatedAt.getTime()) {
      throw new AppError('CONFLICT', 'the requisites were changed by someone else meanwhile', {
        what: 'stale',
      });
    }
    const { id: _id, updatedAt: _updatedAt, ...fields } = current;
    // Only the sent fields are parsed: a stored value nobody touched (an old, odd email) refuses no save.
    const parsed: Record<string, unknown> = {};
    const invalid: [string, string][] = [];
    for (const [field, value] of Object.entries(changes)) {
      const result = organizationShape.shape[field as keyof typeof organizationShape.shape].safeParse(value);
      if (result.success) parsed[field] = result.data;
      else invalid.push([field, result.error.issues[0]?.message ?? 'invalid']);
    }
    if (invalid.length > 0) {
      throw new AppError('VALIDATION', 'invalid requisites', { fields: Object.fromEntries(invalid) });
    }
    const next = { ...fields, ...parsed } as typeof fields;
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter(
      (k) => (next[k] ?? null) !== (fields[k] ?? null),
    );
    if (changed.length === 0) return current;
    const problems = requisiteProblems(next, new Set(changed));
    if (problems.length > 0) {
      throw new AppError('VALIDATION', 'invalid requisites', { fields: Object.fromEntries(problems) });
    }
    const data = Object.fromEntries(changed.map((k) => [k, next[k] ?? null]));
    const updated = await tx.organization.update({
      where: { id: actor.organizationId },
      data,
      select: ORGANIZATION_SELECT,
    });
    await writeAudit(tx, actor, {
      action: 'organization.update',
      entityType: 'organization',
      entityId: actor.organizationId,
      before: Object.fromEntries(changed.map((k) => [k, fields[k] ?? null])),
      after: data,
    });
    return updated;
  });
}
