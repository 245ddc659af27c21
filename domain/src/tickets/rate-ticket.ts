import { z } from 'zod';
import { type DomainDeps, nowOf } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { loadResidentTicket } from './resident-ticket.ts';

export const rateTicketSchema = z.object({
  telegramUserId: z.bigint(),
  ticketId: z.string().min(1).max(64),
  rating: z.number().int().min(1).max(5),
  comment: z.string().trim().max(2000).nullish(),
});

/**
 * The resident rates the work of a closed ticket, 1 to 5, with an optional comment. Rating again (adding the
 * comment a moment later, or changing one's mind) replaces the rating; each change is in the history.
 */
export async function rateTicket(deps: DomainDeps, input: z.input<typeof rateTicketSchema>) {
  const args = rateTicketSchema.parse(input);
  return deps.db.prisma.$transaction(async (tx) => {
    const ticket = await loadResidentTicket(tx, args.telegramUserId, args.ticketId);
    if (ticket.status !== 'CLOSED') {
      throw new AppError('INVALID_STATE', 'only a closed ticket can be rated', {
        what: 'ticket_not_closed',
        status: ticket.status,
      });
    }
    const before = await tx.ticket.findUniqueOrThrow({ where: { id: ticket.id }, select: { rating: true } });
    const now = nowOf(deps);
    const comment = args.comment || null;
    await tx.ticket.update({
      where: { id: ticket.id },
      data: { rating: args.rating, ratingComment: comment, updatedAt: now },
      select: { id: true },
    });
    await tx.ticketHistory.create({
      data: {
        ticketId: ticket.id,
        actorKind: 'RESIDENT',
        actorResidentId: ticket.residentId,
        field: 'rating',
        fromValue: before.rating?.toString() ?? null,
        toValue: String(args.rating),
        comment,
        createdAt: now,
      },
    });
    return { id: ticket.id, number: ticket.number, rating: args.rating, ratingComment: comment };
  });
}
