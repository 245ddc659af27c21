import type { Tx } from '../context.ts';
import { botText } from '../notifications/texts.ts';
import { OUTBOX_PRIORITIES } from '../outbox/outbox-message.ts';
import { payloadByLanguage } from './audience.ts';
import type { PollResults } from './compute-results.ts';
import { ballotOf, loadPollResults } from './load-results.ts';
import { resultsText, screenParams } from './poll-messages.ts';
import { POLL_SELECT, type PollRow } from './poll-view.ts';

/** The part of the results kept in the audit record of a finished poll: numbers, never names. */
export function resultsRecord(results: PollResults) {
  return {
    participants: results.participants,
    participantVotes: results.participantVotes,
    totalVotes: results.totalVotes,
    participantPercent: results.participantPercent,
    quorum: results.quorum,
    questions: results.questions.map((q) => ({
      position: q.position,
      threshold: q.threshold,
      decision: q.decision,
      voters: q.voters,
      options: q.options.map((o) => ({
        position: o.position,
        count: o.count,
        votes: o.votes,
        percent: o.percent,
      })),
    })),
  };
}

/**
 * Ends an ACTIVE poll inside the caller's transaction, once: the status change takes the poll row's lock, which
 * waits for votes being written (they hold a share lock on it) and makes later ones fail, so the results computed
 * right after it count exactly the votes that made it. Then every resident who voted gets the results (or, for
 * staff-only results, a note that the poll ended) through the outbox, with one dedupe key per poll and resident.
 * `endsAt` moves to the closing moment when staff close it early. Returns null when the poll was not ACTIVE (another
 * process finished it first); the results are recorded by the caller's audit entry.
 */
export async function finishPoll(
  tx: Tx,
  pollId: string,
  options: { now: Date; early: boolean },
): Promise<{ poll: PollRow; results: PollResults; notified: number } | null> {
  const { count } = await tx.poll.updateMany({
    where: { id: pollId, status: 'ACTIVE' },
    data: { status: 'FINISHED', ...(options.early ? { endsAt: options.now } : {}) },
  });
  if (count === 0) return null;
  const poll = await tx.poll.findUniqueOrThrow({ where: { id: pollId }, select: POLL_SELECT });
  const results = await loadPollResults(tx, poll);
  const ballot = ballotOf(poll);
  const message = (language: 'ru' | 'en') =>
    poll.resultsVisibility === 'STAFF_ONLY'
      ? { text: botText(language, 'polls.ended_staff_only', { title: poll.title }) }
      : screenParams({ text: resultsText(language, ballot, results, { final: true }), keyboard: [] });
  const notified = await tx.$executeRaw`
    INSERT INTO outbox_messages (dedupe_key, chat_id, resident_id, kind, priority, payload)
    SELECT 'poll-result:' || ${poll.id} || ':' || c.resident_id, c.chat_id, c.resident_id, 'POLL',
           ${OUTBOX_PRIORITIES.bulk}::int, ${payloadByLanguage({ ru: message('ru'), en: message('en') })}
    FROM (
      SELECT DISTINCT r.id AS resident_id, r.chat_id, r.language_code
      FROM votes v
      JOIN poll_questions q ON q.id = v.question_id
      JOIN residents r ON r.id = v.resident_id
      WHERE q.poll_id = ${poll.id} AND r.deleted_at IS NULL AND r.reachable
    ) c
    ON CONFLICT (dedupe_key) DO NOTHING`;
  return { poll, results, notified };
}
