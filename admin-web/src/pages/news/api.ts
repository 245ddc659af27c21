import { apiRequest } from '../../api/client.ts';
import type { Announcement } from '../announcements/api.ts';

/** News items and FAQ entries (admin-api/src/routes/api/announcements.ts) as the panel uses them. */

export interface FaqEntry {
  id: string;
  /** null: every house of the organisation. */
  houseId: string | null;
  question: string;
  answer: string;
  language: 'ru' | 'en';
  position: number;
  published: boolean;
  updatedAt: string;
}

export interface FaqBody {
  houseId?: string | null;
  question: string;
  answer: string;
  language?: 'ru' | 'en';
  position?: number;
  published?: boolean;
}

export const FAQ_KEY = ['faq'] as const;

const news = (id: string) => `/news/${encodeURIComponent(id)}`;
const faq = (id: string) => `/faq/${encodeURIComponent(id)}`;

export const publishNews = (body: { title: string; text: string; houseIds?: string[] }) =>
  apiRequest<Announcement>('/news', { method: 'POST', body });

export const editNews = (id: string, body: { title: string; text: string }) =>
  apiRequest<Announcement>(news(id), { method: 'PUT', body });

export const deleteNews = (id: string) => apiRequest<{ deleted: boolean }>(news(id), { method: 'DELETE' });

export const fetchFaq = (signal?: AbortSignal) =>
  apiRequest<{ items: FaqEntry[]; editable: boolean[] }>('/faq', signal ? { signal } : {});

export const createFaq = (body: FaqBody) => apiRequest<FaqEntry>('/faq', { method: 'POST', body });

export const updateFaq = (id: string, body: FaqBody) =>
  apiRequest<FaqEntry>(faq(id), { method: 'PUT', body });

export const deleteFaq = (id: string) => apiRequest<{ deleted: boolean }>(faq(id), { method: 'DELETE' });
