// listTickets (the first inbox) gave way to inbox/list-inbox.ts; the status list moved to the life cycle it names.
// This re-export stays only while inbox/list-inbox.ts imports it from here — drop the file once it imports
// ticket-status.ts.
export { TICKET_STATUSES } from './ticket-status.ts';
