import { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import type { DomainDeps } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { authorize, can, houseFilter } from '../permissions/policy.ts';
import type { StaffActor } from '../staff/staff-actor.ts';

const faqSelect = {
  id: true,
  houseId: true,
  question: true,
  answer: true,
  language: true,
  position: true,
  published: true,
  updatedAt: true,
} as const;

export const saveFaqEntrySchema = z.object({
  /** Absent: a new entry. */
  id: z.string().min(1).optional(),
  /** null: every house of the organisation (needs an organisation-wide grant). */
  houseId: z.string().min(1).nullable().default(null),
  question: z.string().trim().min(3).max(500),
  answer: z.string().trim().min(1).max(4000),
  language: z.enum(['ru', 'en']).default('ru'),
  position: z.number().int().min(0).max(100_000).default(0),
  published: z.boolean().default(true),
});

/** Creates or edits an FAQ entry (broadcasts.send in its house; audited). */
export async function saveFaqEntry(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof saveFaqEntrySchema>,
) {
  const args = saveFaqEntrySchema.parse(input);
  authorize(actor, 'broadcasts.send', { houseId: args.houseId });
  const data = {
    houseId: args.houseId,
    question: args.question,
    answer: args.answer,
    language: args.language,
    position: args.position,
    published: args.published,
  };
  return deps.db.prisma.$transaction(async (tx) => {
    let before: unknown;
    if (args.id) {
      const existing = await tx.faqEntry.findFirst({
        where: { id: args.id, organizationId: actor.organizationId },
        select: faqSelect,
      });
      if (!existing) throw new AppError('NOT_FOUND', 'FAQ entry not found');
      authorize(actor, 'broadcasts.send', { houseId: existing.houseId });
      before = existing;
    }
    const saved = args.id
      ? await tx.faqEntry.update({ where: { id: args.id }, data, select: faqSelect })
      : await tx.faqEntry.create({
          data: { ...data, organizationId: actor.organizationId },
          select: faqSelect,
        });
    await writeAudit(tx, actor, {
      action: args.id ? 'faq.update' : 'faq.create',
      entityType: 'faq_entry',
      entityId: saved.id,
      before,
      after: data,
    });
    return saved;
  });
}

/** Removes an FAQ entry (broadcasts.send in its house; audited). */
export async function deleteFaqEntry(deps: DomainDeps, actor: StaffActor, input: { id: string }) {
  return deps.db.prisma.$transaction(async (tx) => {
    const existing = await tx.faqEntry.findFirst({
      where: { id: input.id, organizationId: actor.organizationId },
      select: faqSelect,
    });
    if (!existing) throw new AppError('NOT_FOUND', 'FAQ entry not found');
    authorize(actor, 'broadcasts.send', { houseId: existing.houseId });
    await tx.faqEntry.delete({ where: { id: input.id }, select: { id: true } });
    await writeAudit(tx, actor, {
      action: 'faq.delete',
      entityType: 'faq_entry',
      entityId: input.id,
      before: existing,
    });
    return { deleted: true };
  });
}

/** Staff list: organisation-wide entries and those of the actor's houses, in display order. */
export async function listFaqEntries(deps: DomainDeps, actor: StaffActor) {
  const scope = houseFilter(actor, 'broadcasts.send');
  const items = await deps.db.prisma.faqEntry.findMany({
    where: {
      organizationId: actor.organizationId,
      ...(scope.houseId ? { OR: [{ houseId: null }, { houseId: scope.houseId }] } : {}),
    },
    orderBy: [{ position: 'asc' }, { createdAt: 'asc' }],
    select: faqSelect,
  });
  return { items, editable: items.map((e) => can(actor, 'broadcasts.send', { houseId: e.houseId })) };
}
