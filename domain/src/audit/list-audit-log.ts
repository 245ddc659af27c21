import { z } from 'zod';
import type { DomainDeps } from '../context.ts';
import { authorize } from '../permissions/policy.ts';
import type { StaffActor } from '../staff/staff-actor.ts';

export const listAuditLogInputSchema = z.object({
  entityType: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  staffUserId: z.string().max(64).optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
});

/** The organisation's audit trail, newest first. */
export async function listAuditLog(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof listAuditLogInputSchema>,
) {
  authorize(actor, 'audit.read');
  const { page, pageSize, ...filters } = listAuditLogInputSchema.parse(input);
  const where = {
    organizationId: actor.organizationId,
    ...(filters.entityType ? { entityType: filters.entityType } : {}),
    ...(filters.entityId ? { entityId: filters.entityId } : {}),
    ...(filters.staffUserId ? { staffUserId: filters.staffUserId } : {}),
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
        createdAt: true,
        staffUser: { select: { id: true, fullName: true } },
      },
    }),
  ]);
  return { total, page, pageSize, items: rows.map((r) => ({ ...r, id: r.id.toString() })) };
}
