import { writeAudit } from '../audit/write-audit.ts';
import { type DomainDeps, nowOf } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { notifyPassResident } from './notify-pass-resident.ts';
import { loadPassForStaff } from './pass-access.ts';
import { effectivePassStatus } from './pass-status.ts';
import { PASS_SELECT, passAudit, passView } from './pass-view.ts';

/**
 * Staff approve a pass waiting for approval (houses that require it), before its last day is over. The pass, the
 * audit record and the resident's notice commit together; the update is conditional, so two approvals at once
 * (or an approval racing the resident's cancellation) change it once.
 */
export async function approvePass(deps: DomainDeps, actor: StaffActor, passId: string) {
  const now = nowOf(deps);
  return deps.db.prisma.$transaction(async (tx) => {
    const pass = await loadPassForStaff(tx, actor, passId, 'passes.manage');
    const before = passView(pass, now);
    const { count } = await tx.pass.updateMany({
      where: { id: pass.id, status: 'PENDING_APPROVAL', validTo: { gt: now } },
      data: { status: 'ACTIVE', approvedByStaffId: actor.staffUserId, approvedAt: now },
    });
    if (count === 0) {
      const current = await tx.pass.findUniqueOrThrow({
        where: { id: pass.id },
        select: { status: true, validFrom: true, validTo: true },
      });
      const status = effectivePassStatus(current, now);
      throw new AppError('INVALID_STATE', `only a pass awaiting approval can be approved (it is ${status})`, {
        what: 'pass_status',
        status,
      });
    }
    const after = passView(
      await tx.pass.findUniqueOrThrow({ where: { id: pass.id }, select: PASS_SELECT }),
      now,
    );
    await writeAudit(tx, actor, {
      action: 'pass.approve',
      entityType: 'pass',
      entityId: pass.id,
      before: { status: before.status },
      after: passAudit(after),
    });
    await notifyPassResident(tx, pass, { kind: 'approved' });
    return after;
  });
}
