import type { Prisma } from '@domovoy/prisma';
import type { DecisionName, PollKindName, ThresholdName } from './compute-results.ts';

export const POLL_SELECT = {
  id: true,
  organizationId: true,
  houseId: true,
  entrances: true,
  kind: true,
  title: true,
  description: true,
  voteUnit: true,
  startsAt: true,
  endsAt: true,
  status: true,
  resultsVisibility: true,
  meetingForm: true,
  initiator: true,
  totalVotes: true,
  createdAt: true,
  createdBy: { select: { id: true, fullName: true } },
  house: { select: { address: true, timezone: true } },
  questions: {
    orderBy: { position: 'asc' },
    select: {
      id: true,
      position: true,
      text: true,
      threshold: true,
      options: {
        orderBy: { position: 'asc' },
        select: { id: true, position: true, text: true, decision: true },
      },
    },
  },
} as const satisfies Prisma.PollSelect;

export type PollRow = Prisma.PollGetPayload<{ select: typeof POLL_SELECT }>;

export type PollStatusName = 'DRAFT' | 'ACTIVE' | 'FINISHED' | 'CANCELLED';
export type VoteUnitName = 'PER_RESIDENT' | 'PER_PREMISES' | 'BY_OWNERSHIP';
export type VisibilityName = 'LIVE' | 'AFTER_VOTE' | 'AFTER_END' | 'STAFF_ONLY';

export interface PollView {
  id: string;
  houseId: string;
  address: string;
  timezone: string;
  entrances: number[];
  kind: PollKindName;
  title: string;
  description: string | null;
  voteUnit: VoteUnitName;
  startsAt: string;
  endsAt: string;
  status: PollStatusName;
  resultsVisibility: VisibilityName;
  meetingForm: 'IN_PERSON' | 'ABSENTEE' | 'MIXED' | null;
  initiator: string | null;
  /** m² (owners' meetings, frozen at publication), 2 decimals; null before publication and for simple polls. */
  totalVotes: string | null;
  createdAt: string;
  createdBy: { id: string; fullName: string };
  questions: {
    id: string;
    position: number;
    text: string;
    threshold: ThresholdName;
    options: { id: string; position: number; text: string; decision: DecisionName | null }[];
  }[];
}

/** Decimal(14, 4) of whole hundredths → "371.15". */
export const totalVotesText = (value: { toString(): string } | null) =>
  value === null ? null : fixed2(value.toString());

const fixed2 = (text: string) => {
  const [int = '0', frac = ''] = text.split('.');
  return `${int}.${frac.padEnd(2, '0').slice(0, 2)}`;
};

export function pollView(row: PollRow): PollView {
  if (!row.houseId || !row.house) throw new Error(`poll ${row.id} has no house`);
  return {
    id: row.id,
    houseId: row.houseId,
    address: row.house.address,
    timezone: row.house.timezone,
    entrances: row.entrances,
    kind: row.kind,
    title: row.title,
    description: row.description,
    voteUnit: row.voteUnit,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    status: row.status,
    resultsVisibility: row.resultsVisibility,
    meetingForm: row.meetingForm,
    initiator: row.initiator,
    totalVotes: totalVotesText(row.totalVotes),
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    questions: row.questions.map((q) => ({
      id: q.id,
      position: q.position,
      text: q.text,
      threshold: q.threshold,
      options: q.options.map((o) => ({ id: o.id, position: o.position, text: o.text, decision: o.decision })),
    })),
  };
}
