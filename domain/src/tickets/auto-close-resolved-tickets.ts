import { type DomainDeps, nowOf } from '../context.ts';
import { notifyTicketResident } from './notify-resident.ts';
import { assertTransition } from './ticket-status.ts';

/** DOMAIN.md: a done ticket closes by itself after 3 days without the resident's answer. */
export const AUTO_CLOSE_AFTER_DAYS = 3;

/**
 * The cron pass: every ticket done more than 3 days ago and still unanswered is closed by the system, with a
 * history row and a notice to the resident. Each ticket commits on its own and only if it is still DONE with the
 * same resolvedAt, so a resident answering meanwhile, or a second worker, never gets overwritten or a double notice.
 */
export async function autoCloseResolvedTickets(
  deps: DomainDeps,
  options: { batchSize?: number } = {},
): Promise<{ closed: number }> {
  assertTransition('DONE', 'CLOSED', 'SYSTEM');
  const now = nowOf(deps);
  const cutoff = new Date(now.getTime() - AUTO_CLOSE_AFTER_DAYS * 24 * 3600_000);
  const batchSize = options.batchSize ?? 200;
  let closed = 0;
  let afterId = '';
  for (;;) {
    const due = await deps.db.prisma.ticket.findMany({
      where: { status: 'DONE', resolvedAt: { lte: cutoff }, id: { gt: afterId } },
      orderBy: { id: 'asc' },
      take: batchSize,
      select: { id: true, number: true, residentId: true, resolvedAt: true },
    });
    for (const ticket of due) {
      const done = await deps.db.prisma.$transaction(async (tx) => {
        const { count } = await tx.ticket.updateMany({
          where: { id: ticket.id, status: 'DONE', resolvedAt: ticket.resolvedAt },
          data: { status: 'CLOSED', closedAt: now, updatedAt: now },
        });
        if (count === 0) return false;
        const history = await tx.ticketHistory.create({
          data: {
            ticketId: ticket.id,
            actorKind: 'SYSTEM',
            field: 'status',
            fromValue: 'DONE',
            toValue: 'CLOSED',
            comment: `no answer within ${AUTO_CLOSE_AFTER_DAYS} days`,
            createdAt: now,
          },
          select: { id: true },
        });
        await notifyTicketResident(tx, ticket, { kind: 'status', status: 'CLOSED', historyId: history.id });
        return true;
      });
      if (done) closed += 1;
    }
    if (due.length < batchSize) break;
    afterId = due.at(-1)!.id;
  }
  return { closed };
}
