import { z } from 'zod';
import { type DomainDeps, nowOf } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { idSchema, localToday } from '../registry/registry-fields.ts';
import type { PollResults } from './compute-results.ts';
import { ballotOf, loadPollResults } from './load-results.ts';
import type { BallotPoll, Choices } from './poll-messages.ts';
import { POLL_SELECT, type PollRow } from './poll-view.ts';
import { audienceOf, voterSlots } from './voter-slots.ts';

/** How long a finished poll stays in the resident's list. */
const FINISHED_SHOWN_DAYS = 30;

export interface ResidentPoll {
  poll: BallotPoll;
  status: 'ACTIVE' | 'FINISHED' | 'CANCELLED';
  /** Accepting votes now (active and before the deadline). */
  open: boolean;
  /** The resident holds a voting unit; otherwise `refusal` says why (a tenant in an owners' meeting). */
  eligible: boolean;
  refusal: 'not_owner' | 'not_in_audience' | null;
  /** What the resident's voting units chose so far. */
  choices: Choices;
  canSeeResults: boolean;
  /** Present when the resident may see them (ResultsVisibility). */
  results: PollResults | null;
}

/** Results visibility (schema ResultsVisibility): live, after one's own vote, after the end, or staff only. */
export function resultsVisible(
  visibility: 'LIVE' | 'AFTER_VOTE' | 'AFTER_END' | 'STAFF_ONLY',
  state: { finished: boolean; voted: boolean },
) {
  if (visibility === 'STAFF_ONLY') return false;
  if (state.finished || visibility === 'LIVE') return true;
  return visibility === 'AFTER_VOTE' && state.voted;
}

async function loadResidentId(deps: DomainDeps, telegramUserId: bigint) {
  const resident = await deps.db.prisma.resident.findUnique({
    where: { telegramUserId },
    select: { id: true, deletedAt: true },
  });
  if (!resident || resident.deletedAt)
    throw new AppError('NOT_FOUND', 'resident not registered', { what: 'resident' });
  return resident.id;
}

async function describe(deps: DomainDeps, row: PollRow, residentId: string): Promise<ResidentPoll | null> {
  const now = nowOf(deps);
  const { linked, slots } = await voterSlots(
    deps.db.prisma,
    audienceOf(row),
    residentId,
    localToday(now, row.house?.timezone ?? 'Europe/Moscow'),
  );
  if (!linked) return null;
  const votes =
    slots.length === 0
      ? []
      : await deps.db.prisma.vote.findMany({
          where: { question: { pollId: row.id }, voterKey: { in: slots.map((s) => s.voterKey) } },
          select: { question: { select: { position: true } }, option: { select: { position: true } } },
          orderBy: { updatedAt: 'asc' },
        });
  const choices: Choices = {};
  for (const v of votes) choices[v.question.position] = v.option.position;
  const finished = row.status !== 'ACTIVE';
  const canSeeResults = resultsVisible(row.resultsVisibility, { finished, voted: votes.length > 0 });
  return {
    poll: ballotOf(row),
    status: row.status as ResidentPoll['status'],
    open: row.status === 'ACTIVE' && row.endsAt.getTime() > now.getTime(),
    eligible: slots.length > 0,
    refusal: slots.length > 0 ? null : row.kind === 'OWNERS_MEETING' ? 'not_owner' : 'not_in_audience',
    choices,
    canSeeResults,
    results: canSeeResults ? await loadPollResults(deps.db.prisma, row) : null,
  };
}

export const residentPollInputSchema = z.object({ telegramUserId: z.bigint(), pollId: idSchema });

/**
 * A poll as one resident sees it: the ballot, their answers, whether they may vote (only owners in an owners'
 * meeting) and the results when its visibility allows. Polls of houses they are not linked to are not found.
 */
export async function getResidentPoll(
  deps: DomainDeps,
  input: z.input<typeof residentPollInputSchema>,
): Promise<ResidentPoll> {
  const args = residentPollInputSchema.parse(input);
  const residentId = await loadResidentId(deps, args.telegramUserId);
  const row = await deps.db.prisma.poll.findUnique({ where: { id: args.pollId }, select: POLL_SELECT });
  const seen = row && row.status !== 'DRAFT' ? await describe(deps, row, residentId) : null;
  if (!seen) throw new AppError('NOT_FOUND', 'poll not found', { what: 'poll' });
  return seen;
}

/**
 * The polls of the resident's houses: running ones first (soonest deadline first), then those finished in the
 * last 30 days, each with whether the resident answered and may see results.
 */
export async function listResidentPolls(deps: DomainDeps, telegramUserId: bigint): Promise<ResidentPoll[]> {
  const residentId = await loadResidentId(deps, telegramUserId);
  const now = nowOf(deps);
  const links = await deps.db.prisma.residentAccountLink.findMany({
    where: { residentId, active: true, account: { closedAt: null } },
    select: { account: { select: { premises: { select: { houseId: true } } } } },
  });
  const houseIds = [...new Set(links.map((l) => l.account.premises.houseId))];
  if (houseIds.length === 0) return [];
  const rows = await deps.db.prisma.poll.findMany({
    where: {
      houseId: { in: houseIds },
      OR: [
        { status: 'ACTIVE' },
        { status: 'FINISHED', endsAt: { gte: new Date(now.getTime() - FINISHED_SHOWN_DAYS * 86_400_000) } },
      ],
    },
    select: POLL_SELECT,
    orderBy: [{ status: 'asc' }, { endsAt: 'asc' }],
    take: 20,
  });
  const seen = await Promise.all(rows.map((row) => describe(deps, row, residentId)));
  return seen.filter((p): p is ResidentPoll => p !== null);
}
