import type { Kv } from '@domovoy/platform';
import type { Database } from '@domovoy/prisma';
import { type ClaimedMessage, claimBatch } from './claim-batch.ts';
import type { OutboxTransport, SendResult } from './outbox-transport.ts';
import {
  deferChat,
  type Hold,
  markBlocked,
  markFailed,
  markRetry,
  markSent,
  release,
  releaseMany,
} from './record-outcome.ts';

export interface OutboxLimits {
  /** Messages per second over all chats, shared by every worker (Telegram: ~30/s free). */
  globalPerSecond: number;
  /** Messages per second to one chat, shared by every worker (Telegram: ~1/s). */
  perChatPerSecond: number;
  /** Rows claimed per statement. */
  batchSize: number;
  /** How long a claim holds a row; after that another worker may take it (fractions allowed, for tests). */
  leaseSeconds: number;
  /** Attempts (transient failures and lost leases) before a row is FAILED. 429s never count. */
  maxAttempts: number;
  /** First retry delay after a transient failure; doubles per attempt, with jitter. Default 2 s. */
  backoffBaseMs?: number;
  /** Cap on the retry delay. Default 15 min. */
  backoffMaxMs?: number;
  /** Pause between claims when nothing is due. Default 500 ms; `wake()` cuts it short. */
  idleDelayMs?: number;
  /** Chats sent to at the same time within a batch. Default: enough for globalPerSecond at ~100 ms a call. */
  concurrency?: number;
  /**
   * Transient failures in this many different chats in a row, with no answer from Telegram between them, mean
   * Telegram (or the way to it) is down rather than one message being at fault. Default 3.
   */
  outageAfterChats?: number;
  /** While Telegram is down, one message probes it, first after 1 s and then twice as long each time up to this. Default 30 s. */
  outageProbeMaxMs?: number;
}

/** Structured logger (pino-compatible). Never log message text or names: row ids and kinds only. */
export interface OutboxLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface OutboxWorkerOptions {
  db: Pick<Database, 'sql'>;
  kv: Pick<Kv, 'rateLimiter'>;
  transport: OutboxTransport;
  /** Unique per worker (host, process, instance): written to locked_by, checked by every status write. */
  workerId: string;
  limits: OutboxLimits;
  logger?: OutboxLogger;
  /** Clock for every outbox timestamp (claims, leases, next attempts). Default: the system clock. */
  now?: () => Date;
  /** Source of jitter, 0 ≤ x < 1 (tests). Default Math.random. */
  random?: () => number;
}

/** What one claim-and-deliver round did, counted in rows. */
export interface BatchReport {
  claimed: number;
  sent: number;
  /** Transient failures that will be retried. */
  retried: number;
  /** Put back without an attempt: rate limits, 429s, the rest of a chat after a failure, lease running out. */
  deferred: number;
  failed: number;
  blocked: number;
  /** Writes refused because the lease had passed to another worker (see README: the remaining window). */
  leaseLost: number;
}

type Limiter = ReturnType<Kv['rateLimiter']>;
type Take = { kind: 'ok' } | { kind: 'limited'; msBeforeNext: number } | { kind: 'error'; error: unknown };
type Gate = { kind: 'go' } | { kind: 'later'; delayMs: number };

const LIMITER_ERROR_DELAY_MS = 1_000;
const FIRST_PROBE_DELAY_MS = 1_000;
const LOOP_ERROR_DELAY_MS = 1_000;
const noopLogger: OutboxLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

async function take(limiter: Limiter, key: string): Promise<Take> {
  try {
    await limiter.consume(key);
    return { kind: 'ok' };
  } catch (rejection) {
    // rate-limiter-flexible rejects with a RateLimiterRes when the limit is reached, with an Error when its store
    // failed (Redis down).
    if (rejection instanceof Error || typeof rejection !== 'object' || rejection === null)
      return { kind: 'error', error: rejection };
    const ms = Number((rejection as { msBeforeNext?: unknown }).msBeforeNext);
    return { kind: 'limited', msBeforeNext: Number.isFinite(ms) && ms > 0 ? ms : 1 };
  }
}

