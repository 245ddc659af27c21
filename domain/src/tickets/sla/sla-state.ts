/** Statuses in which the SLA clocks run: nobody has finished the work yet. */
export const OPEN_STATUSES = ['NEW', 'ACCEPTED', 'IN_PROGRESS', 'ON_HOLD', 'REOPENED'] as const;

export type SlaClock = 'none' | 'met' | 'ok' | 'at_risk' | 'breached';

/** A clock is "about to breach" once less than this share of its window (creation → deadline) is left. */
export const AT_RISK_SHARE = 0.25;

export interface SlaView {
  reaction: SlaClock;
  resolution: SlaClock;
  /** The worse of the two running clocks: what the inbox highlights. */
  state: 'ok' | 'at_risk' | 'breached';
}

interface SlaTicket {
  status: string;
  createdAt: Date;
  reactionDueAt: Date | null;
  dueAt: Date | null;
  reactedAt: Date | null;
  resolvedAt: Date | null;
}

function clock(
  running: boolean,
  createdAt: Date,
  dueAt: Date | null,
  stoppedAt: Date | null,
  now: Date,
): SlaClock {
  if (!dueAt) return 'none';
  if (!running) {
    if (!stoppedAt) return 'none';
    return stoppedAt.getTime() > dueAt.getTime() ? 'breached' : 'met';
  }
  const left = dueAt.getTime() - now.getTime();
  if (left < 0) return 'breached';
  return left <= AT_RISK_SHARE * (dueAt.getTime() - createdAt.getTime()) ? 'at_risk' : 'ok';
}

export const isOpenStatus = (status: string) => (OPEN_STATUSES as readonly string[]).includes(status);

/**
 * Where a ticket stands against its deadlines now. The reaction clock stops at the first reaction (accepted, or the
 * first reply the resident gets: reactedAt), the resolution clock when the ticket is done; a cancelled or closed
 * ticket has no running clock, and shows whether each deadline was met.
 */
export function slaView(ticket: SlaTicket, now: Date): SlaView {
  const open = isOpenStatus(ticket.status);
  const reactionRunning = open && ticket.reactedAt === null;
  const reaction = clock(reactionRunning, ticket.createdAt, ticket.reactionDueAt, ticket.reactedAt, now);
  const resolution = clock(open, ticket.createdAt, ticket.dueAt, ticket.resolvedAt, now);
  const running = [reactionRunning ? reaction : 'none', open ? resolution : 'none'];
  const state = running.includes('breached') ? 'breached' : running.includes('at_risk') ? 'at_risk' : 'ok';
  return { reaction, resolution, state };
}
