export {
  ANNOUNCEMENT_FILES_PATH,
  announcementFileSha,
  announcementFileSource,
  getPublicAnnouncementFile,
  readAnnouncementFile,
  storeAnnouncementFile,
  storeAnnouncementFileSchema,
} from './announcement-files.ts';
export { announcementStats, announcementStatsSchema } from './announcement-stats.ts';
export { type Audience, audienceSchema, type ResolvedAudience } from './audience.ts';
export { createAnnouncement, createAnnouncementSchema } from './create-announcement.ts';
export { deleteNews, editNews, editNewsSchema } from './edit-news.ts';
export { deleteFaqEntry, listFaqEntries, saveFaqEntry, saveFaqEntrySchema } from './faq.ts';
export { getAnnouncement, getAnnouncementSchema } from './get-announcement.ts';
export { listAnnouncements, listAnnouncementsSchema } from './list-announcements.ts';
export { listLatestNews, listLatestNewsSchema, type NewsItem } from './list-latest-news.ts';
export { previewAudience } from './preview-audience.ts';
export { publishNews, publishNewsSchema } from './publish-news.ts';
export { scheduleAnnouncement, scheduleAnnouncementSchema } from './schedule-announcement.ts';
export { type FaqHit, searchFaq, searchFaqSchema } from './search-faq.ts';
export { sendAnnouncement, sendAnnouncementSchema } from './send-announcement.ts';
export { sendDueAnnouncements } from './send-due-announcements.ts';
