import { z } from 'zod';
import { writeAudit } from '../../audit/write-audit.ts';
import { type DomainDeps, nowOf } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { can, type StaffRoleName } from '../../permissions/policy.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';
import { executorNoticeKeyboard } from '../ticket-buttons.ts';
import { categoryText, noticeToResident, noticeToStaff, STAFF_LANGUAGE } from './staff-notices.ts';
import { ticketForStaff } from './ticket-access.ts';

export const assignTicketSchema = z.object({
  ticketId: z.string().min(1),
  /** null takes the ticket away from its executor. */
  assigneeId: z.string().min(1).max(64).nullable(),
  comment: z.string().trim().max(2000).nullish(),
});

/**
 * A dispatcher assigns (or reassigns, or unassigns) a ticket's executor: a staff member of the organisation who
 * works or handles tickets in the ticket's house. The change, its history row, the audit record, the resident's
 * notice and the executor's Telegram message commit together.
 */
export async function assignTicket(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof assignTicketSchema>,
) {
  const args = assignTicketSchema.parse(input);
  return deps.db.prisma.$transaction(async (tx) => {
    const ticket = await ticketForStaff(tx, actor, args.ticketId, 'handle');
    let assignee: { id: string; fullName: string; telegramUserId: bigint | null } | null = null;
    if (args.assigneeId !== null) {
      const user = await tx.staffUser.findUnique({
        where: { id: args.assigneeId },
        select: {
          id: true,
          fullName: true,
          active: true,
          organizationId: true,
          telegramUserId: true,
          roles: { select: { role: true, houseId: true } },
        },
      });
      const principal = user && {
        staffUserId: user.id,
        organizationId: user.organizationId,
        grants: user.roles.map((r) => ({ role: r.role as StaffRoleName, houseId: r.houseId })),
      };
      const target = { houseId: ticket.houseId };
      if (
        !user?.active ||
        !principal ||
        user.organizationId !== actor.organizationId ||
        !(can(principal, 'tickets.work', target) || can(principal, 'tickets.handle', target))
      ) {
        throw new AppError('VALIDATION', 'the assignee does not work on tickets in this house', {
          fields: { assigneeId: 'not_an_executor' },
        });
      }
      assignee = { id: user.id, fullName: user.fullName, telegramUserId: user.telegramUserId };
    }
    const view = assignee && { id: assignee.id, fullName: assignee.fullName };
    if (ticket.assigneeId === args.assigneeId) return { id: ticket.id, assignee: view, changed: false };
    const now = nowOf(deps);
    await tx.ticket.update({
      where: { id: ticket.id },
      data: { assigneeId: args.assigneeId },
      select: { id: true },
    });
    const history = await tx.ticketHistory.create({
      data: {
        ticketId: ticket.id,
        actorKind: 'STAFF',
        actorStaffId: actor.staffUserId,
        field: 'assignee',
        fromValue: ticket.assigneeId,
        toValue: args.assigneeId,
        comment: args.comment ?? null,
        createdAt: now,
      },
      select: { id: true },
    });
    await writeAudit(tx, actor, {
      action: 'ticket.assign',
      entityType: 'ticket',
      entityId: ticket.id,
      before: { assigneeId: ticket.assigneeId },
      after: { assigneeId: args.assigneeId, comment: args.comment ?? null },
    });
    if (assignee) {
      await noticeToResident(tx, ticket, {
        key: 'ticket_alerts.resident_assigned',
        vars: { number: ticket.number },
        dedupeKey: `ticket-assign:${ticket.id}:${history.id}`,
        kind: 'TICKET_STATUS',
      });
      await noticeToStaff(tx, assignee, {
        key: 'ticket_alerts.assigned_to_you',
        vars: {
          number: ticket.number,
          address: ticket.house.address,
          category: categoryText(STAFF_LANGUAGE, ticket.category),
          text: ticket.description.length > 300 ? `${ticket.description.slice(0, 300)}…` : ticket.description,
        },
        dedupeKey: `ticket-assign-staff:${ticket.id}:${history.id}`,
        // The bot's "open the ticket" button, as on the executor's other ticket notices.
        replyMarkup: executorNoticeKeyboard(STAFF_LANGUAGE, ticket.id),
      });
    }
    return { id: ticket.id, assignee: view, changed: true };
  });
}
