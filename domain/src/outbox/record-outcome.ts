import type { SqlExecutor, SqlRunner } from '@domovoy/prisma';

/**
 * The writes that end a worker's hold on a row. Every one is guarded by `locked_by = <this worker> AND status =
 * 'SENDING'`: a worker whose lease expired (and whose rows another worker has since reclaimed) changes nothing,
 * and learns so from the `false` it gets back.
 */

const GUARD = `id = $1 AND locked_by = $2 AND status = 'SENDING'`;
const MAX_ERROR_LENGTH = 500;

const clip = (text: string) =>
  text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;

export interface Hold {
  id: bigint;
  workerId: string;
}

async function guarded(sql: SqlExecutor, text: string, params: unknown[]): Promise<boolean> {
  const rows = await sql.query<{ id: unknown }>(text, params);
  return rows.length > 0;
}

/** Telegram accepted the message. Written right after the call returns, one row at a time (see README). */
export function markSent(sql: SqlExecutor, hold: Hold, messageId: number | null, at: Date): Promise<boolean> {
  return guarded(
    sql,
    `UPDATE outbox_messages
        SET status = 'SENT', telegram_message_id = $3, sent_at = $4, attempts = attempts + 1, lease_until = NULL
      WHERE ${GUARD} RETURNING id`,
    [hold.id, hold.workerId, messageId, at],
  );
}

/**
 * Puts a row back to PENDING, due at `nextAttemptAt`, without counting an attempt: rate-limit deferrals, 429s,
 * and rows released on stop. `error` is kept as last_error when given.
 */
export function release(sql: SqlExecutor, hold: Hold, nextAttemptAt: Date, error?: string): Promise<boolean> {
  return guarded(
    sql,
    `UPDATE outbox_messages
        SET status = 'PENDING', next_attempt_at = $3, lease_until = NULL, locked_by = NULL,
            last_error = COALESCE($4, last_error)
      WHERE ${GUARD} RETURNING id`,
    [hold.id, hold.workerId, nextAttemptAt, error === undefined ? null : clip(error)],
  );
}

/** The same release for several rows of one chat at once (the rest of a chat's rows in a batch). */
export async function releaseMany(
  sql: SqlExecutor,
  ids: readonly bigint[],
  workerId: string,
  nextAttemptAt: Date,
): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await sql.query<{ id: unknown }>(
    `UPDATE outbox_messages
        SET status = 'PENDING', next_attempt_at = $3, lease_until = NULL, locked_by = NULL
      WHERE id = ANY($1::bigint[]) AND locked_by = $2 AND status = 'SENDING' RETURNING id`,
    [ids.map(String), workerId, nextAttemptAt],
  );
  return rows.length;
}

/** A failed attempt that may succeed later: counted, and due again at `nextAttemptAt`. */
export function markRetry(
  sql: SqlExecutor,
  hold: Hold,
  nextAttemptAt: Date,
  error: string,
): Promise<boolean> {
  return guarded(
    sql,
    `UPDATE outbox_messages
        SET status = 'PENDING', attempts = attempts + 1, next_attempt_at = $3, lease_until = NULL,
            locked_by = NULL, last_error = $4
      WHERE ${GUARD} RETURNING id`,
    [hold.id, hold.workerId, nextAttemptAt, clip(error)],
  );
}

/**
 * Gives up on the row. `countAttempt` is false when the row is failed without a new call (attempts already
 * exhausted by lost leases).
 */
export function markFailed(
  sql: SqlExecutor,
  hold: Hold,
  error: string,
  countAttempt = true,
): Promise<boolean> {
  return guarded(
    sql,
    `UPDATE outbox_messages
        SET status = 'FAILED', attempts = attempts + $3, lease_until = NULL, last_error = $4
      WHERE ${GUARD} RETURNING id`,
    [hold.id, hold.workerId, countAttempt ? 1 : 0, clip(error)],
  );
}

/**
 * Telegram answered 403 (or the resident is already known to be unreachable): the row becomes BLOCKED and, in the
 * same transaction, the resident becomes unreachable with the reason and the time — so the two never disagree.
 * `countAttempt` is false when no call was made. The resident keeps the first blocked_at of a streak.
 */
export async function markBlocked(
  sql: SqlRunner,
  hold: Hold & { residentId: string | null },
  reason: string,
  at: Date,
  countAttempt = true,
): Promise<boolean> {
  return sql.transaction(async (tx) => {
    const updated = await guarded(
      tx,
      `UPDATE outbox_messages
          SET status = 'BLOCKED', attempts = attempts + $3, lease_until = NULL, last_error = $4
        WHERE ${GUARD} RETURNING id`,
      [hold.id, hold.workerId, countAttempt ? 1 : 0, clip(reason)],
    );
    if (updated && hold.residentId !== null) {
      await tx.query(
        `UPDATE residents
            SET reachable = false, unreachable_reason = $2, blocked_at = $3, updated_at = $3
          WHERE id = $1 AND reachable = true`,
        [hold.residentId, clip(reason), at],
      );
    }
    return updated;
  });
}

/**
 * Telegram told this chat to wait (429): every other PENDING row of the chat waits too, so later messages do not
 * overtake the delayed one (and do not collect 429s of their own). Rows of other chats are untouched.
 */
export async function deferChat(sql: SqlExecutor, chatId: bigint, until: Date): Promise<number> {
  const rows = await sql.query<{ id: unknown }>(
    `UPDATE outbox_messages SET next_attempt_at = $2
      WHERE chat_id = $1 AND status = 'PENDING' AND next_attempt_at < $2 RETURNING id`,
    [String(chatId), until],
  );
  return rows.length;
}
