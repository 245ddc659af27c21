import { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import { type DomainDeps, nowOf, type Tx } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { can } from '../permissions/policy.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { notifyTicketResident } from './notify-resident.ts';
import { assertTransition, TICKET_STATUSES, type TicketActor, type TicketStatus } from './ticket-status.ts';

export const changeTicketStatusSchema = z.object({
  ticketId: z.string().min(1),
  status: z.enum(TICKET_STATUSES),
  comment: z.string().trim().max(2000).nullish(),
});

/** What a status move needs to know about the ticket. */
export interface StatusTicket {
  id: string;
  number: number;
  status: string;
  houseId: string;
  residentId: string | null;
  assigneeId: string | null;
  reactedAt: Date | null;
}

export const statusTicketSelect = {
  id: true,
  number: true,
  status: true,
  houseId: true,
  residentId: true,
  assigneeId: true,
  reactedAt: true,
  house: { select: { organizationId: true } },
} as const;

/**
 * How a staff member acts on a ticket: as its dispatcher in the houses they handle, as its executor when it is
 * assigned to them. Anyone else is refused — an executor never moves a colleague's ticket.
 */
export function staffTicketRole(
  actor: StaffActor,
  ticket: { houseId: string; assigneeId: string | null },
): TicketActor {
  const target = { houseId: ticket.houseId };
  if (can(actor, 'tickets.handle', target)) return 'DISPATCHER';
  if (can(actor, 'tickets.work', target) && ticket.assigneeId === actor.staffUserId) return 'EXECUTOR';
  throw new AppError('FORBIDDEN', 'not allowed: tickets.handle', { permission: 'tickets.handle' });
}

/**
 * A staff member moves a ticket along its life cycle. Dispatchers act in their houses; executors only on tickets
 * assigned to them. The change, its history row, the audit record and the resident's notification commit together.
 */
export async function changeTicketStatus(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof changeTicketStatusSchema>,
) {
  const args = changeTicketStatusSchema.parse(input);
  return deps.db.prisma.$transaction(async (tx) => {
    const ticket = await tx.ticket.findUnique({ where: { id: args.ticketId }, select: statusTicketSelect });
    if (!ticket || ticket.house.organizationId !== actor.organizationId)
      throw new AppError('NOT_FOUND', 'ticket not found');
    const as = staffTicketRole(actor, ticket);
    const to = await moveTicketStatus(tx, nowOf(deps), actor, as, ticket, args.status, args.comment);
    return { id: ticket.id, number: ticket.number, status: to };
  });
}

/**
 * One status move inside the caller's transaction, checked against the graph for `as`: the ticket, its history
 * row, the audit record and the resident's notice. Accepting is the first reaction and stops the reaction clock.
 */
export async function moveTicketStatus(
  tx: Tx,
  now: Date,
  actor: StaffActor,
  as: TicketActor,
  ticket: StatusTicket,
  to: TicketStatus,
  comment?: string | null,
): Promise<TicketStatus> {
  const from = ticket.status as TicketStatus;
  assertTransition(from, to, as, comment);
  await tx.ticket.update({
    where: { id: ticket.id },
    data: {
      status: to,
      ...(to === 'ACCEPTED' && !ticket.reactedAt ? { reactedAt: now } : {}),
      ...(to === 'DONE' ? { resolvedAt: now } : {}),
      ...(to === 'CLOSED' ? { closedAt: now } : {}),
      ...(to === 'CANCELLED' ? { cancelledAt: now } : {}),
    },
    select: { id: true },
  });
  const history = await tx.ticketHistory.create({
    data: {
      ticketId: ticket.id,
      actorKind: 'STAFF',
      actorStaffId: actor.staffUserId,
      field: 'status',
      fromValue: from,
      toValue: to,
      comment: comment ?? null,
      createdAt: now,
    },
    select: { id: true },
  });
  await writeAudit(tx, actor, {
    action: 'ticket.status',
    entityType: 'ticket',
    entityId: ticket.id,
    before: { status: from },
    after: { status: to, comment: comment ?? null },
  });
  await notifyTicketResident(tx, ticket, { kind: 'status', status: to, comment, historyId: history.id });
  return to;
}