/**
 * Delivers the outbox: claims due rows (claimBatch), sends each through the transport within the shared rate
 * limits, and records the outcome on the row right after each call. Any number of workers, in one process or
 * many, can run against the same database and key-value store.
 *
 * Guarantee (README.md): at most one send per claim, and a claim that dies is taken over after its lease. The one
 * remaining duplicate window: Telegram accepted a message but the worker died (or lost its lease) before
 * markSent committed — that message is sent once more after the lease. Marking each row SENT immediately after
 * its own call, not at the end of the batch, keeps the window to one message per dead worker and chat.
 */
export class OutboxWorker {
  private readonly db: Pick<Database, 'sql'>;
  private readonly transport: OutboxTransport;
  readonly workerId: string;
  private readonly limits: Required<OutboxLimits>;
  private readonly logger: OutboxLogger;
  private readonly clock: () => Date;
  private readonly random: () => number;
  private readonly globalLimiter: Limiter;
  private readonly chatLimiter: Limiter;
  private readonly leaseMs: number;
  /** A send is only started while at least this much of the row's lease is left. */
  private readonly leaseMarginMs: number;
  /** Chats whose last call failed transiently since Telegram last answered (an outage when there are enough). */
  private readonly failingChats = new Set<bigint>();
  /** Set while Telegram is down: no batches, only one probe message at `nextProbeAt`. */
  private outage: { since: number; probeDelayMs: number; nextProbeAt: number } | undefined;
  private stopping = false;
  private loop: Promise<void> | undefined;
  private readonly wakers = new Set<() => void>();

  constructor(options: OutboxWorkerOptions) {
    const l = options.limits;
    for (const [name, value] of Object.entries(l)) {
      if (value !== undefined && !(typeof value === 'number' && value > 0 && Number.isFinite(value)))
        throw new Error(`OutboxWorker: limits.${name} must be a positive number`);
    }
    if (!options.workerId) throw new Error('OutboxWorker: workerId is required');
    this.db = options.db;
    this.transport = options.transport;
    this.workerId = options.workerId;
    this.limits = {
      backoffBaseMs: 2_000,
      backoffMaxMs: 15 * 60_000,
      idleDelayMs: 500,
      outageAfterChats: 3,
      outageProbeMaxMs: 30_000,
      concurrency: Math.min(l.batchSize, Math.max(4, Math.ceil(l.globalPerSecond / 10))),
      ...Object.fromEntries(Object.entries(l).filter(([, v]) => v !== undefined)),
    } as Required<OutboxLimits>;
    this.logger = options.logger ?? noopLogger;
    this.clock = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
    // Fixed prefixes: every worker, in this process (Kv hands out one limiter per set of options) or another
    // (through Redis), counts against the same budget.
    this.globalLimiter = options.kv.rateLimiter({
      keyPrefix: 'outbox:global',
      points: this.limits.globalPerSecond,
      durationSec: 1,
    });
    this.chatLimiter = options.kv.rateLimiter({
      keyPrefix: 'outbox:chat',
      points: this.limits.perChatPerSecond,
      durationSec: 1,
    });
    this.leaseMs = Math.round(this.limits.leaseSeconds * 1000);
    this.leaseMarginMs = Math.min(this.leaseMs / 2, 15_000);
  }

