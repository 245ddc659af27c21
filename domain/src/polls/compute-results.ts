import {
  add,
  compareScaled,
  countPercent,
  formatVotes,
  ownershipVotes,
  percentOf,
  sum,
  type Votes,
  ZERO,
} from './vote-math.ts';

export type PollKindName = 'SIMPLE' | 'OWNERS_MEETING';
export type ThresholdName =
  | 'MAJORITY_OF_PARTICIPANTS'
  | 'MORE_THAN_HALF_OF_ALL'
  | 'TWO_THIRDS_OF_ALL'
  | 'UNANIMOUS';
export type DecisionName = 'FOR' | 'AGAINST' | 'ABSTAIN';

export interface ResultsInput {
  kind: PollKindName;
  /** All votes of the house in hundredths of m² (frozen when the meeting started); owners' meetings only. */
  totalVotesHundredths: bigint | null;
  questions: {
    id: string;
    position: number;
    text: string;
    threshold: ThresholdName;
    options: { id: string; position: number; text: string; decision: DecisionName | null }[];
  }[];
  votes: {
    questionId: string;
    optionId: string;
    voterKey: string;
    /** Owners' meetings: the ownership's snapshot taken when the vote was cast. */
    areaHundredths?: bigint | null;
    shareNumerator?: number | null;
    shareDenominator?: number | null;
  }[];
}

export interface OptionResult {
  id: string;
  position: number;
  text: string;
  decision: DecisionName | null;
  /** Simple polls: how many voting units chose it. */
  count: number;
  /** Owners' meetings: m², 2 decimals, rounded once from the exact sum. */
  votes: string | null;
  /** Of the question's base: participants or all votes (owners' meetings), the question's voters (simple polls). */
  percent: string | null;
}

export interface QuestionResult {
  id: string;
  position: number;
  text: string;
  threshold: ThresholdName;
  /** What the percentages are of (ст. 46 ч. 1: participants' votes for a majority, all votes otherwise). */
  base: 'PARTICIPANTS' | 'ALL' | 'VOTERS';
  options: OptionResult[];
  /** How many voting units answered this question. */
  voters: number;
  /** Owners' meetings: adopted, rejected, or no decision at all without a quorum. Simple polls: null. */
  decision: 'ADOPTED' | 'REJECTED' | 'NO_QUORUM' | null;
  /** Simple polls: the option(s) with the most votes (several on a tie, none without votes). */
  leaders: string[];
}

export interface PollResults {
  kind: PollKindName;
  /** Distinct voting units that took part (ownerships for owners' meetings). */
  participants: number;
  /** Owners' meetings: m² of the participants, of all votes, and the percentage. */
  participantVotes: string | null;
  totalVotes: string | null;
  participantPercent: string | null;
  /** Owners' meetings: more than 50 % of all votes took part (ст. 45 ч. 3). Null for simple polls. */
  quorum: boolean | null;
  questions: QuestionResult[];
}

/** ст. 46 ч. 1: the base a threshold is counted on and the fraction of it the "for" votes must pass. */
const THRESHOLDS: Record<
  ThresholdName,
  { base: 'PARTICIPANTS' | 'ALL'; passes: (forVotes: Votes, base: Votes) => boolean }
> = {
  // More than half of the participants' votes: 2·for > participants.
  MAJORITY_OF_PARTICIPANTS: { base: 'PARTICIPANTS', passes: (f, b) => compareScaled(f, 2n, b, 1n) > 0 },
  // More than half of all votes: 2·for > all.
  MORE_THAN_HALF_OF_ALL: { base: 'ALL', passes: (f, b) => compareScaled(f, 2n, b, 1n) > 0 },
  // At least two thirds of all votes: 3·for ≥ 2·all.
  TWO_THIRDS_OF_ALL: { base: 'ALL', passes: (f, b) => compareScaled(f, 3n, b, 2n) >= 0 },
  // Every vote of the house (ст. 36 ч. 3): for = all.
  UNANIMOUS: { base: 'ALL', passes: (f, b) => compareScaled(f, 1n, b, 1n) >= 0 },
};

export const thresholdBase = (threshold: ThresholdName) => THRESHOLDS[threshold].base;

