// Ticket use-cases behind the bot: the resident's thread, files and answers to "done", the executor's work on
// assigned tickets, and the system's auto-close. Exported from the package index in one line.
export { acceptAssignmentSchema, acceptTicketAssignment } from './accept-assignment.ts';
export {
  addResidentComment,
  addResidentCommentSchema,
  addResidentTicketFiles,
  addTicketFilesSchema,
} from './add-resident-comment.ts';
export { addStaffTicketFiles, addStaffTicketFilesSchema } from './add-staff-ticket-files.ts';
export { assignmentAccepted, getAssignedTicket, listAssignedTickets } from './assigned-tickets.ts';
export { AUTO_CLOSE_AFTER_DAYS, autoCloseResolvedTickets } from './auto-close-resolved-tickets.ts';
export { getResidentTicket, listOpenResidentTickets, type ThreadEntry } from './get-resident-ticket.ts';
export { type AssigneeNotice, notifyTicketAssignee } from './notify-assignee.ts';
export { rateTicket, rateTicketSchema } from './rate-ticket.ts';
export { OPEN_TICKET_STATUSES } from './resident-ticket.ts';
export {
  cancelResidentTicket,
  confirmTicketDone,
  reopenResidentTicket,
  reopenTicketSchema,
} from './resident-ticket-status.ts';
export {
  checkIncomingFile,
  getTicketAttachment,
  type IncomingFile,
  incomingFileSchema,
  isPendingAttachment,
  listPendingAttachments,
  recordTicketAttachments,
  storeTicketAttachment,
} from './ticket-attachments.ts';
export {
  doneNoticeKeyboard,
  EXECUTOR_TICKET_CALLBACK,
  executorNoticeKeyboard,
  RESIDENT_TICKET_CALLBACK,
} from './ticket-buttons.ts';
