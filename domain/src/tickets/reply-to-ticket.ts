import { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import { type DomainDeps, nowOf } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { authorize, can } from '../permissions/policy.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { notifyTicketResident } from './notify-resident.ts';

export const replyToTicketSchema = z.object({
  ticketId: z.string().min(1),
  text: z.string().trim().min(1).max(4000),
  /** An internal note the resident never sees. */
  internal: z.boolean().default(false),
});

/**
 * A dispatcher's (or the assigned executor's) reply, which reaches the resident in Telegram through the outbox, or an
 * internal note. Audited. The first reply stops the reaction clock (sla/sla-state.ts).
 */
export async function replyToTicket(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof replyToTicketSchema>,
) {
  const args = replyToTicketSchema.parse(input);
  return deps.db.prisma.$transaction(async (tx) => {
    const ticket = await tx.ticket.findUnique({
      where: { id: args.ticketId },
      select: {
        id: true,
        number: true,
        houseId: true,
        residentId: true,
        assigneeId: true,
        house: { select: { organizationId: true } },
      },
    });
    if (!ticket || ticket.house.organizationId !== actor.organizationId)
      throw new AppError('NOT_FOUND', 'ticket not found');
    // The executor a ticket is assigned to comments on it too (from the bot), as they move its status.
    const assignedExecutor =
      can(actor, 'tickets.work', { houseId: ticket.houseId }) && ticket.assigneeId === actor.staffUserId;
    if (!assignedExecutor) authorize(actor, 'tickets.handle', { houseId: ticket.houseId });
    const now = nowOf(deps);
    const message = await tx.ticketMessage.create({
      data: {
        ticketId: ticket.id,
        authorKind: 'STAFF',
        staffUserId: actor.staffUserId,
        text: args.text,
        internal: args.internal,
        createdAt: now,
      },
      select: { id: true },
    });
    // The first answer the resident gets is the first response the reaction SLA measures; a note is not one.
    // Conditional in the statement, so a concurrent acceptance that reacted first keeps its earlier time.
    if (!args.internal) {
      await tx.ticket.updateMany({ where: { id: ticket.id, reactedAt: null }, data: { reactedAt: now } });
    }
    await writeAudit(tx, actor, {
      action: args.internal ? 'ticket.note' : 'ticket.reply',
      entityType: 'ticket',
      entityId: ticket.id,
      after: { messageId: message.id, internal: args.internal },
    });
    if (!args.internal)
      await notifyTicketResident(tx, ticket, { kind: 'reply', text: args.text, messageId: message.id });
    return { id: message.id, ticketId: ticket.id, internal: args.internal };
  });
}
