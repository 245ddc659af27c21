import type { Decision, MeetingForm, PollKind, PollStatus, Threshold, Visibility, VoteUnit } from './api.ts';

/** web.json keys for the API's enum values; literal so the unused-key test can see them. */
export const KIND_KEYS: Record<PollKind, string> = {
  SIMPLE: 'polls.kind.SIMPLE',
  OWNERS_MEETING: 'polls.kind.OWNERS_MEETING',
};

export const STATUS_KEYS: Record<PollStatus, string> = {
  DRAFT: 'polls.status.DRAFT',
  ACTIVE: 'polls.status.ACTIVE',
  FINISHED: 'polls.status.FINISHED',
  CANCELLED: 'polls.status.CANCELLED',
};

export const STATUS_COLORS: Record<PollStatus, string> = {
  DRAFT: 'gray',
  ACTIVE: 'teal',
  FINISHED: 'blue',
  CANCELLED: 'red',
};

export const UNIT_KEYS: Record<VoteUnit, string> = {
  PER_RESIDENT: 'polls.unit.PER_RESIDENT',
  PER_PREMISES: 'polls.unit.PER_PREMISES',
  BY_OWNERSHIP: 'polls.unit.BY_OWNERSHIP',
};

export const THRESHOLD_KEYS: Record<Threshold, string> = {
  MAJORITY_OF_PARTICIPANTS: 'polls.threshold.MAJORITY_OF_PARTICIPANTS',
  MORE_THAN_HALF_OF_ALL: 'polls.threshold.MORE_THAN_HALF_OF_ALL',
  TWO_THIRDS_OF_ALL: 'polls.threshold.TWO_THIRDS_OF_ALL',
  UNANIMOUS: 'polls.threshold.UNANIMOUS',
};

/** Where a threshold sits on its base's 0–100 % scale, for the chart's marker. */
export const THRESHOLD_PERCENT: Record<Threshold, number> = {
  MAJORITY_OF_PARTICIPANTS: 50,
  MORE_THAN_HALF_OF_ALL: 50,
  TWO_THIRDS_OF_ALL: 200 / 3,
  UNANIMOUS: 100,
};

export const VISIBILITY_KEYS: Record<Visibility, string> = {
  LIVE: 'polls.visibility.LIVE',
  AFTER_VOTE: 'polls.visibility.AFTER_VOTE',
  AFTER_END: 'polls.visibility.AFTER_END',
  STAFF_ONLY: 'polls.visibility.STAFF_ONLY',
};

export const FORM_KEYS: Record<MeetingForm, string> = {
  ABSENTEE: 'polls.form.ABSENTEE',
  IN_PERSON: 'polls.form.IN_PERSON',
  MIXED: 'polls.form.MIXED',
};

export const DECISION_KEYS: Record<Decision, string> = {
  FOR: 'polls.decision.FOR',
  AGAINST: 'polls.decision.AGAINST',
  ABSTAIN: 'polls.decision.ABSTAIN',
};

export const DECISION_COLORS: Record<Decision, string> = {
  FOR: '#2f9e44',
  AGAINST: '#e03131',
  ABSTAIN: '#868e96',
};

export const OUTCOME_KEYS = {
  ADOPTED: 'polls.outcome.ADOPTED',
  REJECTED: 'polls.outcome.REJECTED',
  NO_QUORUM: 'polls.outcome.NO_QUORUM',
} as const;

export const BASE_KEYS = {
  PARTICIPANTS: 'polls.base.PARTICIPANTS',
  ALL: 'polls.base.ALL',
  VOTERS: 'polls.base.VOTERS',
} as const;