  /** Starts the claim-and-deliver loop in the background. */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.run();
  }

  /**
   * Stops claiming and resolves once the batch in hand is finished: calls already made are recorded, the rest of
   * the batch is still sent when its tokens are free, and rows that would have to wait for a token are put back
   * (PENDING) for any worker — no row stays leased to a stopped worker.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.loop;
    this.loop = undefined;
  }

  /** Ends the idle pause now (e.g. right after enqueueing in this process), so the next claim happens at once. */
  wake(): void {
    for (const waker of [...this.wakers]) waker();
  }

  get running(): boolean {
    return this.loop !== undefined && !this.stopping;
  }

  /** When this worker found Telegram down (see `outageAfterChats`), or undefined while it is reachable. */
  get telegramDownSince(): Date | undefined {
    return this.outage ? new Date(this.outage.since) : undefined;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        const report = await this.runOnce();
        // A full batch that made progress means more may be due: claim again at once. Otherwise (nothing due, or
        // everything put back, e.g. while Redis is down) wait for new or newly due rows.
        const progressed = report.sent + report.retried + report.failed + report.blocked > 0;
        if (this.outage && !this.stopping) {
          // Until the next probe; a probe round that found nothing due waits like an idle round.
          const untilProbe = this.outage.nextProbeAt - this.clock().getTime();
          await this.sleep(Math.max(untilProbe, report.claimed === 0 ? this.limits.idleDelayMs : 0));
        } else if ((report.claimed < this.limits.batchSize || !progressed) && !this.stopping)
          await this.sleep(this.limits.idleDelayMs);
      } catch (error) {
        this.logger.error({ err: error, workerId: this.workerId }, 'outbox round failed; retrying');
        if (!this.stopping) await this.sleep(LOOP_ERROR_DELAY_MS);
      }
    }
  }

  /** One round: claim a batch, deliver it, record every outcome. */
  async runOnce(): Promise<BatchReport> {
    const report: BatchReport = {
      claimed: 0,
      sent: 0,
      retried: 0,
      deferred: 0,
      failed: 0,
      blocked: 0,
      leaseLost: 0,
    };
    // While Telegram is down, rows are left alone until the next probe, and then one row is the probe.
    const probe = this.outage !== undefined;
    if (this.outage && this.clock().getTime() < this.outage.nextProbeAt) return report;
    const rows = await claimBatch(this.db.sql, {
      workerId: this.workerId,
      limit: probe ? 1 : this.limits.batchSize,
      leaseMs: this.leaseMs,
      now: this.clock(),
    });
    report.claimed = rows.length;
    if (rows.length === 0) return report;

    const deliverable: ClaimedMessage[] = [];
    const unreachable = await this.unreachableResidents(rows);
    for (const row of rows) {
      const hold = this.hold(row);
      if (row.attempts >= this.limits.maxAttempts) {
        // Normally a reclaimed row: its earlier holders' leases expired mid-send, maxAttempts times over.
        const why = row.reclaimed ? ': the lease expired while sending (worker crashed or hung)' : '';
        const ok = await markFailed(this.db.sql, hold, `gave up after ${row.attempts} attempts${why}`, false);
        this.count(report, ok, 'failed');
      } else if (row.residentId !== null && unreachable.has(row.residentId)) {
        const reason = unreachable.get(row.residentId) ?? 'unreachable';
        const ok = await markBlocked(
          this.db.sql,
          { ...hold, residentId: row.residentId },
          `not sent: the resident is unreachable (${reason})`,
          this.clock(),
          false,
        );
        this.count(report, ok, 'blocked');
      } else {
        deliverable.push(row);
      }
    }

    // One chat's rows go in order, one after another; different chats go in parallel.
    const chats = new Map<bigint, ClaimedMessage[]>();
    for (const row of deliverable) {
      const list = chats.get(row.chatId);
      if (list) list.push(row);
      else chats.set(row.chatId, [row]);
    }
    const queue = [...chats.values()];
    const lanes = Array.from({ length: Math.min(this.limits.concurrency, queue.length) }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        try {
          await this.deliverChat(next, report, probe);
        } catch (error) {
          // Database trouble mid-chat: the rows stay leased and are reclaimed after the lease.
          this.logger.error(
            { err: error, workerId: this.workerId, outboxIds: next.map((r) => String(r.id)) },
            'outbox delivery to a chat failed; its rows will be retried after the lease',
          );
        }
      }
    });
    await Promise.all(lanes);
    return report;
  }

  private async deliverChat(rows: ClaimedMessage[], report: BatchReport, probe: boolean): Promise<void> {
    const sql = this.db.sql;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const hold = this.hold(row);
      const laterRows = rows.slice(i + 1);
      // Later rows of this chat wait with this one, so the chat's messages keep their order.
      const deferRest = async (until: Date) => {
        const n = await releaseMany(
          sql,
          laterRows.map((r) => r.id),
          this.workerId,
          until,
        );
        report.deferred += n;
        report.leaseLost += laterRows.length - n;
      };

      if (this.outage && !probe) {
        // Telegram went down while this batch was under way: the rows wait for it, without an attempt counted.
        const until = new Date(this.outage.nextProbeAt);
        this.count(report, await release(sql, hold, until), 'deferred');
        await deferRest(until);
        return;
      }

      if (this.clock().getTime() > row.leaseUntil.getTime() - this.leaseMarginMs) {
        // Too little lease left to send safely: another worker could reclaim the row mid-call.
        const now = this.clock();
        this.count(report, await release(sql, hold, now), 'deferred');
        await deferRest(now);
        return;
      }

      const gate = await this.takeTokens(row.chatId, row.leaseUntil);
      if (gate.kind === 'later') {
        const until = new Date(this.clock().getTime() + gate.delayMs);
        this.count(report, await release(sql, hold, until), 'deferred');
        await deferRest(until);
        return;
      }
      // The tokens can be slow to come (Redis reconnecting): if the lease has meanwhile run low, another worker
      // may already own the row, so sending now could send it twice. Put it back instead.
      if (this.clock().getTime() > row.leaseUntil.getTime() - this.leaseMarginMs) {
        const now = this.clock();
        this.count(report, await release(sql, hold, now), 'deferred');
        await deferRest(now);
        return;
      }

      const result = await this.send(row);
      const at = this.clock();
      if (!result.ok && result.kind === 'transient') this.transientFailure(row.chatId, at);
      else this.telegramAnswered(at);
      if (result.ok) {
        const ok = await this.recordSent(row, result.messageId, at);
        if (!ok)
          this.logger.warn(
            { workerId: this.workerId, outboxId: String(row.id), kind: row.kind },
            'outbox: sent, but the lease had passed to another worker; the message may be sent twice',
          );
        this.count(report, ok, 'sent');
        continue;
      }
      switch (result.kind) {
        case 'retry-after': {
          // Telegram asked this chat to wait: only this chat's rows move; other chats carry on.
          const until = new Date(at.getTime() + Math.max(1, result.retryAfterSec) * 1000);
          const error = result.description ?? `Too Many Requests: retry after ${result.retryAfterSec}`;
          this.count(report, await release(sql, hold, until, error), 'deferred');
          await deferRest(until);
          await deferChat(sql, row.chatId, until);
          return;
        }
        case 'transient': {
          if (this.outage) {
            // Telegram is down, not this message: it waits for the next probe and keeps its attempts.
            const until = new Date(this.outage.nextProbeAt);
            this.count(report, await release(sql, hold, until, result.description), 'deferred');
            await deferRest(until);
            return;
          }
          const attempt = row.attempts + 1;
          if (attempt >= this.limits.maxAttempts) {
            const ok = await markFailed(
              sql,
              hold,
              `gave up after ${attempt} attempts: ${result.description}`,
            );
            this.count(report, ok, 'failed');
            continue; // the chat's next message may still go
          }
          const until = new Date(at.getTime() + this.backoffMs(attempt));
          this.count(report, await markRetry(sql, hold, until, result.description), 'retried');
          await deferRest(until);
          return;
        }
        case 'permanent':
          this.count(report, await markFailed(sql, hold, result.description), 'failed');
          continue;
        case 'blocked': {
          const ok = await markBlocked(sql, { ...hold, residentId: row.residentId }, result.description, at);
          this.count(report, ok, 'blocked');
          this.logger.info(
            { workerId: this.workerId, outboxId: String(row.id), kind: row.kind },
            'outbox: the chat blocked the bot; recipient marked unreachable',
          );
          // The chat refuses everything: the rest of its rows are not sent either.
          for (const later of laterRows) {
            const done = await markBlocked(
              sql,
              { ...this.hold(later), residentId: later.residentId },
              `not sent: ${result.description}`,
              at,
              false,
            );
            this.count(report, done, 'blocked');
          }
          return;
        }
      }
    }
  }

  /**
   * Counts a transient failure towards an outage; during one, schedules the next probe further out (doubling up to
   * outageProbeMaxMs), so a long outage costs one call per interval instead of one per message and back-off step.
   */
  private transientFailure(chatId: bigint, at: Date): void {
    this.failingChats.add(chatId);
    const now = at.getTime();
    if (this.outage) {
      // Several lanes can fail at once: only the first failure after a probe moves the probe out.
      if (this.outage.nextProbeAt > now) return;
      const probeDelayMs = Math.min(this.outage.probeDelayMs * 2, this.limits.outageProbeMaxMs);
      this.outage = { ...this.outage, probeDelayMs, nextProbeAt: now + probeDelayMs };
      return;
    }
    if (this.failingChats.size < this.limits.outageAfterChats) return;
    const probeDelayMs = Math.min(FIRST_PROBE_DELAY_MS, this.limits.outageProbeMaxMs);
    this.outage = { since: now, probeDelayMs, nextProbeAt: now + probeDelayMs };
    this.logger.warn(
      { workerId: this.workerId, chats: this.failingChats.size },
      'outbox: Telegram is not answering; holding messages and probing with one',
    );
  }

  /** Any answer from Telegram, even a refusal, shows it is reachable: the outage (if any) is over. */
  private telegramAnswered(at: Date): void {
    this.failingChats.clear();
    if (!this.outage) return;
    this.logger.info(
      { workerId: this.workerId, downMs: at.getTime() - this.outage.since },
      'outbox: Telegram answers again; resuming',
    );
    this.outage = undefined;
    this.wake();
  }

  /**
   * The per-chat token first (if the chat is busy, this row waits and the worker moves on to other chats), then
   * the global one (all chats share it, so the worker waits for it — unless stopping or the wait would eat into
   * the row's lease, in which case the row is put back).
   */
  private async takeTokens(chatId: bigint, leaseUntil: Date): Promise<Gate> {
    const chatKey = chatId.toString();
    const chat = await take(this.chatLimiter, chatKey);
    if (chat.kind === 'limited') return { kind: 'later', delayMs: chat.msBeforeNext };
    if (chat.kind === 'error') return this.limiterFailed(chat.error);
    for (;;) {
      const global = await take(this.globalLimiter, 'all');
      if (global.kind === 'ok') return { kind: 'go' };
      const giveUp =
        global.kind === 'error' ||
        this.stopping ||
        this.clock().getTime() + global.msBeforeNext > leaseUntil.getTime() - this.leaseMarginMs;
      if (giveUp) {
        // Hand the chat's token back: this row did not use it.
        await this.chatLimiter.reward(chatKey).catch(() => undefined);
        return global.kind === 'error'
          ? this.limiterFailed(global.error)
          : { kind: 'later', delayMs: global.msBeforeNext };
      }
      await this.sleep(global.msBeforeNext);
    }
  }

  private limiterFailed(error: unknown): Gate {
    // Without the shared limiter the limits cannot be kept: send nothing rather than flood Telegram.
    this.logger.warn({ err: error, workerId: this.workerId }, 'outbox: rate limiter unavailable; holding');
    return { kind: 'later', delayMs: LIMITER_ERROR_DELAY_MS };
  }

  private async send(row: ClaimedMessage): Promise<SendResult> {
    try {
      return await this.transport.send(row.payload, row.chatId);
    } catch (error) {
      // A transport must not throw; if it does, treat it as a transient failure rather than lose the row.
      return {
        ok: false,
        kind: 'transient',
        description: `transport error: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }

  /** Exponential back-off with "equal jitter": half the delay fixed, half random, so retries spread out. */
  private backoffMs(attempt: number): number {
    const exp = Math.min(
      this.limits.backoffMaxMs,
      this.limits.backoffBaseMs * 2 ** Math.min(attempt - 1, 30),
    );
    return Math.round(exp / 2 + (this.random() * exp) / 2);
  }

  private async unreachableResidents(rows: ClaimedMessage[]): Promise<Map<string, string>> {
    const ids = [...new Set(rows.flatMap((r) => (r.residentId === null ? [] : [r.residentId])))];
    if (ids.length === 0) return new Map();
    const found = await this.db.sql.query<{ id: string; unreachable_reason: string | null }>(
      'SELECT id, unreachable_reason FROM residents WHERE id = ANY($1::text[]) AND reachable = false',
      [ids],
    );
    return new Map(found.map((r) => [r.id, r.unreachable_reason ?? 'unreachable']));
  }

  /**
   * The message is already with Telegram: if the database is briefly unreachable (a restart, a failover), keep
   * trying to record it until the lease ends instead of leaving the row SENDING — after the lease another worker
   * would send it a second time. Nobody else can take the row before then, so a late write is still ours.
   */
  private async recordSent(row: ClaimedMessage, messageId: number | null, at: Date): Promise<boolean> {
    for (let delay = 100; ; delay = Math.min(delay * 2, 1_000)) {
      try {
        return await markSent(this.db.sql, this.hold(row), messageId, at);
      } catch (error) {
        if (this.clock().getTime() + delay >= row.leaseUntil.getTime()) throw error;
        this.logger.warn(
          { err: error, workerId: this.workerId, outboxId: String(row.id) },
          'outbox: sent, but recording it failed; retrying until the lease ends',
        );
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  private hold(row: ClaimedMessage): Hold {
    return { id: row.id, workerId: this.workerId };
  }

  private count(report: BatchReport, written: boolean, outcome: Exclude<keyof BatchReport, 'claimed'>): void {
    if (written) report[outcome] += 1;
    else report.leaseLost += 1;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakers.add(done);
    });
  }
}
