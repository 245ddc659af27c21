import { EXECUTOR_TICKET_CALLBACK, RESIDENT_TICKET_CALLBACK } from '@domovoy/domain';
import { defineCallbackData } from './define.ts';

/** A resident's action on one of their tickets; the domain's "done" notice uses the same format. */
export const residentTicketData = defineCallbackData(RESIDENT_TICKET_CALLBACK, ['action', 'ticketId']);
/** An executor's action on a ticket assigned to them; the domain's assignment notice uses the same format. */
export const executorTicketData = defineCallbackData(EXECUTOR_TICKET_CALLBACK, ['action', 'ticketId']);
/** The answer to "a new ticket, or a comment on ticket №N?" after a plain message. */
export const ticketOfferData = defineCallbackData('to', ['action', 'ticketId']);
