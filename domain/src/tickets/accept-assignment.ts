import { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import { type DomainDeps, nowOf } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { can } from '../permissions/policy.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { assignmentAccepted } from './assigned-tickets.ts';

export const acceptAssignmentSchema = z.object({ ticketId: z.string().min(1).max(64) });

/**
 * The executor takes the ticket assigned to them ("принял"): the dispatcher sees who confirmed and when in the
 * history. The status is not touched — moving it is the life cycle's business (ticket-status.ts), done with the
 * status buttons. Taking it twice records nothing new.
 */
export async function acceptTicketAssignment(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof acceptAssignmentSchema>,
): Promise<{ id: string; number: number; alreadyAccepted: boolean }> {
  const args = acceptAssignmentSchema.parse(input);
  return deps.db.prisma.$transaction(async (tx) => {
    const ticket = await tx.ticket.findUnique({
      where: { id: args.ticketId },
      select: {
        id: true,
        number: true,
        status: true,
        houseId: true,
        assigneeId: true,
        house: { select: { organizationId: true } },
      },
    });
    if (!ticket || ticket.house.organizationId !== actor.organizationId)
      throw new AppError('NOT_FOUND', 'ticket not found', { what: 'ticket' });
    if (ticket.assigneeId !== actor.staffUserId || !can(actor, 'tickets.work', { houseId: ticket.houseId })) {
      throw new AppError('FORBIDDEN', 'the ticket is not assigned to you', {
        permission: 'tickets.work',
        what: 'not_assignee',
      });
    }
    if (['DONE', 'CLOSED', 'CANCELLED'].includes(ticket.status)) {
      throw new AppError('INVALID_STATE', `a ${ticket.status} ticket needs no executor`, {
        what: 'ticket_finished',
        status: ticket.status,
      });
    }
    if (await assignmentAccepted(tx, ticket.id, actor.staffUserId))
      return { id: ticket.id, number: ticket.number, alreadyAccepted: true };
    const now = nowOf(deps);
    await tx.ticketHistory.create({
      data: {
        ticketId: ticket.id,
        actorKind: 'STAFF',
        actorStaffId: actor.staffUserId,
        field: 'assignee_accepted',
        toValue: actor.staffUserId,
        createdAt: now,
      },
    });
    await tx.ticket.update({ where: { id: ticket.id }, data: { updatedAt: now }, select: { id: true } });
    await writeAudit(tx, actor, {
      action: 'ticket.accept_assignment',
      entityType: 'ticket',
      entityId: ticket.id,
      after: { assigneeId: actor.staffUserId },
    });
    return { id: ticket.id, number: ticket.number, alreadyAccepted: false };
  });
}
