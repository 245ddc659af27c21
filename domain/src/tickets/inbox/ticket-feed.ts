import type { DomainDeps } from '../../context.ts';
import type { StaffPrincipal } from '../../permissions/policy.ts';
import { ticketVisibleTo } from './ticket-access.ts';

export interface TicketChange {
  /** "created" for a ticket seen for the first time right after it was created, "changed" for anything later. */
  type: 'created' | 'changed';
  id: string;
  organizationId: string;
  houseId: string;
  assigneeId: string | null;
  number: number;
  status: string;
  createdAt: Date;
  updatedAt: Date;
}

interface Row {
  id: string;
  organization_id: string;
  house_id: string;
  assignee_id: string | null;
  number: number;
  status: string;
  created_at: Date | string;
  updated_at: Date | string;
}

const CREATED_WITHIN_MS = 2_000;

/** Whether a staff member's event stream carries this change: their organisation, and a ticket they see. */
export const changeVisibleTo = (actor: StaffPrincipal, change: TicketChange) =>
  change.organizationId === actor.organizationId && ticketVisibleTo(actor, change);

/** Tickets changed (updated_at, which every write through Prisma moves) after `since`, oldest change first. */
export async function ticketChangesSince(
  deps: DomainDeps,
  since: Date,
  limit = 500,
): Promise<TicketChange[]> {
  const rows = await deps.db.sql.query<Row>(
    `SELECT t.id, h.organization_id, t.house_id, t.assignee_id, t.number, t.status::text AS status,
            t.created_at, t.updated_at
     FROM tickets t JOIN houses h ON h.id = t.house_id
     WHERE t.updated_at > $1::timestamptz ORDER BY t.updated_at, t.id LIMIT $2`,
    [since.toISOString(), limit],
  );
  return rows.map((r) => {
    const createdAt = new Date(r.created_at);
    const updatedAt = new Date(r.updated_at);
    const sinceCreated = updatedAt.getTime() - createdAt.getTime();
    return {
      // No "created" flag is stored: a still-new ticket written within moments of its creation is taken as created.
      type:
        r.status === 'NEW' && sinceCreated >= 0 && sinceCreated < CREATED_WITHIN_MS ? 'created' : 'changed',
      id: r.id,
      organizationId: r.organization_id,
      houseId: r.house_id,
      assigneeId: r.assignee_id,
      number: Number(r.number),
      status: r.status,
      createdAt,
      updatedAt,
    };
  });
}

export interface TicketFeedOptions {
  /** How often the database is asked (default 1 s). */
  intervalMs?: number;
  /**
   * How far back each poll looks again: updated_at is stamped by the writing process before its transaction
   * commits, so a slow transaction can commit a change stamped before the last poll. Rows seen already are skipped.
   */
  lookbackMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * Live ticket changes for every open event stream of one API process: one query per interval however many staff
 * are watching (an indexed range on updated_at), fanned out in memory; each subscriber filters what its user may
 * see. Polling rather than LISTEN/NOTIFY works the same on PostgreSQL and the embedded PGlite and needs no
 * trigger or dedicated connection; a second's delay is what a dispatcher's inbox can live with. The feed polls
 * only while someone listens.
 */
export class TicketFeed {
  private readonly listeners = new Set<(change: TicketChange) => void>();
  private readonly seen = new Map<string, number>();
  private cursor = Date.now();
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private closed = false;
  private readonly intervalMs: number;
  private readonly lookbackMs: number;

  constructor(
    private readonly deps: DomainDeps,
    private readonly options: TicketFeedOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 1_000;
    this.lookbackMs = options.lookbackMs ?? 5_000;
  }

  get subscribers(): number {
    return this.listeners.size;
  }

  subscribe(listener: (change: TicketChange) => void): () => void {
    if (this.closed) throw new Error('ticket feed closed');
    if (this.listeners.size === 0) {
      this.cursor = Date.now();
      this.schedule();
    }
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    this.stop();
    await this.polling;
  }

  private stop() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule() {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.polling = this.poll().finally(() => {
        this.polling = undefined;
        if (this.listeners.size > 0) this.schedule();
      });
    }, this.intervalMs);
    this.timer.unref?.();
  }

  private async poll(): Promise<void> {
    const limit = 1000;
    try {
      const changes = await ticketChangesSince(this.deps, new Date(this.cursor - this.lookbackMs), limit);
      for (const change of changes) {
        const stamp = change.updatedAt.getTime();
        if (this.seen.get(change.id) === stamp) continue;
        const known = this.seen.has(change.id);
        this.seen.set(change.id, stamp);
        const event = known && change.type === 'created' ? { ...change, type: 'changed' as const } : change;
        for (const listener of this.listeners) listener(event);
      }
      const newest = changes.at(-1)?.updatedAt.getTime();
      // A full batch means more are waiting: move past it without the look-back, or the same rows come again.
      if (newest !== undefined)
        this.cursor = changes.length === limit ? newest + this.lookbackMs : Math.max(this.cursor, newest);
      for (const [id, stamp] of this.seen)
        if (stamp < this.cursor - 2 * this.lookbackMs) this.seen.delete(id);
    } catch (error) {
      this.options.onError?.(error);
    }
  }
}
