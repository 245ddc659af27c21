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
 * Periodic jobs of the worker role. Every job is idempotent (outbox dedupe keys), and a Redis lock keeps two
 * workers from doing the same pass at the same moment; a missed tick is caught up by the next one.
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

export function startScheduler(jobs: ScheduledJob[], kv: Kv, logger: Logger) {
  const tasks: ScheduledTask[] = jobs.map((job) =>
    schedule(
      job.cron,
      async () => {
        try {
          const result = await kv.withLock(`cron:${job.name}`, 5 * 60_000, job.run);
          if (result.acquired) logger.info({ job: job.name, result: result.value }, 'job done');
        } catch (error) {
          logger.error({ err: error, job: job.name }, 'job failed');
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
