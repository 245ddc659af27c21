import { z } from 'zod';
import type { DomainDeps } from '../context.ts';
import { idSchema } from '../registry/registry-fields.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { countVoters } from './list-polls.ts';
import { loadPollResults } from './load-results.ts';
import { loadPollForStaff, requireStatus } from './poll-access.ts';
import { pollView } from './poll-view.ts';

export const pollIdInputSchema = z.object({ pollId: idSchema });

/** One poll for staff: its questions and options, how many were invited and how many have voted. */
export async function getPoll(deps: DomainDeps, actor: StaffActor, input: z.input<typeof pollIdInputSchema>) {
  const { pollId } = pollIdInputSchema.parse(input);
  const poll = await loadPollForStaff(deps.db.prisma, actor, pollId);
  const [voters, invited] = await Promise.all([
    countVoters(deps.db.prisma, [poll.id]),
    deps.db.prisma.outboxMessage.count({ where: { dedupeKey: { startsWith: `poll:${poll.id}:` } } }),
  ]);
  return { ...pollView(poll), voters: voters.get(poll.id) ?? 0, invited };
}

/**
 * The results for staff, whatever the residents' visibility: running results while the poll is active, final ones
 * after. An owners' meeting has its quorum and per-question decisions by area weights (see computeResults).
 */
export async function getPollResults(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof pollIdInputSchema>,
) {
  const { pollId } = pollIdInputSchema.parse(input);
  const poll = await loadPollForStaff(deps.db.prisma, actor, pollId);
  requireStatus(poll, 'ACTIVE', 'FINISHED');
  return { poll: pollView(poll), results: await loadPollResults(deps.db.prisma, poll) };
}
