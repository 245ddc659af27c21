import type { Tx } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import type { TicketStatus } from './ticket-status.ts';

/** Statuses in which a ticket still waits for work or for the resident's answer. */
export const OPEN_TICKET_STATUSES: readonly TicketStatus[] = [
  'NEW',
  'ACCEPTED',
  'IN_PROGRESS',
  'ON_HOLD',
  'DONE',
  'REOPENED',
];

/**
 * The resident's own ticket, for a change they make. Someone else's ticket is "not found" (never "forbidden"), so
 * ticket ids reveal nothing.
 */
export async function loadResidentTicket(tx: Tx, telegramUserId: bigint, ticketId: string) {
  const ticket = await tx.ticket.findFirst({
    where: { id: ticketId, resident: { telegramUserId, deletedAt: null } },
    select: { id: true, number: true, status: true, residentId: true, assigneeId: true, houseId: true },
  });
  if (!ticket?.residentId) throw new AppError('NOT_FOUND', 'ticket not found', { what: 'ticket' });
  return { ...ticket, residentId: ticket.residentId, status: ticket.status as TicketStatus };
}
