import { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import { type DomainDeps, nowOf } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { OUTBOX_PRIORITIES } from '../outbox/outbox-message.ts';
import { idSchema, localToday } from '../registry/registry-fields.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { audienceSql, payloadByLanguage } from './audience.ts';
import { ballotOf } from './load-results.ts';
import { loadPollForStaff, requireStatus } from './poll-access.ts';
import { questionScreen, screenParams } from './poll-messages.ts';
import { POLL_SELECT, pollView } from './poll-view.ts';
import { audienceOf } from './voter-slots.ts';

export const publishPollInputSchema = z.object({ pollId: idSchema });

/**
 * Opens a drafted poll: it becomes ACTIVE from now until its deadline, an owners' meeting freezes the house's total
 * votes (House.totalArea, ст. 48 ч. 3) so later registry edits do not move its quorum, and every resident of its
 * audience gets the invitation with the first question's buttons through the outbox — one INSERT ... SELECT, with
 * a dedupe key per poll and resident, in the transaction that opens the poll. Audited.
 */
export async function publishPoll(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof publishPollInputSchema>,
) {
  const { pollId } = publishPollInputSchema.parse(input);
  const now = nowOf(deps);
  return deps.db.prisma.$transaction(async (tx) => {
    const poll = await loadPollForStaff(tx, actor, pollId);
    requireStatus(poll, 'DRAFT');
    if (poll.endsAt.getTime() <= now.getTime()) {
      const message = 'the deadline has passed; set a new one before publishing';
      throw new AppError('INVALID_STATE', message, { what: 'poll_deadline', fields: { endsAt: message } });
    }
    const house = await tx.house.findUniqueOrThrow({
      where: { id: poll.houseId as string },
      select: { totalArea: true, timezone: true },
    });
    const meeting = poll.kind === 'OWNERS_MEETING';
    if (meeting && Number(house.totalArea.toString()) <= 0) {
      const message =
        'the house has no total area: set it before an owners’ meeting (it is the base of all votes)';
      throw new AppError('VALIDATION', message, { what: 'house_total_area', fields: { totalArea: message } });
    }
    // A concurrent publish of the same draft finds it no longer DRAFT and stops here.
    const { count } = await tx.poll.updateMany({
      where: { id: poll.id, status: 'DRAFT' },
      data: {
        status: 'ACTIVE',
        startsAt: now,
        ...(meeting ? { totalVotes: house.totalArea } : {}),
      },
    });
    if (count === 0) requireStatus({ status: 'ACTIVE' }, 'DRAFT');
    const published = await tx.poll.findUniqueOrThrow({ where: { id: poll.id }, select: POLL_SELECT });
    const ballot = ballotOf(published);
    const first = published.questions[0]!.position;
    const payloads = {
      ru: screenParams(questionScreen('ru', ballot, first, {}, { intro: true })),
      en: screenParams(questionScreen('en', ballot, first, {}, { intro: true })),
    };
    const recipients = await tx.$executeRaw`
      INSERT INTO outbox_messages (dedupe_key, chat_id, resident_id, kind, priority, payload)
      SELECT 'poll:' || ${poll.id} || ':' || c.resident_id, c.chat_id, c.resident_id, 'POLL',
             ${OUTBOX_PRIORITIES.bulk}::int, ${payloadByLanguage(payloads)}
      FROM (${audienceSql(audienceOf(published), localToday(now, house.timezone))}) c
      ON CONFLICT (dedupe_key) DO NOTHING`;
    const view = pollView(published);
    await writeAudit(tx, actor, {
      action: 'poll.publish',
      entityType: 'poll',
      entityId: poll.id,
      before: { status: 'DRAFT' },
      after: { status: 'ACTIVE', startsAt: view.startsAt, totalVotes: view.totalVotes, recipients },
    });
    return { ...view, recipients };
  });
}
