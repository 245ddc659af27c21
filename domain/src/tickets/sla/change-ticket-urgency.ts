import { z } from 'zod';
import { writeAudit } from '../../audit/write-audit.ts';
import { type DomainDeps, nowOf } from '../../context.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';
import { ticketForStaff } from '../inbox/ticket-access.ts';
import { slaDeadlinesFor } from './sla-rules.ts';

export const changeTicketUrgencySchema = z.object({
  ticketId: z.string().min(1),
  urgency: z.enum(['EMERGENCY', 'URGENT', 'NORMAL', 'PLANNED']),
  comment: z.string().trim().max(2000).nullish(),
});

/**
 * A dispatcher re-classifies a ticket's urgency (a "normal" leak that floods the flat below). The deadlines are
 * recomputed from the new urgency's SLA rule, counted from the ticket's creation: the resident has been waiting
 * since then, not since the dispatcher noticed. History and audit keep the old urgency and deadlines.
 */
export async function changeTicketUrgency(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof changeTicketUrgencySchema>,
) {
  const args = changeTicketUrgencySchema.parse(input);
  return deps.db.prisma.$transaction(async (tx) => {
    const ticket = await ticketForStaff(tx, actor, args.ticketId, 'handle');
    if (ticket.urgency === args.urgency)
      return {
        id: ticket.id,
        urgency: args.urgency,
        reactionDueAt: ticket.reactionDueAt,
        dueAt: ticket.dueAt,
        changed: false,
      };
    const deadlines = await slaDeadlinesFor(tx, {
      organizationId: ticket.house.organizationId,
      houseId: ticket.houseId,
      category: ticket.category,
      urgency: args.urgency,
      createdAt: ticket.createdAt,
    });
    await tx.ticket.update({
      where: { id: ticket.id },
      data: { urgency: args.urgency, ...deadlines },
      select: { id: true },
    });
    await tx.ticketHistory.create({
      data: {
        ticketId: ticket.id,
        actorKind: 'STAFF',
        actorStaffId: actor.staffUserId,
        field: 'urgency',
        fromValue: ticket.urgency,
        toValue: args.urgency,
        comment: args.comment ?? null,
        createdAt: nowOf(deps),
      },
      select: { id: true },
    });
    await writeAudit(tx, actor, {
      action: 'ticket.urgency',
      entityType: 'ticket',
      entityId: ticket.id,
      before: { urgency: ticket.urgency, reactionDueAt: ticket.reactionDueAt, dueAt: ticket.dueAt },
      after: { urgency: args.urgency, ...deadlines, comment: args.comment ?? null },
    });
    return { id: ticket.id, urgency: args.urgency, ...deadlines, changed: true };
  });
}
