import { z } from 'zod';
import { type DomainDeps, nowOf } from '../context.ts';
import { AppError, isAppError } from '../errors/app-error.ts';
import { notifyTicketAssignee } from './notify-assignee.ts';
import { loadResidentTicket } from './resident-ticket.ts';
import { assertTransition, type TicketStatus } from './ticket-status.ts';

const ticketInput = z.object({ telegramUserId: z.bigint(), ticketId: z.string().min(1).max(64) });
export const reopenTicketSchema = ticketInput.extend({ reason: z.string().trim().min(1).max(2000) });

/**
 * One status change by the resident, checked against the life cycle of ticket-status.ts. The update is conditional
 * on the status it was read in, so a staff change in between makes this one fail instead of overwriting it.
 */
async function moveAsResident(
  deps: DomainDeps,
  input: { telegramUserId: bigint; ticketId: string; to: TicketStatus; reason?: string },
) {
  return deps.db.prisma.$transaction(async (tx) => {
    const ticket = await loadResidentTicket(tx, input.telegramUserId, input.ticketId);
    try {
      assertTransition(ticket.status, input.to, 'RESIDENT', input.reason);
    } catch (error) {
      // The resident's chat names tickets by number; the refusal carries it.
      if (isAppError(error))
        throw new AppError(error.code, error.message, { ...error.details, number: ticket.number });
      throw error;
    }
    const now = nowOf(deps);
    const { count } = await tx.ticket.updateMany({
      where: { id: ticket.id, status: ticket.status },
      data: {
        status: input.to,
        ...(input.to === 'CLOSED' ? { closedAt: now } : {}),
        ...(input.to === 'CANCELLED' ? { cancelledAt: now } : {}),
        ...(input.to === 'REOPENED' ? { reopenCount: { increment: 1 }, closedAt: null } : {}),
        updatedAt: now,
      },
    });
    if (count === 0) {
      throw new AppError('INVALID_STATE', 'the ticket changed meanwhile', {
        what: 'ticket_transition',
        from: ticket.status,
        to: input.to,
        allowed: [],
      });
    }
    const history = await tx.ticketHistory.create({
      data: {
        ticketId: ticket.id,
        actorKind: 'RESIDENT',
        actorResidentId: ticket.residentId,
        field: 'status',
        fromValue: ticket.status,
        toValue: input.to,
        comment: input.reason ?? null,
        createdAt: now,
      },
      select: { id: true },
    });
    if (input.to === 'REOPENED' || input.to === 'CANCELLED') {
      await notifyTicketAssignee(tx, {
        ticketId: ticket.id,
        eventId: history.id.toString(),
        notice:
          input.to === 'REOPENED' ? { kind: 'reopened', reason: input.reason ?? '' } : { kind: 'cancelled' },
      });
    }
    return { id: ticket.id, number: ticket.number, status: input.to };
  });
}

/** The resident withdraws a ticket nobody has accepted yet (DOMAIN.md: by the resident while new). */
export async function cancelResidentTicket(deps: DomainDeps, input: z.input<typeof ticketInput>) {
  const args = ticketInput.parse(input);
  return moveAsResident(deps, { ...args, to: 'CANCELLED' });
}

/** The resident confirms the work is done: the ticket closes (then they may rate it). */
export async function confirmTicketDone(deps: DomainDeps, input: z.input<typeof ticketInput>) {
  const args = ticketInput.parse(input);
  return moveAsResident(deps, { ...args, to: 'CLOSED' });
}

/** The resident says the work is not done (from done or closed), with a reason; the dispatcher takes it again. */
export async function reopenResidentTicket(deps: DomainDeps, input: z.input<typeof reopenTicketSchema>) {
  const args = reopenTicketSchema.parse(input);
  return moveAsResident(deps, { ...args, to: 'REOPENED' });
}
