import { writeSystemAudit } from '../audit/write-audit.ts';
import { type DomainDeps, nowOf } from '../context.ts';
import { finishPoll, resultsRecord } from './finish-poll.ts';

/**
 * Cron: every poll whose deadline has passed is finished — results counted, recorded (an audit entry of the
 * system, with the numbers) and sent to those who voted — once. Safe to run every minute from several workers:
 * finishing is a status change from ACTIVE, so a second process finds nothing to do, and the outbox dedupe keys
 * would stop a second send anyway.
 */
export async function closeDuePolls(deps: DomainDeps): Promise<{ finished: number; notified: number }> {
  const now = nowOf(deps);
  const due = await deps.db.prisma.poll.findMany({
    where: { status: 'ACTIVE', endsAt: { lte: now } },
    select: { id: true },
    orderBy: { endsAt: 'asc' },
    take: 100,
  });
  let finished = 0;
  let notified = 0;
  for (const { id } of due) {
    const done = await deps.db.prisma.$transaction(async (tx) => {
      const result = await finishPoll(tx, id, { now, early: false });
      if (!result) return null;
      await writeSystemAudit(tx, result.poll.organizationId, {
        action: 'poll.finish',
        entityType: 'poll',
        entityId: id,
        before: { status: 'ACTIVE' },
        after: { status: 'FINISHED', results: resultsRecord(result.results) },
      });
      return result;
    });
    if (done) {
      finished++;
      notified += done.notified;
    }
  }
  return { finished, notified };
}
