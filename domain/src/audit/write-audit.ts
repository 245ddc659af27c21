import type { Tx } from '../context.ts';
import type { StaffActor } from '../staff/staff-actor.ts';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/**
 * Records a staff change. Always called inside the transaction of the change itself, so a change without its
 * audit record (or the reverse) cannot happen.
 */
export async function writeAudit(tx: Tx, actor: StaffActor, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      organizationId: actor.organizationId,
      staffUserId: actor.staffUserId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: toJson(entry.before),
      after: toJson(entry.after),
      ip: actor.ip ?? null,
    },
    select: { id: true },
  });
}

/**
 * Records a change nobody on the staff made: a scheduled job, a resident's own payment, the command line. Like
 * writeAudit, inside the change's transaction.
 */
export async function writeSystemAudit(tx: Tx, organizationId: string, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      organizationId,
      staffUserId: null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: toJson(entry.before),
      after: toJson(entry.after),
    },
    select: { id: true },
  });
}

/** JSON-safe copy: BigInt → string, Decimal/Date → their string forms. */
function toJson(value: unknown) {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v)));
}
