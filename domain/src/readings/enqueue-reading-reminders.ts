import { type DomainDeps, nowOf } from '../context.ts';
import { botText, formatLocalDay } from '../notifications/texts.ts';
import { localDateTime } from '../time/zoned.ts';
import { readingsWindow } from './reading-window.ts';

export interface ReminderOptions {
  /** Remind this many days before the window's last day (0: on the last day). */
  daysBeforeClose: number;
  /** No reminders in these local hours: [start, end) wrapping midnight, e.g. 21 → 9. */
  quietHours: { start: number; end: number };
}

export const DEFAULT_REMINDER_OPTIONS: ReminderOptions = {
  daysBeforeClose: 2,
  quietHours: { start: 21, end: 9 },
};

const isQuiet = (hour: number, q: ReminderOptions['quietHours']) =>
  q.start > q.end ? hour >= q.start || hour < q.end : hour >= q.start && hour < q.end;

/**
 * Reading reminders through the outbox: when a house's window opens, and N days before it closes, every reachable
 * resident of a flat with a working meter and no reading this period gets one message with a button that starts
 * the submission. Safe to run every few minutes from several processes: the dedupe key (kind, period, resident,
 * account) makes each reminder a single row, and quiet hours of the house's time zone are respected by waiting.
 * One set-based INSERT ... SELECT per house and kind.
 */
export async function enqueueReadingReminders(
  deps: DomainDeps,
  options: ReminderOptions = DEFAULT_REMINDER_OPTIONS,
): Promise<{ enqueued: number }> {
  const now = nowOf(deps);
  const houses = await deps.db.prisma.house.findMany({
    where: { archivedAt: null },
    select: {
      id: true,
      timezone: true,
      readingsWindowStartDay: true,
      readingsWindowEndDay: true,
      readingsWindowOpenedEarlyUntil: true,
    },
  });
  let enqueued = 0;
  for (const house of houses) {
    const window = readingsWindow(house, now);
    if (!window.open) continue;
    const local = localDateTime(now, house.timezone);
    if (isQuiet(local.hour, options.quietHours)) continue;
    const lastDay = localDateTime(new Date(window.closesAt.getTime() - 1), house.timezone).day;
    const kind =
      local.day === lastDay - options.daysBeforeClose
        ? 'closing'
        : local.day === house.readingsWindowStartDay || window.early
          ? 'opened'
          : undefined;
    if (!kind) continue;
    const period = window.period;
    const dueDate = new Date(window.closesAt.getTime() - 1);
    const texts = (['ru', 'en'] as const).map((lang) => ({
      text: botText(lang, kind === 'opened' ? 'reminders.window_opened' : 'reminders.window_closing', {
        date: formatLocalDay(dueDate, lang, house.timezone),
        address: '\u0001',
        number: '\u0002',
      }),
      button: botText(lang, 'reminders.submit_button'),
    }));
    const periodKey = period.toISOString().slice(0, 7);
    const rows = await deps.db.sql.query<{ n: number }>(
      `WITH candidates AS (
         SELECT DISTINCT r.id AS resident_id, r.chat_id, r.language_code, a.id AS account_id, h.address, p.number
         FROM residents r
         JOIN resident_account_links l ON l.resident_id = r.id AND l.active
         JOIN personal_accounts a ON a.id = l.account_id AND a.closed_at IS NULL
         JOIN premises p ON p.id = a.premises_id
         JOIN houses h ON h.id = p.house_id
         WHERE p.house_id = $1 AND r.reachable AND r.reminders_enabled AND r.deleted_at IS NULL
           AND EXISTS (
             SELECT 1 FROM meters m
             WHERE m.premises_id = p.id AND m.status = 'ACTIVE' AND m.verification_due_at >= $2::date
               AND (m.account_id IS NULL OR m.account_id = a.id)
               AND NOT EXISTS (SELECT 1 FROM meter_readings mr WHERE mr.meter_id = m.id AND mr.period = $3::date)
           )
       ), inserted AS (
         INSERT INTO outbox_messages (dedupe_key, chat_id, resident_id, kind, priority, payload)
         SELECT 'reading-reminder:' || $4 || ':' || $5 || ':' || c.resident_id || ':' || c.account_id,
                c.chat_id, c.resident_id, 'REMINDER', 100,
                jsonb_build_object('method', 'sendMessage', 'params', jsonb_build_object(
                  'text', replace(replace(CASE WHEN c.language_code = 'en' THEN $8 ELSE $6 END, chr(1), c.address), chr(2), c.number),
                  'reply_markup', jsonb_build_object('inline_keyboard', jsonb_build_array(jsonb_build_array(
                    jsonb_build_object('text', CASE WHEN c.language_code = 'en' THEN $9 ELSE $7 END, 'callback_data', 'menu:readings'))))))
         FROM candidates c
         ON CONFLICT (dedupe_key) DO NOTHING
         RETURNING 1
       )
       SELECT count(*)::int AS n FROM inserted`,
      [
        house.id,
        `${local.year}-${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')}`,
        period.toISOString().slice(0, 10),
        kind,
        periodKey,
        texts[0]!.text,
        texts[0]!.button,
        texts[1]!.text,
        texts[1]!.button,
      ],
    );
    enqueued += rows[0]?.n ?? 0;
  }
  return { enqueued };
}