/**
 * The results of a poll from its votes, without the database. Owners' meetings weigh every ownership by area ×
 * share (ст. 48 ч. 3), count the quorum on all votes of the house (ст. 45 ч. 3: more than 50 %) and decide each
 * question by its threshold (ст. 46 ч. 1), exactly; without a quorum no question is decided. A simple poll counts
 * one per voting unit (resident or flat), and the plain majority leads.
 */
export function computeResults(input: ResultsInput): PollResults {
  return input.kind === 'OWNERS_MEETING' ? meetingResults(input) : simpleResults(input);
}

function meetingResults(input: ResultsInput): PollResults {
  if (input.totalVotesHundredths === null || input.totalVotesHundredths <= 0n)
    throw new Error('an owners’ meeting needs the total votes of the house');
  const all: Votes = { n: input.totalVotesHundredths, d: 1n };
  const weightOf = (v: ResultsInput['votes'][number]) => {
    if (v.areaHundredths == null || v.shareNumerator == null || v.shareDenominator == null)
      throw new Error(`vote ${v.voterKey} has no ownership snapshot`);
    return ownershipVotes(v.areaHundredths, v.shareNumerator, v.shareDenominator);
  };
  // A participant is an ownership that voted on any question; its weight counts once however many it answered.
  const participants = new Map<string, Votes>();
  for (const v of input.votes) participants.set(v.voterKey, weightOf(v));
  const participantVotes = sum([...participants.values()]);
  // Quorum: 2·participants > all.
  const quorum = compareScaled(participantVotes, 2n, all, 1n) > 0;

  const questions = input.questions.map((q): QuestionResult => {
    const rule = THRESHOLDS[q.threshold];
    const base = rule.base === 'ALL' ? all : participantVotes;
    const votes = input.votes.filter((v) => v.questionId === q.id);
    const byOption = new Map<string, Votes>();
    for (const v of votes) byOption.set(v.optionId, add(byOption.get(v.optionId) ?? ZERO, weightOf(v)));
    const forOption = q.options.find((o) => o.decision === 'FOR');
    const forVotes = forOption ? (byOption.get(forOption.id) ?? ZERO) : ZERO;
    return {
      id: q.id,
      position: q.position,
      text: q.text,
      threshold: q.threshold,
      base: rule.base,
      voters: votes.length,
      options: q.options.map((o) => {
        const optionVotes = byOption.get(o.id) ?? ZERO;
        return {
          id: o.id,
          position: o.position,
          text: o.text,
          decision: o.decision,
          count: votes.filter((v) => v.optionId === o.id).length,
          votes: formatVotes(optionVotes),
          percent: percentOf(optionVotes, base),
        };
      }),
      decision: !quorum ? 'NO_QUORUM' : rule.passes(forVotes, base) ? 'ADOPTED' : 'REJECTED',
      leaders: [],
    };
  });
  return {
    kind: 'OWNERS_MEETING',
    participants: participants.size,
    participantVotes: formatVotes(participantVotes),
    totalVotes: formatVotes(all),
    participantPercent: percentOf(participantVotes, all),
    quorum,
    questions,
  };
}

function simpleResults(input: ResultsInput): PollResults {
  const participants = new Set(input.votes.map((v) => v.voterKey));
  const questions = input.questions.map((q): QuestionResult => {
    const votes = input.votes.filter((v) => v.questionId === q.id);
    const counts = q.options.map((o) => votes.filter((v) => v.optionId === o.id).length);
    const top = Math.max(0, ...counts);
    return {
      id: q.id,
      position: q.position,
      text: q.text,
      threshold: q.threshold,
      base: 'VOTERS',
      voters: votes.length,
      options: q.options.map((o, i) => ({
        id: o.id,
        position: o.position,
        text: o.text,
        decision: o.decision,
        count: counts[i]!,
        votes: null,
        percent: countPercent(counts[i]!, votes.length),
      })),
      decision: null,
      leaders: top === 0 ? [] : q.options.filter((_o, i) => counts[i] === top).map((o) => o.id),
    };
  });
  return {
    kind: 'SIMPLE',
    participants: participants.size,
    participantVotes: null,
    totalVotes: null,
    participantPercent: null,
    quorum: null,
    questions,
  };
}
