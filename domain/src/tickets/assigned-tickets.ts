import type { DomainDeps, Tx } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { can, houseFilter } from '../permissions/policy.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { allowedTransitions, type TicketStatus } from './ticket-status.ts';

/** What an executor still works on; done tickets wait for the resident, not for them. */
const WORK_STATUSES: TicketStatus[] = ['NEW', 'ACCEPTED', 'IN_PROGRESS', 'ON_HOLD', 'REOPENED'];

/** The tickets assigned to the staff member, emergencies first, then oldest first. */
export async function listAssignedTickets(deps: DomainDeps, actor: StaffActor, take = 20) {
  return deps.db.prisma.ticket.findMany({
    where: {
      assigneeId: actor.staffUserId,
      house: { organizationId: actor.organizationId },
      status: { in: WORK_STATUSES },
      ...houseFilter(actor, 'tickets.read'),
    },
    orderBy: [{ urgency: 'asc' }, { createdAt: 'asc' }],
    take,
    select: { id: true, number: true, status: true, urgency: true, category: true, description: true },
  });
}

/**
 * One ticket as the executor sees it in the bot: place, problem, status with the moves the life cycle allows them,
 * whether they took the assignment, and the latest thread (internal notes included: they are staff).
 */
export async function getAssignedTicket(deps: DomainDeps, actor: StaffActor, ticketId: string) {
  const ticket = await deps.db.prisma.ticket.findUnique({
    where: { id: ticketId },
    select: {
      id: true,
      number: true,
      status: true,
      category: true,
      urgency: true,
      description: true,
      locationDetail: true,
      createdAt: true,
      dueAt: true,
      assigneeId: true,
      houseId: true,
      house: { select: { organizationId: true, address: true, timezone: true } },
      premises: { select: { number: true } },
      entrance: { select: { number: true } },
      attachments: { select: { kind: true } },
      messages: {
        orderBy: { createdAt: 'desc' },
        take: 5,
        select: { authorKind: true, text: true, internal: true, createdAt: true },
      },
    },
  });
  if (!ticket || ticket.house.organizationId !== actor.organizationId)
    throw new AppError('NOT_FOUND', 'ticket not found', { what: 'ticket' });
  const house = { houseId: ticket.houseId };
  const dispatcher = can(actor, 'tickets.handle', house);
  if (!dispatcher && !(can(actor, 'tickets.work', house) && ticket.assigneeId === actor.staffUserId))
    throw new AppError('FORBIDDEN', 'not allowed: tickets.work', { permission: 'tickets.work' });
  const accepted = await assignmentAccepted(deps.db.prisma, ticket.id, actor.staffUserId);
  const { messages, attachments, house: h, ...rest } = ticket;
  return {
    ...rest,
    address: h.address,
    timezone: h.timezone,
    files: attachments.map((a) => a.kind),
    thread: messages.reverse(),
    assignedToMe: ticket.assigneeId === actor.staffUserId,
    accepted,
    allowed: allowedTransitions(ticket.status as TicketStatus, dispatcher ? 'DISPATCHER' : 'EXECUTOR'),
  };
}

/** Did this staff member take the ticket since it was last assigned to them? */
export async function assignmentAccepted(
  db: Pick<Tx, 'ticketHistory'>,
  ticketId: string,
  staffUserId: string,
) {
  const last = await db.ticketHistory.findFirst({
    where: { ticketId, field: { in: ['assignee', 'assignee_accepted'] } },
    // Insertion order: clocks of different writers may disagree, the sequence does not.
    orderBy: { id: 'desc' },
    select: { field: true, toValue: true },
  });
  return last?.field === 'assignee_accepted' && last.toValue === staffUserId;
}
