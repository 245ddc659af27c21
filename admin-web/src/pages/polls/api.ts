import { apiDownload, apiRequest } from '../../api/client.ts';
import { queryString } from '../../api/houses.ts';

/** The polls API (admin-api/src/routes/api/polls.ts) as the panel uses it. */

export const POLL_KINDS = ['SIMPLE', 'OWNERS_MEETING'] as const;
export type PollKind = (typeof POLL_KINDS)[number];
export const POLL_STATUSES = ['DRAFT', 'ACTIVE', 'FINISHED', 'CANCELLED'] as const;
export type PollStatus = (typeof POLL_STATUSES)[number];
export type VoteUnit = 'PER_RESIDENT' | 'PER_PREMISES' | 'BY_OWNERSHIP';
export const THRESHOLDS = [
  'MAJORITY_OF_PARTICIPANTS',
  'MORE_THAN_HALF_OF_ALL',
  'TWO_THIRDS_OF_ALL',
  'UNANIMOUS',
] as const;
export type Threshold = (typeof THRESHOLDS)[number];
export const VISIBILITIES = ['LIVE', 'AFTER_VOTE', 'AFTER_END', 'STAFF_ONLY'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
export const MEETING_FORMS = ['ABSENTEE', 'IN_PERSON', 'MIXED'] as const;
export type MeetingForm = (typeof MEETING_FORMS)[number];
export type Decision = 'FOR' | 'AGAINST' | 'ABSTAIN';

export interface PollListItem {
  id: string;
  houseId: string;
  address: string;
  kind: PollKind;
  title: string;
  status: PollStatus;
  voteUnit: VoteUnit;
  entrances: number[];
  startsAt: string;
  endsAt: string;
  createdAt: string;
  questions: number;
  voters: number;
}

export interface PollList {
  total: number;
  page: number;
  pageSize: number;
  items: PollListItem[];
}

export interface PollDetails {
  id: string;
  houseId: string;
  address: string;
  timezone: string;
  entrances: number[];
  kind: PollKind;
  title: string;
  description: string | null;
  voteUnit: VoteUnit;
  startsAt: string;
  endsAt: string;
  status: PollStatus;
  resultsVisibility: Visibility;
  meetingForm: MeetingForm | null;
  initiator: string | null;
  totalVotes: string | null;
  createdAt: string;
  createdBy: { id: string; fullName: string };
  questions: {
    id: string;
    position: number;
    text: string;
    threshold: Threshold;
    options: { id: string; position: number; text: string; decision: Decision | null }[];
  }[];
  voters: number;
  invited: number;
}

export interface OptionResult {
  id: string;
  position: number;
  text: string;
  decision: Decision | null;
  count: number;
  /** m² as exact text, owners' meetings only. */
  votes: string | null;
  percent: string | null;
}

export interface PollResults {
  kind: PollKind;
  participants: number;
  participantVotes: string | null;
  totalVotes: string | null;
  participantPercent: string | null;
  quorum: boolean | null;
  questions: {
    id: string;
    position: number;
    text: string;
    threshold: Threshold;
    base: 'PARTICIPANTS' | 'ALL' | 'VOTERS';
    voters: number;
    decision: 'ADOPTED' | 'REJECTED' | 'NO_QUORUM' | null;
    leaders: string[];
    options: OptionResult[];
  }[];
}

export interface RegisterRow {
  ownerId: string;
  ownerName: string;
  premisesKind: 'FLAT' | 'NON_RESIDENTIAL';
  premisesNumber: string;
  share: string;
  area: string;
  votes: string;
  answers: Record<string, Decision>;
}

export interface NewPoll {
  houseId: string;
  kind: PollKind;
  title: string;
  description?: string | null;
  voteUnit?: VoteUnit;
  entrances?: number[];
  endsAt: string;
  resultsVisibility?: Visibility;
  meetingForm?: MeetingForm;
  initiator?: string | null;
  questions: { text: string; options?: string[]; threshold?: Threshold }[];
}

export interface PollListQuery {
  houseId?: string | null;
  status?: PollStatus | null;
  page?: number;
  pageSize?: number;
}

export const POLLS_KEY = ['polls'] as const;
export const pollListKey = (query: PollListQuery) => [...POLLS_KEY, 'list', query] as const;
export const pollKey = (id: string) => [...POLLS_KEY, id] as const;
export const pollResultsKey = (id: string) => [...POLLS_KEY, id, 'results'] as const;
export const pollRegisterKey = (id: string) => [...POLLS_KEY, id, 'register'] as const;

const at = (id: string) => `/polls/${encodeURIComponent(id)}`;

export function fetchPolls(query: PollListQuery, signal?: AbortSignal): Promise<PollList> {
  return apiRequest<PollList>(
    `/polls${queryString({ houseId: query.houseId, status: query.status, page: query.page, pageSize: query.pageSize })}`,
    signal ? { signal } : {},
  );
}

export const fetchPoll = (id: string, signal?: AbortSignal) =>
  apiRequest<PollDetails>(at(id), signal ? { signal } : {});

export const fetchPollResults = (id: string, signal?: AbortSignal) =>
  apiRequest<{ results: PollResults }>(`${at(id)}/results`, signal ? { signal } : {});

export const fetchPollRegister = (id: string, signal?: AbortSignal) =>
  apiRequest<{ items: RegisterRow[] }>(`${at(id)}/register`, signal ? { signal } : {});

export const createPoll = (body: NewPoll) => apiRequest<PollDetails>('/polls', { method: 'POST', body });

export const publishPoll = (id: string) =>
  apiRequest<PollDetails & { recipients: number }>(`${at(id)}/publish`, { method: 'POST' });

export const closePoll = (id: string) =>
  apiRequest<PollDetails & { notified: number }>(`${at(id)}/close`, { method: 'POST' });

export const downloadProtocol = (id: string, format: 'pdf' | 'xlsx', language: string) =>
  apiDownload(`${at(id)}/protocol.${format}${queryString({ language })}`, `protocol.${format}`);
