export { assignTicket, assignTicketSchema } from './assign-ticket.ts';
export { getTicketDetail } from './get-ticket-detail.ts';
export { type InboxCache, openInboxCache, TICKET_CHANGES_CHANNEL } from './inbox-cache.ts';
export {
  COUNT_LIMIT,
  type ListInboxInput,
  listInbox,
  listInboxSchema,
  RATING_FILTERS,
  type StatusCounters,
  TICKET_URGENCIES,
} from './list-inbox.ts';
export { listTicketAssignees } from './list-ticket-assignees.ts';
export { setTicketDueDate, setTicketDueDateSchema } from './set-ticket-due-date.ts';
export { ticketScope, ticketVisibleTo } from './ticket-access.ts';
export {
  exportTicketAnalytics,
  type TicketAnalytics,
  ticketAnalytics,
  ticketAnalyticsSchema,
} from './ticket-analytics.ts';
export {
  changeVisibleTo,
  type TicketChange,
  TicketFeed,
  type TicketFeedOptions,
  ticketChangesSince,
} from './ticket-feed.ts';
