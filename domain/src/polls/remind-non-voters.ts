import { Prisma } from '@domovoy/prisma';
import { type DomainDeps, nowOf } from '../context.ts';
import { OUTBOX_PRIORITIES } from '../outbox/outbox-message.ts';
import { localToday } from '../registry/registry-fields.ts';
import { localDateTime } from '../time/zoned.ts';
import { audienceSql, payloadByLanguage } from './audience.ts';
import { ballotOf } from './load-results.ts';
import { reminderScreen, screenParams } from './poll-messages.ts';
import { POLL_SELECT } from './poll-view.ts';
import { audienceOf } from './voter-slots.ts';

export interface PollReminderOptions {
  /** Remind when the deadline is this close. */
  hoursBeforeEnd: number;
  /** No reminders in these local hours of the house: [start, end), wrapping midnight. */
  quietHours: { start: number; end: number };
}

export const DEFAULT_POLL_REMINDER_OPTIONS: PollReminderOptions = {
  hoursBeforeEnd: 24,
  quietHours: { start: 21, end: 9 },
};

const isQuiet = (hour: number, q: PollReminderOptions['quietHours']) =>
  q.start > q.end ? hour >= q.start || hour < q.end : hour >= q.start && hour < q.end;

/**
 * Cron: once the deadline of an active poll is within `hoursBeforeEnd`, everyone of its audience who has not voted
 * yet gets one reminder with a button back to the ballot (outside the house's quiet hours). "Voted" means any vote
 * of their own, of an owner they are confirmed as (owners' meeting), or of their flat (one vote per flat). One
 * INSERT ... SELECT per poll; the dedupe key (poll, resident) makes it one reminder per poll however often this runs.
 */
export async function remindNonVoters(
  deps: DomainDeps,
  options: PollReminderOptions = DEFAULT_POLL_REMINDER_OPTIONS,
): Promise<{ enqueued: number }> {
  const now = nowOf(deps);
  const polls = await deps.db.prisma.poll.findMany({
    where: {
      status: 'ACTIVE',
      houseId: { not: null },
      endsAt: { gt: now, lte: new Date(now.getTime() + options.hoursBeforeEnd * 3_600_000) },
    },
    select: POLL_SELECT,
  });
  let enqueued = 0;
  for (const poll of polls) {
    const timezone = poll.house?.timezone ?? 'Europe/Moscow';
    if (isQuiet(localDateTime(now, timezone).hour, options.quietHours)) continue;
    const ballot = ballotOf(poll);
    const payloads = {
      ru: screenParams(reminderScreen('ru', ballot)),
      en: screenParams(reminderScreen('en', ballot)),
    };
    const flatVoted =
      poll.voteUnit === 'PER_PREMISES'
        ? Prisma.sql`OR v.premises_id IN (
            SELECT a.premises_id FROM resident_account_links l JOIN personal_accounts a ON a.id = l.account_id
            WHERE l.resident_id = c.resident_id AND l.active)`
        : Prisma.empty;
    enqueued += await deps.db.prisma.$executeRaw`
      INSERT INTO outbox_messages (dedupe_key, chat_id, resident_id, kind, priority, payload)
      SELECT 'poll-reminder:' || ${poll.id} || ':' || c.resident_id, c.chat_id, c.resident_id, 'POLL',
             ${OUTBOX_PRIORITIES.bulk}::int, ${payloadByLanguage(payloads)}
      FROM (${audienceSql(audienceOf(poll), localToday(now, timezone))}) c
      WHERE NOT EXISTS (
        SELECT 1 FROM votes v JOIN poll_questions q ON q.id = v.question_id
        WHERE q.poll_id = ${poll.id} AND (
          v.resident_id = c.resident_id
          OR v.owner_id IN (SELECT l.owner_id FROM resident_account_links l
                            WHERE l.resident_id = c.resident_id AND l.active AND l.role = 'OWNER')
          ${flatVoted}))
      ON CONFLICT (dedupe_key) DO NOTHING`;
  }
  return { enqueued };
}
