import { describe, expect, it } from 'vitest';
import {
  computeResults,
  type DecisionName,
  type ResultsInput,
  type ThresholdName,
} from './compute-results.ts';
import { formatVotes, hundredthsOf, ownershipVotes, percentOf } from './vote-math.ts';

/*
 * The house of the hand-computed example (areas in m², votes = area × share, ЖК РФ ст. 48 ч. 3):
 *
 *   flat 1   54.30 m²   A 1/2 → 27.15          B 1/2 → 27.15
 *   flat 2   71.15 m²   C 1/3 → 23.71666…      D 2/3 → 47.43333…
 *   1Н      200.00 m²   E (a shop, legal entity) 1/1 → 200.00   (non-residential premises vote too)
 *   flat 3   45.70 m²   F (the municipality) 1/1 → 45.70
 *
 *   all votes of the house T = 54.30 + 71.15 + 200.00 + 45.70 = 371.15
 *
 * In hundredths of m²: A = B = 2715, C = 7115/3, D = 14230/3, E = 20000, F = 4570, T = 37115.
 */
const OWNERS = {
  A: { area: '54.30', n: 1, d: 2, premises: 'flat1' },
  B: { area: '54.30', n: 1, d: 2, premises: 'flat1' },
  C: { area: '71.15', n: 1, d: 3, premises: 'flat2' },
  D: { area: '71.15', n: 2, d: 3, premises: 'flat2' },
  E: { area: '200.00', n: 1, d: 1, premises: '1N' },
  F: { area: '45.70', n: 1, d: 1, premises: 'flat3' },
} as const;
type Owner = keyof typeof OWNERS;

const DECISIONS: DecisionName[] = ['FOR', 'AGAINST', 'ABSTAIN'];

function meeting(
  total: string,
  questions: { threshold: ThresholdName; votes: Partial<Record<Owner, DecisionName>> }[],
): ResultsInput {
  return {
    kind: 'OWNERS_MEETING',
    totalVotesHundredths: hundredthsOf(total),
    questions: questions.map((q, i) => ({
      id: `q${i + 1}`,
      position: i + 1,
      text: `Question ${i + 1}`,
      threshold: q.threshold,
      options: DECISIONS.map((decision, j) => ({
        id: `q${i + 1}-${decision}`,
        position: j + 1,
        text: decision,
        decision,
      })),
    })),
    votes: questions.flatMap((q, i) =>
      Object.entries(q.votes).map(([owner, decision]) => {
        const o = OWNERS[owner as Owner];
        return {
          questionId: `q${i + 1}`,
          optionId: `q${i + 1}-${decision}`,
          voterKey: `o:${owner}:p:${o.premises}`,
          areaHundredths: hundredthsOf(o.area),
          shareNumerator: o.n,
          shareDenominator: o.d,
        };
      }),
    ),
  };
}

const option = (results: ReturnType<typeof computeResults>, q: number, decision: DecisionName) =>
  results.questions[q - 1]!.options.find((o) => o.decision === decision)!;

describe('vote arithmetic', () => {
  it('weighs an ownership exactly and rounds only when printing', () => {
    expect(hundredthsOf('54.3')).toBe(5430n);
    expect(hundredthsOf('371.1500')).toBe(37115n);
    expect(() => hundredthsOf('1.234')).toThrow();
    const c = ownershipVotes(7115n, 1, 3);
    expect(c).toEqual({ n: 7115n, d: 3n });
    expect(formatVotes(c)).toBe('23.72');
    expect(formatVotes(c, 4)).toBe('23.7167');
    expect(formatVotes(ownershipVotes(7115n, 2, 3))).toBe('47.43');
    // Half-up: 0.125 m² → 0.13.
    expect(formatVotes({ n: 25n, d: 2n })).toBe('0.13');
    expect(percentOf({ n: 1n, d: 1n }, { n: 0n, d: 1n })).toBeNull();
  });
});

