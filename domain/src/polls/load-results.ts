import type { Tx } from '../context.ts';
import { computeResults, type PollResults } from './compute-results.ts';
import type { BallotPoll } from './poll-messages.ts';
import type { PollRow } from './poll-view.ts';
import { hundredthsOf } from './vote-math.ts';

/** The votes of a poll as the results computation takes them (with each ownership's snapshot). */
export async function loadVotes(db: Tx, pollId: string) {
  const votes = await db.vote.findMany({
    where: { question: { pollId } },
    select: {
      questionId: true,
      optionId: true,
      voterKey: true,
      area: true,
      shareNumerator: true,
      shareDenominator: true,
    },
    orderBy: [{ updatedAt: 'asc' }, { id: 'asc' }],
  });
  return votes.map((v) => ({
    questionId: v.questionId,
    optionId: v.optionId,
    voterKey: v.voterKey,
    areaHundredths: v.area === null ? null : hundredthsOf(v.area.toString()),
    shareNumerator: v.shareNumerator,
    shareDenominator: v.shareDenominator,
  }));
}

/**
 * The loader half of the results: a poll's votes from the database through the pure computation. The total votes
 * of the house are the ones frozen when the meeting was published (Poll.totalVotes), so registry edits made during
 * or after the meeting do not move its quorum.
 */
export async function loadPollResults(db: Tx, poll: PollRow): Promise<PollResults> {
  return computeResults({
    kind: poll.kind,
    totalVotesHundredths:
      poll.kind === 'OWNERS_MEETING' && poll.totalVotes !== null
        ? hundredthsOf(poll.totalVotes.toString())
        : null,
    questions: poll.questions,
    votes: await loadVotes(db, poll.id),
  });
}

export function ballotOf(poll: PollRow): BallotPoll {
  return {
    id: poll.id,
    kind: poll.kind,
    title: poll.title,
    description: poll.description,
    endsAt: poll.endsAt,
    timezone: poll.house?.timezone ?? 'Europe/Moscow',
    questions: poll.questions,
  };
}
