import { AppError } from '../errors/app-error.ts';

export const TICKET_STATUSES = [
  'NEW',
  'ACCEPTED',
  'IN_PROGRESS',
  'ON_HOLD',
  'DONE',
  'CLOSED',
  'CANCELLED',
  'REOPENED',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
/**
 * Who moves the ticket. EXECUTOR is the executor the ticket is assigned to, and only them: the use-cases decide who
 * acts as what (change-ticket-status.ts), the graph decides what each may do.
 */
export type TicketActor = 'RESIDENT' | 'DISPATCHER' | 'EXECUTOR' | 'SYSTEM';

interface Transition {
  from: TicketStatus[];
  to: TicketStatus;
  by: TicketActor[];
  /** A reason is required (cancellation by staff, reopening). */
  reason?: boolean;
}

/**
 * The ticket life cycle of DOMAIN.md: new → accepted → in progress ⇄ on hold → done → closed (by the resident's
 * confirmation or by the system after 3 days without an answer); reopened (from done/closed, by the resident with a
 * reason) → accepted; cancelled (by the resident while new, by staff with a reason). Nothing else is allowed.
 * The assigned executor walks their own ticket forward (accepts it, works, holds, finishes) but never cancels,
 * closes or reopens it: those answer to the dispatcher and the resident.
 */
export const TICKET_TRANSITIONS: readonly Transition[] = [
  { from: ['NEW', 'REOPENED'], to: 'ACCEPTED', by: ['DISPATCHER', 'EXECUTOR'] },
  { from: ['ACCEPTED', 'ON_HOLD'], to: 'IN_PROGRESS', by: ['DISPATCHER', 'EXECUTOR'] },
  { from: ['IN_PROGRESS'], to: 'ON_HOLD', by: ['DISPATCHER', 'EXECUTOR'], reason: true },
  { from: ['ACCEPTED', 'IN_PROGRESS', 'ON_HOLD'], to: 'DONE', by: ['DISPATCHER', 'EXECUTOR'] },
  { from: ['DONE'], to: 'CLOSED', by: ['RESIDENT', 'DISPATCHER', 'SYSTEM'] },
  { from: ['DONE', 'CLOSED'], to: 'REOPENED', by: ['RESIDENT'], reason: true },
  { from: ['NEW'], to: 'CANCELLED', by: ['RESIDENT'] },
  {
    from: ['NEW', 'ACCEPTED', 'IN_PROGRESS', 'ON_HOLD', 'REOPENED'],
    to: 'CANCELLED',
    by: ['DISPATCHER'],
    reason: true,
  },
];

/** The statuses an actor may move a ticket to from its current status. */
export function allowedTransitions(from: TicketStatus, by: TicketActor): TicketStatus[] {
  return TICKET_TRANSITIONS.filter((t) => t.from.includes(from) && t.by.includes(by)).map((t) => t.to);
}

/** Checks a transition; throws INVALID_STATE (not allowed) or VALIDATION (reason missing) with a clear message. */
export function assertTransition(
  from: TicketStatus,
  to: TicketStatus,
  by: TicketActor,
  reason?: string | null,
) {
  const transition = TICKET_TRANSITIONS.find(
    (t) => t.from.includes(from) && t.to === to && t.by.includes(by),
  );
  if (!transition) {
    throw new AppError('INVALID_STATE', `a ticket cannot go from ${from} to ${to}`, {
      what: 'ticket_transition',
      from,
      to,
      allowed: allowedTransitions(from, by),
    });
  }
  if (transition.reason && !reason?.trim()) {
    throw new AppError('VALIDATION', 'a reason is required', {
      what: 'ticket_reason',
      fields: { reason: 'required' },
    });
  }
}
