import { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import { type DomainDeps, nowOf } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { can } from '../permissions/policy.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { notifyTicketResident } from './notify-resident.ts';
import { assertTransition, type TicketActor, type TicketStatus } from './ticket-status.ts';

export const changeTicketStatusSchema = z.object({
  ticketId: z.string().min(1),
  status: z.enum(['NEW', 'ACCEPTED', 'IN_PROGRESS', 'ON_HOLD', 'DONE', 'CLOSED', 'CANCELLED', 'REOPENED']),
  comment: z.string().trim().max(2000).nullish(),
});

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
    const ticket = await tx.ticket.findUnique({
      where: { id: args.ticketId },
      select: {
        id: true,
        number: true,
        status: true,
        houseId: true,
        residentId: true,
        assigneeId: true,
        reactedAt: true,
        house: { select: { organizationId: true } },
      },
    });
    if (!ticket || ticket.house.organizationId !== actor.organizationId)
      throw new AppError('NOT_FOUND', 'ticket not found');
    const target = { houseId: ticket.houseId };
    let as: TicketActor;
    if (can(actor, 'tickets.handle', target)) as = 'DISPATCHER';
    else if (can(actor, 'tickets.work', target) && ticket.assigneeId === actor.staffUserId) as = 'EXECUTOR';
    else throw new AppError('FORBIDDEN', 'not allowed: tickets.handle', { permission: 'tickets.handle' });
    const from = ticket.status as TicketStatus;
    const to = args.status as TicketStatus;
    assertTransition(from, to, as, args.comment);
    const now = nowOf(deps);
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
        comment: args.comment ?? null,
        createdAt: now,
      },
      select: { id: true },
    });
    await writeAudit(tx, actor, {
      action: 'ticket.status',
      entityType: 'ticket',
      entityId: ticket.id,
      before: { status: from },
      after: { status: to, comment: args.comment ?? null },
    });
    await notifyTicketResident(tx, ticket, {
      kind: 'status',
      status: to,
      comment: args.comment,
      historyId: history.id,
    });
    return { id: ticket.id, number: ticket.number, status: to };
  });
}