describe('owners’ meeting results', () => {
  /*
   * Participants: A, C, D, E (B and F did not vote).
   *   participants P = 27.15 + 23.71666… + 47.43333… + 200.00 = 298.30 (C and D together are exactly flat 2's 71.15)
   *   P / T = 298.30 / 371.15 = 80.3718…% → quorum (more than 50 %, ст. 45 ч. 3): 2 × 298.30 = 596.60 > 371.15
   *
   * Q1, majority of the participants' votes: A, D, E for; C against.
   *   for = 27.15 + 47.43333… + 200.00 = 274.58333… (82375/3 hundredths) → 274.58 m², of P: 92.0494…% → 92.05 %
   *   against = 23.71666… → 23.72 m², 7.9506…% → 7.95 %; abstained 0.00 m², 0.00 %
   *   2 × 274.58333… = 549.17 > 298.30 → adopted
   * Q2, at least 2/3 of all votes (capital repair): D, E for; A, C against.
   *   for = 47.43333… + 200.00 = 247.43333… = 742.30/3 m², and 2/3 × 371.15 = 742.30/3: exactly two thirds
   *   3 × for = 742.30 = 2 × T → adopted ("не менее двух третей"); 66.6666…% → 66.67 %
   *   against = 27.15 + 23.71666… = 50.86666… → 50.87 m², of T: 13.7051…% → 13.71 %
   * Q3, more than 50 % of all votes: A, C, D for; E against.
   *   for = 27.15 + 23.71666… + 47.43333… = 98.30 m², of T: 26.4852…% → 26.49 %; 2 × 98.30 = 196.60 < 371.15 → rejected
   *   against = 200.00 m², 53.8865…% → 53.89 %
   * Q4, 100 % (reducing the common property): A, C, D, E for.
   *   for = 298.30 < 371.15 → rejected (B and F did not vote); 80.37 %
   */
  const example = meeting('371.15', [
    { threshold: 'MAJORITY_OF_PARTICIPANTS', votes: { A: 'FOR', C: 'AGAINST', D: 'FOR', E: 'FOR' } },
    { threshold: 'TWO_THIRDS_OF_ALL', votes: { A: 'AGAINST', C: 'AGAINST', D: 'FOR', E: 'FOR' } },
    { threshold: 'MORE_THAN_HALF_OF_ALL', votes: { A: 'FOR', C: 'FOR', D: 'FOR', E: 'AGAINST' } },
    { threshold: 'UNANIMOUS', votes: { A: 'FOR', C: 'FOR', D: 'FOR', E: 'FOR' } },
  ]);

  it('matches the hand-computed example: quorum and each question by area weights', () => {
    const r = computeResults(example);
    expect(r).toMatchObject({
      kind: 'OWNERS_MEETING',
      participants: 4,
      participantVotes: '298.30',
      totalVotes: '371.15',
      participantPercent: '80.37',
      quorum: true,
    });
    expect(r.questions.map((q) => [q.base, q.decision])).toEqual([
      ['PARTICIPANTS', 'ADOPTED'],
      ['ALL', 'ADOPTED'],
      ['ALL', 'REJECTED'],
      ['ALL', 'REJECTED'],
    ]);
    const row = (q: number) =>
      DECISIONS.map((d) => [d, option(r, q, d).votes, option(r, q, d).percent, option(r, q, d).count]);
    expect(row(1)).toEqual([
      ['FOR', '274.58', '92.05', 3],
      ['AGAINST', '23.72', '7.95', 1],
      ['ABSTAIN', '0.00', '0.00', 0],
    ]);
    expect(row(2)).toEqual([
      ['FOR', '247.43', '66.67', 2],
      ['AGAINST', '50.87', '13.71', 2],
      ['ABSTAIN', '0.00', '0.00', 0],
    ]);
    expect(row(3)).toEqual([
      ['FOR', '98.30', '26.49', 3],
      ['AGAINST', '200.00', '53.89', 1],
      ['ABSTAIN', '0.00', '0.00', 0],
    ]);
    expect(row(4)[0]).toEqual(['FOR', '298.30', '80.37', 4]);
  });

  it('2/3 of all votes: exactly two thirds is adopted, a hundredth of a m² more in the house is not', () => {
    // T = 371.16: 2/3 × 371.16 = 247.44 > 247.43333… → rejected, although both print as 66.67 % / 66.66 %.
    const q2 = { threshold: 'TWO_THIRDS_OF_ALL' as const, votes: { D: 'FOR', E: 'FOR' } as const };
    expect(computeResults(meeting('371.15', [q2])).questions[0]!.decision).toBe('ADOPTED');
    const below = computeResults(meeting('371.16', [q2]));
    expect(below.questions[0]!.decision).toBe('REJECTED');
    expect(option(below, 1, 'FOR').percent).toBe('66.66');
  });

  it('quorum just above and just below 50 %, both printed as 50.00 %', () => {
    /*
     * Participants C and E: P = 23.71666… + 200.00 = 223.71666… (67115/3 hundredths), 2P = 447.4333…
     *   T = 447.43: 2P > T → quorum (50.00037…%)
     *   T = 447.44: 2P < T → no quorum (49.99925…%): no question is decided, whatever the votes
     */
    const votes = { C: 'FOR', E: 'FOR' } as const;
    const above = computeResults(meeting('447.43', [{ threshold: 'MAJORITY_OF_PARTICIPANTS', votes }]));
    expect(above).toMatchObject({ quorum: true, participantVotes: '223.72', participantPercent: '50.00' });
    expect(above.questions[0]!.decision).toBe('ADOPTED');
    const below = computeResults(meeting('447.44', [{ threshold: 'MAJORITY_OF_PARTICIPANTS', votes }]));
    expect(below).toMatchObject({ quorum: false, participantPercent: '50.00' });
    expect(below.questions[0]!.decision).toBe('NO_QUORUM');
  });

  it('majority of participants needs more than half: exactly half is rejected', () => {
    // Flat 1 only, in a house of 100.00 m²: P = 54.30 (quorum), A for 27.15 = exactly half of P.
    const half = computeResults(
      meeting('100.00', [
        { threshold: 'MAJORITY_OF_PARTICIPANTS', votes: { A: 'FOR', B: 'AGAINST' } },
        { threshold: 'MAJORITY_OF_PARTICIPANTS', votes: { A: 'FOR', B: 'ABSTAIN' } },
        { threshold: 'MAJORITY_OF_PARTICIPANTS', votes: { A: 'FOR', B: 'FOR' } },
      ]),
    );
    expect(half.quorum).toBe(true);
    expect(half.questions.map((q) => q.decision)).toEqual(['REJECTED', 'REJECTED', 'ADOPTED']);
    expect(option(half, 1, 'FOR').percent).toBe('50.00');
  });

  it('more than 50 % of all votes: exactly half of the house is rejected', () => {
    // T = 400.00: E's 200.00 is exactly half; with A's 27.15 it is more.
    const r = computeResults(
      meeting('400.00', [
        { threshold: 'MORE_THAN_HALF_OF_ALL', votes: { E: 'FOR', A: 'AGAINST' } },
        { threshold: 'MORE_THAN_HALF_OF_ALL', votes: { E: 'FOR', A: 'FOR' } },
      ]),
    );
    expect(r.questions.map((q) => q.decision)).toEqual(['REJECTED', 'ADOPTED']);
    expect(option(r, 1, 'FOR').percent).toBe('50.00');
  });

  it('100 %: adopted only when every owner of the house votes for', () => {
    const everyone = { A: 'FOR', B: 'FOR', C: 'FOR', D: 'FOR', E: 'FOR', F: 'FOR' } as const;
    const all = computeResults(meeting('371.15', [{ threshold: 'UNANIMOUS', votes: everyone }]));
    expect(all).toMatchObject({ participantVotes: '371.15', participantPercent: '100.00' });
    expect(all.questions[0]!.decision).toBe('ADOPTED');
    const oneAbstains = computeResults(
      meeting('371.15', [{ threshold: 'UNANIMOUS', votes: { ...everyone, C: 'ABSTAIN' } }]),
    );
    expect(oneAbstains.questions[0]!.decision).toBe('REJECTED');
  });

  it('counts a participant once however many questions they answered, and refuses a meeting without a total', () => {
    const r = computeResults(
      meeting('371.15', [
        { threshold: 'MAJORITY_OF_PARTICIPANTS', votes: { E: 'FOR' } },
        { threshold: 'MAJORITY_OF_PARTICIPANTS', votes: { E: 'AGAINST', F: 'FOR' } },
      ]),
    );
    // P = 200.00 + 45.70 = 245.70 (66.20 %); on Q1 F took part without answering: 200.00 of 245.70 = 81.40 %.
    expect(r).toMatchObject({ participants: 2, participantVotes: '245.70', participantPercent: '66.20' });
    expect(option(r, 1, 'FOR').percent).toBe('81.40');
    expect(r.questions[0]!.decision).toBe('ADOPTED');
    expect(r.questions[1]!.decision).toBe('REJECTED');
    expect(() => computeResults({ ...example, totalVotesHundredths: null })).toThrow(/total votes/);
  });
});

