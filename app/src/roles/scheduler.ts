import {
  autoCloseResolvedTickets,
  closeDuePolls,
  enqueueReadingReminders,
  enqueueVerificationReminders,
  escalateSlaBreaches,
  remindNonVoters,
  sendDueAnnouncements,
} from '@domovoy/domain';
import type { Kv, Logger } from '@domovoy/platform';
import type { Database } from '@domovoy/prisma';
import { type ScheduledTask, schedule } from 'node-cron';

export interface ScheduledJob {
  name: string;
  /** Cron expression (UTC; each job applies each house's own time zone itself). */
  cron: string;
  run(): Promise<unknown>;
}

/**
 * Periodic jobs of the worker role. Each tick runs on one worker only (a claim per job and tick in Redis), a run
 * lock keeps a slow run and the next tick apart, and every job is idempotent anyway (outbox dedupe keys); a missed
 * tick is caught up by the next one.
 */
export function readingJobs(
  deps: { db: Database; kv: Kv; now?: () => Date },
  options: { daysBeforeClose: number; quietHours: { start: number; end: number } },
): ScheduledJob[] {
  return [
    {
      name: 'reading-reminders',
      cron: '*/10 * * * *',
      run: () => enqueueReadingReminders(deps, options),
    },
    {
      name: 'verification-reminders',
      cron: '5 * * * *',
      run: () => enqueueVerificationReminders(deps, { ...options, days: 30 }),
    },
    {
      // Ticket SLA: breaches go to the house's managers once (dedupe per ticket and kind); every minute, because
      // an emergency's reaction window is 30 minutes.
      name: 'ticket-sla-escalation',
      cron: '* * * * *',
      run: () => escalateSlaBreaches(deps),
    },
    {
      // DOMAIN.md: a done ticket the resident has not answered closes after 3 days; hourly is precise enough.
      name: 'ticket-auto-close',
      cron: '20 * * * *',
      run: () => autoCloseResolvedTickets(deps),
    },
    {
      // Polls: at the deadline the results are counted and sent once; a minute late at most.
      name: 'poll-deadlines',
      cron: '* * * * *',
      run: () => closeDuePolls(deps),
    },
    {
      name: 'poll-reminders',
      cron: '*/10 * * * *',
      run: () => remindNonVoters(deps, { hoursBeforeEnd: 24, quietHours: options.quietHours }),
    },
    {
      // Scheduled announcements go out within a minute of their time.
      name: 'announcements-due',
      cron: '* * * * *',
      run: () => sendDueAnnouncements(deps),
    },
  ];
}

/** How long a tick's claim is kept: far longer than any skew between workers' clocks and tick delays. */
const TICK_CLAIM_MS = 10 * 60_000;

export function startScheduler(jobs: ScheduledJob[], kv: Kv, logger: Logger) {
  const tasks: ScheduledTask[] = jobs.map((job) =>
    schedule(
      job.cron,
      async (context) => {
        // Every worker's cron fires the same tick within milliseconds. The first to claim the tick runs it; the
        // claim outlives the run, so a worker whose tick fires after the first run has finished skips it too
        // (the run lock alone would be free again by then and the job would run twice).
        const tick = new Date(Math.floor(context.date.getTime() / 60_000) * 60_000).toISOString();
        try {
          if (!(await kv.store.setIfAbsent(`cron:${job.name}:tick:${tick}`, '1', TICK_CLAIM_MS))) return;
          // A run still going from an earlier tick (slow job) keeps this one from starting beside it.
          const result = await kv.withLock(`cron:${job.name}`, 5 * 60_000, job.run);
          if (result.acquired) logger.info({ job: job.name, tick, result: result.value }, 'job done');
          else logger.info({ job: job.name, tick }, 'job skipped: its previous run is still going');
        } catch (error) {
          logger.error({ err: error, job: job.name, tick }, 'job failed');
        }
      },
      { name: job.name, noOverlap: true, timezone: 'UTC' },
    ),
  );
  return {
    stop: async () => {
      await Promise.all(tasks.map((t) => t.stop()));
    },
  };
}
