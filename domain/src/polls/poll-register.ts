import { z } from 'zod';
import type { DomainDeps, Tx } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { compareNumbers } from '../registry/registry-access.ts';
import { idSchema, shareText } from '../registry/registry-fields.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import type { DecisionName } from './compute-results.ts';
import { loadPollForStaff, requireStatus } from './poll-access.ts';
import type { PollRow } from './poll-view.ts';
import { formatVotes, hundredthsOf, ownershipVotes } from './vote-math.ts';

export const pollRegisterInputSchema = z.object({ pollId: idSchema });

export interface RegisterRow {
  ownerId: string;
  ownerName: string;
  premisesKind: 'FLAT' | 'NON_RESIDENTIAL';
  premisesNumber: string;
  /** "1/3"; "1" for the whole. */
  share: string;
  /** m², as in the registry when the owner voted. */
  area: string;
  /** area × share, 2 decimals (rounded once from the exact value). */
  votes: string;
  /** Question position → FOR / AGAINST / ABSTAIN; a question left unanswered is absent. */
  answers: Record<number, DecisionName>;
}

/** The register of owners who voted, one row per ownership, ordered by premises then owner. */
export async function loadRegister(db: Tx, poll: PollRow): Promise<RegisterRow[]> {
  const votes = await db.vote.findMany({
    where: { question: { pollId: poll.id }, ownerId: { not: null } },
    select: {
      voterKey: true,
      area: true,
      shareNumerator: true,
      shareDenominator: true,
      question: { select: { position: true } },
      option: { select: { decision: true } },
      owner: { select: { id: true, fullName: true } },
      premises: { select: { kind: true, number: true } },
    },
    orderBy: { updatedAt: 'asc' },
  });
  const rows = new Map<string, RegisterRow>();
  for (const v of votes) {
    if (!v.owner || !v.premises || v.area === null || !v.shareNumerator || !v.shareDenominator) continue;
    const area = v.area.toString();
    const row = rows.get(v.voterKey) ?? {
      ownerId: v.owner.id,
      ownerName: v.owner.fullName,
      premisesKind: v.premises.kind,
      premisesNumber: v.premises.number,
      share: shareText(v.shareNumerator, v.shareDenominator),
      area: formatVotes({ n: hundredthsOf(area), d: 1n }),
      votes: formatVotes(ownershipVotes(hundredthsOf(area), v.shareNumerator, v.shareDenominator)),
      answers: {},
    };
    if (v.option.decision) row.answers[v.question.position] = v.option.decision;
    rows.set(v.voterKey, row);
  }
  return [...rows.values()].sort(
    (a, b) =>
      a.premisesKind.localeCompare(b.premisesKind) ||
      compareNumbers(a.premisesNumber, b.premisesNumber) ||
      a.ownerName.localeCompare(b.ownerName, 'ru'),
  );
}

export function requireMeeting(poll: PollRow) {
  if (poll.kind !== 'OWNERS_MEETING')
    throw new AppError('INVALID_STATE', 'only an owners’ meeting has a register of owners and a protocol', {
      what: 'not_a_meeting',
    });
}

/**
 * The per-owner register of votes of an owners' meeting (Minstroy order 44/pr: name, premises, share, area, votes
 * and each answer) for the chair who signs the protocol. Owner names are personal data: polls.manage in the house.
 */
export async function getPollRegister(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof pollRegisterInputSchema>,
) {
  const { pollId } = pollRegisterInputSchema.parse(input);
  const poll = await loadPollForStaff(deps.db.prisma, actor, pollId);
  requireMeeting(poll);
  requireStatus(poll, 'ACTIVE', 'FINISHED');
  return { pollId: poll.id, items: await loadRegister(deps.db.prisma, poll) };
}
