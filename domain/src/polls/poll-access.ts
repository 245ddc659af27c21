import type { Tx } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { authorize } from '../permissions/policy.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { POLL_SELECT, type PollRow } from './poll-view.ts';

/**
 * A poll for a staff action: another organisation's poll is reported as missing, then `polls.manage` is checked in
 * the poll's house. `db` is the Prisma client or the action's transaction.
 */
export async function loadPollForStaff(db: Tx, actor: StaffActor, pollId: string): Promise<PollRow> {
  const poll = await db.poll.findUnique({ where: { id: pollId }, select: POLL_SELECT });
  if (!poll || poll.organizationId !== actor.organizationId)
    throw new AppError('NOT_FOUND', 'poll not found', { what: 'poll' });
  authorize(actor, 'polls.manage', { houseId: poll.houseId });
  return poll;
}

/** The poll must be in this status for the action; otherwise a typed refusal naming both. */
export function requireStatus(poll: { status: string }, ...allowed: string[]) {
  if (!allowed.includes(poll.status))
    throw new AppError('INVALID_STATE', `the poll is ${poll.status.toLowerCase()}`, {
      what: 'poll_status',
      status: poll.status,
    });
}
