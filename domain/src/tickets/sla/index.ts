export { changeTicketUrgency, changeTicketUrgencySchema } from './change-ticket-urgency.ts';
export {
  addWorkingMinutes,
  computeSlaDeadlines,
  LEGAL_EMERGENCY_REACTION_MINUTES,
  type SlaDeadlines,
  type SlaHouse,
  type SlaTargets,
} from './compute-sla-deadlines.ts';
export { type BreachKind, type EscalationOptions, escalateSlaBreaches } from './escalate-sla-breaches.ts';
export { findSlaTargets, slaDeadlinesFor } from './sla-rules.ts';
export { AT_RISK_SHARE, OPEN_STATUSES, type SlaClock, type SlaView, slaView } from './sla-state.ts';
export { DEFAULT_WORKING_WEEK, parseWorkingHours, type WorkingWeek } from './working-hours.ts';
