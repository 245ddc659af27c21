import type { TicketExample } from './examples.ts';

/** mulberry32: a tiny seeded PRNG, so a split is the same on every machine and run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface SplitOptions {
  seed: number;
  /** The share held out for testing, 0–1. */
  testShare: number;
}

export const DEFAULT_SPLIT: SplitOptions = { seed: 20_260_601, testShare: 0.2 };

type Stratified = Pick<TicketExample, 'category' | 'urgency' | 'lang'>;

/** The examples grouped by category × urgency × language, cells in a fixed order, each shuffled by `random`. */
function shuffledCells<T extends Stratified>(examples: readonly T[], random: () => number): T[][] {
  const cells = new Map<string, T[]>();
  for (const example of examples) {
    const key = `${example.category}/${example.urgency}/${example.lang}`;
    const cell = cells.get(key);
    if (cell) cell.push(example);
    else cells.set(key, [example]);
  }
  return [...cells.keys()].sort().map((key) => {
    const cell = [...cells.get(key)!];
    for (let i = cell.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [cell[i], cell[j]] = [cell[j]!, cell[i]!];
    }
    return cell;
  });
}

/**
 * A stratified train/test split: within every category × urgency × language cell, a seeded shuffle, then the
 * first round(testShare × size) go to the test set. So each category keeps its share of emergencies and of
 * English in both halves, and the same seed always gives the same split.
 */
export function stratifiedSplit<T extends Stratified>(
  examples: readonly T[],
  options: SplitOptions = DEFAULT_SPLIT,
): { train: T[]; test: T[] } {
  const train: T[] = [];
  const test: T[] = [];
  for (const cell of shuffledCells(examples, seededRandom(options.seed))) {
    const testCount = Math.round(cell.length * options.testShare);
    test.push(...cell.slice(0, testCount));
    train.push(...cell.slice(testCount));
  }
  return { train, test };
}

/** k folds stratified the same way (for tuning on the training half without touching the test half). */
export function stratifiedFolds<T extends Stratified>(
  examples: readonly T[],
  k: number,
  seed: number,
): T[][] {
  const folds: T[][] = Array.from({ length: k }, () => []);
  let next = 0;
  // Dealt round-robin, continuing across cells, so small cells do not all land in fold 0.
  for (const cell of shuffledCells(examples, seededRandom(seed))) {
    for (const example of cell) folds[next++ % k]!.push(example);
  }
  return folds;
}
