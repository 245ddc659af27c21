export {
  calculatePenalty,
  type KeyRateEntry,
  PENALTY_CONVENTIONS,
  type PenaltyDebt,
  type PenaltyFraction,
  type PenaltyInput,
  type PenaltyLine,
  type PenaltyPayment,
  type PenaltyPeriodSummary,
  type PenaltyReport,
  type PenaltyRuleEntry,
  type PenaltyRuleKind,
} from './calculate-penalty.ts';
export { getPenaltyReport, getPenaltyReportInputSchema } from './get-penalty-report.ts';
export { type PenaltyReportView, penaltyReportView } from './penalty-view.ts';
export { postPenalties, postPenaltiesInputSchema } from './post-penalties.ts';
