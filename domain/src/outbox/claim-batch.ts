import type { SqlExecutor } from '@domovoy/prisma';
import type { OutboxPayload } from './outbox-message.ts';

/** An outbox row leased to one worker. */
export interface ClaimedMessage {
  id: bigint;
  dedupeKey: string;
  chatId: bigint;
  residentId: string | null;
  staffUserId: string | null;
  kind: string;
  priority: number;
  payload: OutboxPayload;
  /** Attempts so far, including the lost one when `reclaimed`. */
  attempts: number;
  nextAttemptAt: Date;
  leaseUntil: Date;
  announcementId: string | null;
  /** The row was SENDING under another worker whose lease expired (that worker crashed or hung). */
  reclaimed: boolean;
}

export interface ClaimOptions {
  workerId: string;
  limit: number;
  leaseMs: number;
  /** The worker's clock; every outbox timestamp is written and compared with it. */
  now: Date;
}

/**
 * Leases up to `limit` due rows to `workerId` in one statement, best first (priority, then due time, then id):
 * rows PENDING and due, and rows SENDING whose lease has expired (their worker died mid-send: nothing is lost,
 * the row is simply claimable again once the lease is over). `FOR UPDATE SKIP LOCKED` lets any number of
 * workers claim at the same time without waiting on each other or taking the same row.
 *
 * The two kinds of candidate are selected separately so each uses its own index — (status, priority,
 * next_attempt_at, id) and (status, lease_until) — instead of sorting every due row of a large broadcast on each
 * claim; the best `limit` of the union are taken. Candidates locked but not taken are unlocked when the statement
 * ends. A reclaimed row's attempt counter goes up by one: the lost attempt counts, so a message that crashes its
 * worker every time still ends FAILED after maxAttempts instead of looping.
 */
export async function claimBatch(sql: SqlExecutor, options: ClaimOptions): Promise<ClaimedMessage[]> {
  const leaseUntil = new Date(options.now.getTime() + options.leaseMs);
  const rows = await sql.query<RawClaimedRow>(
    `WITH due AS (
       SELECT id, priority, next_attempt_at, false AS reclaimed
         FROM outbox_messages
        WHERE status = 'PENDING' AND next_attempt_at <= $1
        ORDER BY priority, next_attempt_at, id
        LIMIT $2
        FOR UPDATE SKIP LOCKED
     ), expired AS (
       SELECT id, priority, next_attempt_at, true AS reclaimed
         FROM outbox_messages
        WHERE status = 'SENDING' AND lease_until < $1
        ORDER BY lease_until, id
        LIMIT $2
        FOR UPDATE SKIP LOCKED
     ), picked AS (
       SELECT id, reclaimed FROM (SELECT * FROM due UNION ALL SELECT * FROM expired) candidates
        ORDER BY priority, next_attempt_at, id
        LIMIT $2
     )
     UPDATE outbox_messages o
        SET status = 'SENDING',
            locked_by = $3,
            lease_until = $4,
            attempts = o.attempts + CASE WHEN picked.reclaimed THEN 1 ELSE 0 END
       FROM picked
      WHERE o.id = picked.id
     RETURNING o.id, o.dedupe_key, o.chat_id, o.resident_id, o.staff_user_id, o.kind, o.priority, o.payload,
               o.attempts, o.next_attempt_at, o.lease_until, o.announcement_id, picked.reclaimed`,
    [options.now, options.limit, options.workerId, leaseUntil],
  );
  return rows.map(toClaimed).sort(byClaimOrder);
}

interface RawClaimedRow {
  id: bigint | string | number;
  dedupe_key: string;
  chat_id: bigint | string | number;
  resident_id: string | null;
  staff_user_id: string | null;
  kind: string;
  priority: number;
  payload: OutboxPayload | string;
  attempts: number;
  next_attempt_at: Date | string;
  lease_until: Date | string;
  announcement_id: string | null;
  reclaimed: boolean;
}

// node-postgres returns int8 as strings and PGlite as bigint; both become bigint here.
function toClaimed(r: RawClaimedRow): ClaimedMessage {
  return {
    id: BigInt(r.id),
    dedupeKey: r.dedupe_key,
    chatId: BigInt(r.chat_id),
    residentId: r.resident_id,
    staffUserId: r.staff_user_id,
    kind: r.kind,
    priority: Number(r.priority),
    payload: typeof r.payload === 'string' ? (JSON.parse(r.payload) as OutboxPayload) : r.payload,
    attempts: Number(r.attempts),
    nextAttemptAt: new Date(r.next_attempt_at),
    leaseUntil: new Date(r.lease_until),
    announcementId: r.announcement_id,
    reclaimed: r.reclaimed === true,
  };
}

// RETURNING has no order; restore the claim order so the worker sends best-first.
function byClaimOrder(a: ClaimedMessage, b: ClaimedMessage): number {
  if (a.priority !== b.priority) return a.priority - b.priority;
  const t = a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime();
  if (t !== 0) return t;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