describe('simple poll results', () => {
  const poll = (votes: [string, string, string][]): ResultsInput => ({
    kind: 'SIMPLE',
    totalVotesHundredths: null,
    questions: [
      {
        id: 'q1',
        position: 1,
        text: 'Colour of the entrance',
        threshold: 'MAJORITY_OF_PARTICIPANTS',
        options: ['green', 'blue', 'beige'].map((text, i) => ({
          id: text,
          position: i + 1,
          text,
          decision: null,
        })),
      },
      {
        id: 'q2',
        position: 2,
        text: 'Bench',
        threshold: 'MAJORITY_OF_PARTICIPANTS',
        options: [
          { id: 'yes', position: 1, text: 'yes', decision: null },
          { id: 'no', position: 2, text: 'no', decision: null },
        ],
      },
    ],
    votes: votes.map(([voterKey, questionId, optionId]) => ({ voterKey, questionId, optionId })),
  });

  it('counts one per voting unit; the plain majority leads, a tie has several leaders', () => {
    const r = computeResults(
      poll([
        ['r:1', 'q1', 'green'],
        ['r:2', 'q1', 'green'],
        ['r:3', 'q1', 'blue'],
        ['r:1', 'q2', 'yes'],
        ['r:2', 'q2', 'no'],
      ]),
    );
    expect(r).toMatchObject({ kind: 'SIMPLE', participants: 3, quorum: null, totalVotes: null });
    expect(r.questions[0]!.options.map((o) => [o.text, o.count, o.percent])).toEqual([
      ['green', 2, '66.67'],
      ['blue', 1, '33.33'],
      ['beige', 0, '0.00'],
    ]);
    expect(r.questions[0]).toMatchObject({ voters: 3, leaders: ['green'], decision: null, base: 'VOTERS' });
    expect(r.questions[1]!.leaders).toEqual(['yes', 'no']);
    expect(computeResults(poll([])).questions[0]!.leaders).toEqual([]);
  });
});
