import type { TicketCategory } from '@domovoy/prisma';
import { CATEGORIES, type TicketExample } from './examples.ts';
import type { TicketClassification, TicketClassifier } from './train.ts';

export interface Evaluation {
  total: number;
  categoryAccuracy: number;
  urgencyAccuracy: number;
  /** Of the tickets labelled EMERGENCY, the share classified EMERGENCY. */
  emergencyRecall: number;
  /** Of the tickets classified EMERGENCY, the share labelled EMERGENCY. */
  emergencyPrecision: number;
  emergencies: { labelled: number; predicted: number; caught: number };
  /** confusion[actual][predicted] = count. */
  confusion: Record<TicketCategory, Record<TicketCategory, number>>;
  mistakes: { example: Pick<TicketExample, 'text' | 'category' | 'urgency'>; got: TicketClassification }[];
}

const ratio = (n: number, d: number) => (d === 0 ? 1 : n / d);

/** Classifies every example and compares with its labels. */
export function evaluate(
  classifier: TicketClassifier,
  examples: readonly Pick<TicketExample, 'text' | 'category' | 'urgency'>[],
): Evaluation {
  const confusion = Object.fromEntries(
    CATEGORIES.map((actual) => [actual, Object.fromEntries(CATEGORIES.map((p) => [p, 0]))]),
  ) as Evaluation['confusion'];
  let categoryOk = 0;
  let urgencyOk = 0;
  const emergencies = { labelled: 0, predicted: 0, caught: 0 };
  const mistakes: Evaluation['mistakes'] = [];
  for (const example of examples) {
    const got = classifier.classify(example.text);
    confusion[example.category][got.category] += 1;
    if (got.category === example.category) categoryOk++;
    if (got.urgency === example.urgency) urgencyOk++;
    const labelled = example.urgency === 'EMERGENCY';
    const predicted = got.urgency === 'EMERGENCY';
    if (labelled) emergencies.labelled++;
    if (predicted) emergencies.predicted++;
    if (labelled && predicted) emergencies.caught++;
    if (got.category !== example.category || labelled !== predicted) mistakes.push({ example, got });
  }
  return {
    total: examples.length,
    categoryAccuracy: ratio(categoryOk, examples.length),
    urgencyAccuracy: ratio(urgencyOk, examples.length),
    emergencyRecall: ratio(emergencies.caught, emergencies.labelled),
    emergencyPrecision: ratio(emergencies.caught, emergencies.predicted),
    emergencies,
    confusion,
    mistakes,
  };
}

const SHORT: Record<TicketCategory, string> = {
  PLUMBING: 'PLUMB',
  ELECTRICITY: 'ELEC',
  HEATING: 'HEAT',
  LIFT: 'LIFT',
  CLEANING: 'CLEAN',
  YARD: 'YARD',
  INTERCOM: 'INTCM',
  ROOF_FACADE: 'ROOF',
  NOISE: 'NOISE',
  BILLING: 'BILL',
  OTHER: 'OTHER',
};

/** The confusion matrix as a fixed-width table: rows are the labels, columns the predictions, zeros as dots. */
export function formatConfusion(confusion: Evaluation['confusion']): string {
  const width = 6;
  const head = `${'actual \\ predicted'.padEnd(19)}${CATEGORIES.map((c) => SHORT[c].padStart(width)).join('')}${'recall'.padStart(8)}`;
  const rows = CATEGORIES.map((actual) => {
    const row = confusion[actual];
    const total = CATEGORIES.reduce((sum, p) => sum + row[p], 0);
    const cells = CATEGORIES.map((p) => (row[p] === 0 ? '.' : String(row[p])).padStart(width)).join('');
    const recall = total === 0 ? 'n/a' : `${((100 * row[actual]) / total).toFixed(0)} %`;
    return `${actual.padEnd(19)}${cells}${recall.padStart(8)}`;
  });
  return [head, ...rows].join('\n');
}
