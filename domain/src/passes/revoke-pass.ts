import { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import { type DomainDeps, nowOf } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { notifyPassResident } from './notify-pass-resident.ts';
import { loadPassForStaff } from './pass-access.ts';
import { effectivePassStatus } from './pass-status.ts';
import { PASS_SELECT, passAudit, passView } from './pass-view.ts';

export const revokePassInputSchema = z.object({
  /** Why; the resident is told. */
  comment: z.string().trim().max(500).nullish(),
});

/**
 * Staff withdraw a pass that could still be used (active or awaiting approval — refusing an approval is a
 * revocation too). Audited; the resident who ordered it is told, with the reason when one is given.
 */
export async function revokePass(
  deps: DomainDeps,
  actor: StaffActor,
  passId: string,
  input: z.input<typeof revokePassInputSchema> = {},
) {
  const args = revokePassInputSchema.parse(input);
  const now = nowOf(deps);
  return deps.db.prisma.$transaction(async (tx) => {
    const pass = await loadPassForStaff(tx, actor, passId, 'passes.manage');
    const before = passView(pass, now);
    const { count } = await tx.pass.updateMany({
      where: { id: pass.id, status: { in: ['ACTIVE', 'PENDING_APPROVAL'] }, validTo: { gt: now } },
      data: { status: 'REVOKED', cancelledAt: now, comment: args.comment || null },
    });
    if (count === 0) {
      const current = await tx.pass.findUniqueOrThrow({
        where: { id: pass.id },
        select: { status: true, validFrom: true, validTo: true },
      });
      const status = effectivePassStatus(current, now);
      throw new AppError('INVALID_STATE', `a ${status.toLowerCase()} pass cannot be revoked`, {
        what: 'pass_status',
        status,
      });
    }
    const after = passView(
      await tx.pass.findUniqueOrThrow({ where: { id: pass.id }, select: PASS_SELECT }),
      now,
    );
    await writeAudit(tx, actor, {
      action: 'pass.revoke',
      entityType: 'pass',
      entityId: pass.id,
      before: { status: before.status },
      after: { ...passAudit(after), comment: after.comment },
    });
    await notifyPassResident(tx, pass, { kind: 'revoked', comment: args.comment });
    return after;
  });
}
