import type { Tx } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { can, houseScope, type StaffPrincipal } from '../../permissions/policy.ts';

/**
 * Who sees a ticket: staff who handle tickets in its house (dispatchers, managers, admins), and an executor the
 * ticket is assigned to. The inbox, the ticket page and the live event stream all ask this one rule.
 */
export function ticketVisibleTo(
  actor: StaffPrincipal,
  ticket: { houseId: string; assigneeId: string | null },
): boolean {
  const target = { houseId: ticket.houseId };
  if (!can(actor, 'tickets.read', target)) return false;
  return can(actor, 'tickets.handle', target) || ticket.assigneeId === actor.staffUserId;
}

/**
 * The houses whose tickets an actor sees, as two lists: houses where it sees every ticket, and houses where it
 * sees only tickets assigned to it. `all: true` instead when every house of the organisation is in the first list.
 */
export function ticketScope(
  actor: StaffPrincipal,
): { all: true } | { all: false; full: string[]; assignedOnly: string[]; anyHouseAssigned: boolean } {
  const read = houseScope(actor, 'tickets.read');
  if (read.kind === 'none')
    throw new AppError('FORBIDDEN', 'not allowed: tickets.read', { permission: 'tickets.read' });
  const handle = houseScope(actor, 'tickets.handle');
  if (handle.kind === 'all') return { all: true };
  const full = handle.kind === 'houses' ? handle.houseIds : [];
  if (read.kind === 'all') return { all: false, full, assignedOnly: [], anyHouseAssigned: true };
  return {
    all: false,
    full,
    assignedOnly: read.houseIds.filter((h) => !full.includes(h)),
    anyHouseAssigned: false,
  };
}

/**
 * Loads the ticket's house and checks the actor may see it (`handle`: may act on it as a dispatcher). Another
 * organisation's ticket does not exist for the actor (NOT_FOUND); a ticket of a house outside the actor's scope
 * is FORBIDDEN, as everywhere in the API.
 */
export async function ticketForStaff(
  tx: Pick<Tx, 'ticket'>,
  actor: StaffPrincipal,
  ticketId: string,
  need: 'read' | 'handle',
) {
  const ticket = await tx.ticket.findUnique({
    where: { id: ticketId },
    select: {
      id: true,
      number: true,
      houseId: true,
      residentId: true,
      assigneeId: true,
      status: true,
      category: true,
      urgency: true,
      createdAt: true,
      dueAt: true,
      reactionDueAt: true,
      description: true,
      house: { select: { organizationId: true, address: true, timezone: true } },
    },
  });
  if (!ticket || ticket.house.organizationId !== actor.organizationId)
    throw new AppError('NOT_FOUND', 'ticket not found');
  const allowed =
    need === 'handle'
      ? can(actor, 'tickets.handle', { houseId: ticket.houseId })
      : ticketVisibleTo(actor, ticket);
  if (!allowed) {
    const permission = need === 'handle' ? 'tickets.handle' : 'tickets.read';
    throw new AppError('FORBIDDEN', `not allowed: ${permission}`, { permission });
  }
  return ticket;
}
