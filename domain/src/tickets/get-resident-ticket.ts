import type { DomainDeps } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { OPEN_TICKET_STATUSES } from './resident-ticket.ts';

export interface ThreadEntry {
  at: Date;
  kind: 'message' | 'status';
  /** Who wrote or changed it, as the resident sees it. */
  by: 'RESIDENT' | 'STAFF' | 'SYSTEM';
  text: string;
  /** Status changes: the new status. */
  status?: string;
  /** Messages: kinds of the files they carry. */
  files: string[];
}

/**
 * One of the resident's tickets with its thread as they see it: their messages and staff replies (never internal
 * notes), status changes, files. The newest `take` entries, oldest first.
 */
export async function getResidentTicket(
  deps: DomainDeps,
  input: { telegramUserId: bigint; ticketId: string; take?: number },
) {
  const ticket = await deps.db.prisma.ticket.findFirst({
    where: { id: input.ticketId, resident: { telegramUserId: input.telegramUserId, deletedAt: null } },
    select: {
      id: true,
      number: true,
      status: true,
      category: true,
      urgency: true,
      description: true,
      createdAt: true,
      rating: true,
      ratingComment: true,
      house: { select: { address: true, timezone: true } },
      premises: { select: { number: true } },
      attachments: { where: { messageId: null }, select: { kind: true } },
      messages: {
        where: { internal: false },
        orderBy: { createdAt: 'asc' },
        select: { createdAt: true, authorKind: true, text: true, attachments: { select: { kind: true } } },
      },
      history: {
        where: { field: 'status', fromValue: { not: null } },
        orderBy: { createdAt: 'asc' },
        select: { createdAt: true, actorKind: true, toValue: true, comment: true },
      },
    },
  });
  if (!ticket) throw new AppError('NOT_FOUND', 'ticket not found', { what: 'ticket' });
  const thread: ThreadEntry[] = [
    ...ticket.messages.map((m) => ({
      at: m.createdAt,
      kind: 'message' as const,
      by: m.authorKind,
      text: m.text,
      files: m.attachments.map((a) => a.kind),
    })),
    ...ticket.history.map((h) => ({
      at: h.createdAt,
      kind: 'status' as const,
      by: h.actorKind,
      text: h.comment ?? '',
      status: h.toValue ?? '',
      files: [],
    })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  const { messages: _m, history: _h, attachments, ...rest } = ticket;
  return {
    ...rest,
    files: attachments.map((a) => a.kind),
    thread: (input.take ?? 15) > 0 ? thread.slice(-(input.take ?? 15)) : [],
    open: (OPEN_TICKET_STATUSES as readonly string[]).includes(ticket.status),
  };
}

/** The resident's tickets still open, newest first: what a plain message may be a comment on. */
export async function listOpenResidentTickets(deps: DomainDeps, telegramUserId: bigint, take = 3) {
  return deps.db.prisma.ticket.findMany({
    where: {
      resident: { telegramUserId, deletedAt: null },
      status: { in: [...OPEN_TICKET_STATUSES] },
    },
    orderBy: { createdAt: 'desc' },
    take,
    select: { id: true, number: true, status: true, description: true },
  });
}
