import type {
  PenaltyLine,
  PenaltyPeriodSummary,
  PenaltyReport,
  PenaltyRuleEntry,
} from './calculate-penalty.ts';

/**
 * The penalty report as JSON (API answers and `Penalty.details`): kopecks as integers, dates as YYYY-MM-DD,
 * months as YYYY-MM. A report's amounts are far below 2^53 kopecks, so numbers stay exact.
 */

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const isoMonth = (d: Date) => d.toISOString().slice(0, 7);

function kopecks(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER))
    throw new Error(`amount out of the exact number range: ${value}`);
  return Number(value);
}

export const penaltyLineView = (line: PenaltyLine) => ({
  period: isoMonth(line.period),
  paidAt: line.paidAt ? isoDay(line.paidAt) : null,
  portionKopecks: kopecks(line.portionKopecks),
  from: isoDay(line.from),
  to: isoDay(line.to),
  days: line.days,
  dayFrom: line.dayFrom,
  dayTo: line.dayTo,
  fraction: line.fraction,
  rateDate: isoDay(line.rateDate),
  keyRateBp: line.keyRateBp,
  rateBp: line.rateBp,
  amountKopecks: kopecks(line.amountKopecks),
});

export const penaltyPeriodView = (p: PenaltyPeriodSummary) => ({
  period: isoMonth(p.period),
  dueDate: isoDay(p.dueDate),
  debtKopecks: kopecks(p.debtKopecks),
  paidKopecks: kopecks(p.paidKopecks),
  unpaidKopecks: kopecks(p.unpaidKopecks),
  penaltyKopecks: kopecks(p.penaltyKopecks),
});

export const penaltyRuleView = (r: PenaltyRuleEntry) => ({
  kind: r.kind,
  validFrom: isoDay(r.validFrom),
  validTo: r.validTo ? isoDay(r.validTo) : null,
  value: r.value,
  source: r.source,
});

export const penaltyReportView = (report: PenaltyReport) => ({
  asOf: isoDay(report.asOf),
  totalKopecks: kopecks(report.totalKopecks),
  unallocatedKopecks: kopecks(report.unallocatedKopecks),
  periods: report.periods.map(penaltyPeriodView),
  lines: report.lines.map(penaltyLineView),
  rules: report.rules.map(penaltyRuleView),
  conventions: report.conventions.map((c) => ({ code: c.code, text: c.text })),
});

export type PenaltyReportView = ReturnType<typeof penaltyReportView>;
