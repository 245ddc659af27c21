import { z } from 'zod';
import type { DomainDeps } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { authorize } from '../permissions/policy.ts';
import { dateSchema } from '../registry/registry-fields.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { localDaysRange } from '../time/zoned.ts';

export const listAuditLogInputSchema = z.object({
  entityType: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  /** A staff member's id, or "system" for what nobody on the staff did (jobs, residents' payments, the CLI). */
  staffUserId: z.string().max(64).optional(),
  /** An action or the start of one: "payment" finds payment.create, payment.match… */
  action: z
    .string()
    .trim()
    .max(64)
    .regex(/^[a-z_.]*$/, 'lower-case letters, dots and underscores')
    .optional(),
  /** Days in the organisation's time zone, both included. */
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
});

/**
 * The organisation's audit trail, newest first. Entries carry no house, so reading them needs audit.read for the
 * whole organisation: a house-scoped manager would otherwise read every house's changes.
 */
export async function listAuditLog(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof listAuditLogInputSchema>,
) {
  authorize(actor, 'audit.read', { houseId: null });
  const { page, pageSize, ...filters } = listAuditLogInputSchema.parse(input);
  if (filters.from && filters.to && filters.from.getTime() > filters.to.getTime()) {
    throw new AppError('VALIDATION', 'from is after to', { fields: { from: 'is after the end date' } });
  }
  const organization = await deps.db.prisma.organization.findUniqueOrThrow({
    where: { id: actor.organizationId },
    select: { timezone: true },
  });
  const timeZone = organization.timezone;
  const createdAt = {
    ...(filters.from ? { gte: localDaysRange(timeZone, filters.from, filters.from).start } : {}),
    ...(filters.to ? { lt: localDaysRange(timeZone, filters.to, filters.to).end } : {}),
  };
  const where = {
    organizationId: actor.organizationId,
    ...(filters.entityType ? { entityType: filters.entityType } : {}),
    ...(filters.entityId ? { entityId: filters.entityId } : {}),
    ...(filters.staffUserId
      ? { staffUserId: filters.staffUserId === 'system' ? null : filters.staffUserId }
      : {}),
    // startsWith is a LIKE, where "_" matches any character: escaped, "poll_" finds no "poll.close".
    ...(filters.action ? { action: { startsWith: filters.action.replaceAll('_', '\\_') } } : {}),
    ...(filters.from || filters.to ? { createdAt } : {}),
  };
  const [total, rows] = await Promise.all([
    deps.db.prisma.auditLog.count({ where }),
    deps.db.prisma.auditLog.findMany({
      where,
      orderBy: { id: 'desc' },
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        action: true,
        entityType: true,
        entityId: true,
        before: true,
        after: true,
        ip: true,
        createdAt: true,
        staffUser: { select: { id: true, fullName: true } },
      },
    }),
  ]);
  return { total, page, pageSize, timeZone, items: rows.map((r) => ({ ...r, id: r.id.toString() })) };
}

/**
 * What the log can be filtered by: the kinds of object and the people that occur in it (a person who has left
 * still appears, since their changes remain).
 */
export async function auditLogFacets(deps: DomainDeps, actor: StaffActor) {
  authorize(actor, 'audit.read', { houseId: null });
  const organizationId = actor.organizationId;
  const [entityTypes, actors] = await Promise.all([
    // GROUP BY in the database: Prisma's `distinct` would fetch every row of the log and dedupe them in memory.
    deps.db.prisma.auditLog.groupBy({
      by: ['entityType'],
      where: { organizationId },
      orderBy: { entityType: 'asc' },
    }),
    deps.db.prisma.staffUser.findMany({
      where: { organizationId, auditLogs: { some: {} } },
      select: { id: true, fullName: true, active: true },
      orderBy: { fullName: 'asc' },
    }),
  ]);
  return { entityTypes: entityTypes.map((e) => e.entityType), actors };
}
