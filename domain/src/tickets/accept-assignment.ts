import { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import { type DomainDeps, nowOf } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { can } from '../permissions/policy.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { assignmentAccepted } from './assigned-tickets.ts';
import { moveTicketStatus, statusTicketSelect } from './change-ticket-status.ts';
import type { TicketStatus } from './ticket-status.ts';

export const acceptAssignmentSchema = z.object({ ticketId: z.string().min(1).max(64) });

/** Statuses in which nobody has taken the ticket yet: the executor's "принял" is its acceptance. */
const AWAITING_ACCEPTANCE: readonly string[] = ['NEW', 'REOPENED'];

/**
 * The executor takes the ticket assigned to them ("принял"): the dispatcher sees who confirmed and when in the
 * history. A ticket nobody has accepted yet (new, or reopened by the resident) becomes accepted through the life
 * cycle (ticket-status.ts), as if a dispatcher had accepted it: the resident hears of it and the reaction clock
 * stops. Taking it twice records nothing new.
 */
export async function acceptTicketAssignment(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof acceptAssignmentSchema>,
): Promise<{ id: string; number: number; alreadyAccepted: boolean; status: TicketStatus; moved: boolean }> {
  const args = acceptAssignmentSchema.parse(input);
  return deps.db.prisma.$transaction(async (tx) => {
    const ticket = await tx.ticket.findUnique({ where: { id: args.ticketId }, select: statusTicketSelect });
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
    const alreadyAccepted = await assignmentAccepted(tx, ticket.id, actor.staffUserId);
    const awaiting = AWAITING_ACCEPTANCE.includes(ticket.status);
    let status = ticket.status as TicketStatus;
    const result = { id: ticket.id, number: ticket.number, alreadyAccepted, moved: awaiting };
    if (alreadyAccepted && !awaiting) return { ...result, status };
    const now = nowOf(deps);
    if (!alreadyAccepted) {
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
      await writeAudit(tx, actor, {
        action: 'ticket.accept_assignment',
        entityType: 'ticket',
        entityId: ticket.id,
        after: { assigneeId: actor.staffUserId },
      });
    }
    if (awaiting) status = await moveTicketStatus(tx, now, actor, 'EXECUTOR', ticket, 'ACCEPTED');
    else await tx.ticket.update({ where: { id: ticket.id }, data: { updatedAt: now }, select: { id: true } });
    return { ...result, status };
  });
}
