import { apiRequest, apiUpload } from '../../api/client.ts';
import { queryString } from '../../api/houses.ts';

/** The announcements API (admin-api/src/routes/api/announcements.ts) as the panel uses it. */

export const ANNOUNCEMENT_STATUSES = ['DRAFT', 'SCHEDULED', 'SENDING', 'SENT', 'CANCELLED'] as const;
export type AnnouncementStatus = (typeof ANNOUNCEMENT_STATUSES)[number];

/** A segment as the API takes it: every filter narrows (AND); debts in kopecks, as text. */
export interface AudienceBody {
  houseIds?: string[];
  entrances?: number[];
  ownersOnly?: boolean;
  debtorsAboveKopecks?: string;
  noReadingThisPeriod?: boolean;
}

export interface StoredAudience {
  houseIds: string[] | null;
  entrances: number[] | null;
  ownersOnly: boolean;
  debtorsAboveKopecks: string | null;
  noReadingThisPeriod: boolean;
}

export interface Announcement {
  id: string;
  houseId: string | null;
  audience: StoredAudience;
  title: string | null;
  text: string;
  photo: string | null;
  document: string | null;
  emergency: boolean;
  status: AnnouncementStatus;
  scheduledAt: string | null;
  sentAt: string | null;
  recipientCount: number | null;
  feedOnly: boolean;
  createdAt: string;
}

export interface AnnouncementDetails extends Announcement {
  createdBy: { id: string; fullName: string };
}

export interface AnnouncementList {
  total: number;
  page: number;
  pageSize: number;
  items: Announcement[];
}

export interface DeliveryStats {
  announcementId: string;
  status: string;
  total: number;
  sent: number;
  failed: number;
  blocked: number;
  /** Waiting in the outbox or being sent. */
  pending: number;
  done: boolean;
}

export interface NewAnnouncement {
  title?: string | null;
  text: string;
  photo?: string | null;
  document?: string | null;
  emergency?: boolean;
  audience?: AudienceBody;
}

export interface AnnouncementListQuery {
  kind?: 'announcements' | 'news' | 'all';
  status?: AnnouncementStatus | null;
  page?: number;
  pageSize?: number;
}

export const ANNOUNCEMENTS_KEY = ['announcements'] as const;
export const announcementListKey = (query: AnnouncementListQuery) =>
  [...ANNOUNCEMENTS_KEY, 'list', query] as const;
export const announcementKey = (id: string) => [...ANNOUNCEMENTS_KEY, 'one', id] as const;
export const statsKey = (id: string) => [...ANNOUNCEMENTS_KEY, 'stats', id] as const;
export const previewKey = (audience: AudienceBody) => [...ANNOUNCEMENTS_KEY, 'preview', audience] as const;

const at = (id: string) => `/announcements/${encodeURIComponent(id)}`;
const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

export const fetchAnnouncements = (query: AnnouncementListQuery, signal?: AbortSignal) =>
  apiRequest<AnnouncementList>(
    `/announcements${queryString({ kind: query.kind, status: query.status, page: query.page, pageSize: query.pageSize })}`,
    withSignal(signal),
  );

export const fetchAnnouncement = (id: string, signal?: AbortSignal) =>
  apiRequest<AnnouncementDetails>(at(id), withSignal(signal));

export const fetchStats = (id: string, signal?: AbortSignal) =>
  apiRequest<DeliveryStats>(`${at(id)}/stats`, withSignal(signal));

export const previewAudience = (audience: AudienceBody) =>
  apiRequest<{ recipients: number }>('/announcements/preview', { method: 'POST', body: audience });

export const createAnnouncement = (body: NewAnnouncement) =>
  apiRequest<Announcement>('/announcements', { method: 'POST', body });

export const sendAnnouncement = (id: string) =>
  apiRequest<Announcement>(`${at(id)}/send`, { method: 'POST' });

/** `at` null takes a scheduled announcement back to draft. */
export const scheduleAnnouncement = (id: string, when: string | null) =>
  apiRequest<Announcement>(`${at(id)}/schedule`, { method: 'POST', body: { at: when } });

export interface StoredFile {
  url: string;
  sha256: string;
  size: number;
  mimeType: string;
}

/**
 * Stores a photo or document for an announcement: the file itself is the request body. The answer's URL is what
 * the announcement's photo/document then names (Telegram fetches it from there when the outbox sends).
 */
export const uploadAnnouncementFile = (kind: 'photo' | 'document', file: File) =>
  apiUpload<StoredFile>(`/announcements/files${queryString({ kind })}`, file);
