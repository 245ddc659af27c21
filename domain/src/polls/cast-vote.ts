import { Prisma } from '@domovoy/prisma';
import { z } from 'zod';
import { type DomainDeps, nowOf } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { uuidv7 } from '../ids/uuidv7.ts';
import { idSchema, localToday } from '../registry/registry-fields.ts';
import { audienceOf, voterSlots } from './voter-slots.ts';

export const castVoteInputSchema = z.object({
  telegramUserId: z.bigint(),
  pollId: idSchema,
  /** Positions, as the buttons carry them (ids would not fit Telegram's 64 bytes of callback data). */
  question: z.number().int().min(1),
  option: z.number().int().min(1),
});

export interface CastVoteResult {
  pollId: string;
  question: number;
  option: number;
  /** False the first time the resident answers this question, true when the answer replaced an earlier one. */
  changed: boolean;
}

/**
 * A resident answers one question of an active poll, or changes the answer until the deadline.
 *
 * Who may: an owners' meeting takes only confirmed owners, with one vote row per ownership they hold in the house
 * (the weight is area × share, summed over them; ЖК РФ ст. 48 ч. 3) — a tenant or family member is refused. A
 * simple poll takes one vote per resident or per flat of its audience; per flat, the first resident who answered
 * keeps the flat's vote (another resident of the flat is refused rather than silently overwriting it).
 *
 * No double votes, also under concurrent taps: one statement upserts every row on the unique
 * (question_id, voter_key) — ON CONFLICT DO UPDATE, never check-then-insert — and it runs only while the poll is
 * ACTIVE and before its deadline, holding a share lock on the poll row, so closing the poll waits for it and a vote
 * can never slip in after the results were counted.
 */
export async function castVote(
  deps: DomainDeps,
  input: z.input<typeof castVoteInputSchema>,
): Promise<CastVoteResult> {
  const args = castVoteInputSchema.parse(input);
  const now = nowOf(deps);
  const db = deps.db.prisma;
  const resident = await db.resident.findUnique({
    where: { telegramUserId: args.telegramUserId },
    select: { id: true, deletedAt: true },
  });
  if (!resident || resident.deletedAt)
    throw new AppError('NOT_FOUND', 'resident not registered', { what: 'resident' });
  const poll = await db.poll.findUnique({
    where: { id: args.pollId },
    select: {
      id: true,
      houseId: true,
      kind: true,
      voteUnit: true,
      entrances: true,
      status: true,
      endsAt: true,
      house: { select: { timezone: true } },
      questions: {
        where: { position: args.question },
        select: { id: true, options: { where: { position: args.option }, select: { id: true } } },
      },
    },
  });
  if (!poll || poll.status === 'DRAFT' || !poll.house)
    throw new AppError('NOT_FOUND', 'poll not found', { what: 'poll' });
  refuseClosed(poll, now);
  const question = poll.questions[0];
  const option = question?.options[0];
  if (!question || !option) throw new AppError('NOT_FOUND', 'no such answer', { what: 'poll_option' });

  const { linked, slots } = await voterSlots(
    db,
    audienceOf(poll),
    resident.id,
    localToday(now, poll.house.timezone),
  );
  if (slots.length === 0) {
    if (poll.kind === 'OWNERS_MEETING')
      throw new AppError('FORBIDDEN', 'only owners vote in an owners’ meeting', { what: 'not_owner' });
    throw new AppError('FORBIDDEN', 'this poll is not for your flat', {
      what: linked ? 'not_in_audience' : 'poll',
    });
  }

  const rows = slots.map(
    (
      s,
    ) => Prisma.sql`(${uuidv7()}, ${s.voterKey}, ${s.ownerId}::text, ${s.premisesId}::text, ${s.area}::numeric,
      ${s.shareNumerator}::int, ${s.shareDenominator}::int, ${s.weight}::numeric)`,
  );
  // Per flat, only the resident who cast the flat's vote may change it.
  const sameVoter =
    poll.voteUnit === 'PER_PREMISES'
      ? Prisma.sql`WHERE votes.resident_id = EXCLUDED.resident_id`
      : Prisma.empty;
  const written = await db.$queryRaw<{ voter_key: string; inserted: boolean }[]>`
    WITH open_poll AS (
      SELECT id FROM polls WHERE id = ${poll.id} AND status = 'ACTIVE' AND ends_at > ${now}::timestamptz FOR SHARE
    )
    INSERT INTO votes (id, question_id, option_id, voter_key, resident_id, owner_id, premises_id, area,
                       share_numerator, share_denominator, weight, created_at, updated_at)
    SELECT v.id, ${question.id}, ${option.id}, v.voter_key, ${resident.id}, v.owner_id, v.premises_id, v.area,
           v.share_numerator, v.share_denominator, v.weight, ${now}::timestamptz, ${now}::timestamptz
    FROM (VALUES ${Prisma.join(rows)})
      AS v(id, voter_key, owner_id, premises_id, area, share_numerator, share_denominator, weight)
    WHERE EXISTS (SELECT 1 FROM open_poll)
    ON CONFLICT (question_id, voter_key) DO UPDATE SET
      option_id = EXCLUDED.option_id, resident_id = EXCLUDED.resident_id, owner_id = EXCLUDED.owner_id,
      premises_id = EXCLUDED.premises_id, area = EXCLUDED.area, share_numerator = EXCLUDED.share_numerator,
      share_denominator = EXCLUDED.share_denominator, weight = EXCLUDED.weight, updated_at = EXCLUDED.updated_at
      ${sameVoter}
    RETURNING voter_key, (xmax = 0) AS inserted`;
  if (written.length === 0) {
    const current = await db.poll.findUniqueOrThrow({
      where: { id: poll.id },
      select: { status: true, endsAt: true },
    });
    refuseClosed(current, now);
    throw new AppError('CONFLICT', 'another resident of the flat has voted', { what: 'flat_already_voted' });
  }
  return {
    pollId: poll.id,
    question: args.question,
    option: args.option,
    changed: written.some((w) => !w.inserted),
  };
}

function refuseClosed(poll: { status: string; endsAt: Date }, now: Date) {
  if (poll.status !== 'ACTIVE' || poll.endsAt.getTime() <= now.getTime())
    throw new AppError('INVALID_STATE', 'the poll is closed', { what: 'poll_closed' });
}
