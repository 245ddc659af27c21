import { z } from 'zod';
import { writeAudit } from '../../audit/write-audit.ts';
import { type DomainDeps, nowOf } from '../../context.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';
import { ticketForStaff } from './ticket-access.ts';

export const setTicketDueDateSchema = z.object({
  ticketId: z.string().min(1),
  /** The new resolution deadline (an instant); null removes it. */
  dueAt: z.coerce.date().nullable(),
  comment: z.string().trim().max(2000).nullish(),
});

/**
 * A dispatcher moves a ticket's resolution deadline (agreed with the resident, waiting for a part...). Audited and
 * kept in the ticket's history; the SLA highlighting and escalation follow the new date.
 */
export async function setTicketDueDate(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof setTicketDueDateSchema>,
) {
  const args = setTicketDueDateSchema.parse(input);
  return deps.db.prisma.$transaction(async (tx) => {
    const ticket = await ticketForStaff(tx, actor, args.ticketId, 'handle');
    const from = ticket.dueAt?.toISOString() ?? null;
    const to = args.dueAt?.toISOString() ?? null;
    if (from === to) return { id: ticket.id, dueAt: args.dueAt, changed: false };
    await tx.ticket.update({ where: { id: ticket.id }, data: { dueAt: args.dueAt }, select: { id: true } });
    await tx.ticketHistory.create({
      data: {
        ticketId: ticket.id,
        actorKind: 'STAFF',
        actorStaffId: actor.staffUserId,
        field: 'due_at',
        fromValue: from,
        toValue: to,
        comment: args.comment ?? null,
        createdAt: nowOf(deps),
      },
      select: { id: true },
    });
    await writeAudit(tx, actor, {
      action: 'ticket.due_at',
      entityType: 'ticket',
      entityId: ticket.id,
      before: { dueAt: from },
      after: { dueAt: to, comment: args.comment ?? null },
    });
    return { id: ticket.id, dueAt: args.dueAt, changed: true };
  });
}
