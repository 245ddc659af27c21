import { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import { type DomainDeps, nowOf } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { idSchema } from '../registry/registry-fields.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { finishPoll, resultsRecord } from './finish-poll.ts';
import { loadPollForStaff, requireStatus } from './poll-access.ts';
import { pollView } from './poll-view.ts';

export const closePollInputSchema = z.object({ pollId: idSchema });

/**
 * Staff end a running poll before its deadline (polls.manage): the deadline becomes now, the results are counted
 * and sent to the residents who voted, exactly as at the deadline. Audited with the results.
 */
export async function closePoll(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof closePollInputSchema>,
) {
  const { pollId } = closePollInputSchema.parse(input);
  const now = nowOf(deps);
  return deps.db.prisma.$transaction(async (tx) => {
    const poll = await loadPollForStaff(tx, actor, pollId);
    requireStatus(poll, 'ACTIVE');
    const finished = await finishPoll(tx, poll.id, { now, early: poll.endsAt.getTime() > now.getTime() });
    if (!finished)
      throw new AppError('INVALID_STATE', 'the poll is finished', {
        what: 'poll_status',
        status: 'FINISHED',
      });
    await writeAudit(tx, actor, {
      action: 'poll.close',
      entityType: 'poll',
      entityId: poll.id,
      before: { status: 'ACTIVE', endsAt: poll.endsAt.toISOString() },
      after: {
        status: 'FINISHED',
        endsAt: finished.poll.endsAt.toISOString(),
        results: resultsRecord(finished.results),
      },
    });
    return { ...pollView(finished.poll), results: finished.results, notified: finished.notified };
  });
}
