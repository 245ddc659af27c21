import { type DomainDeps, nowOf } from '../context.ts';
import { botText } from '../notifications/texts.ts';
import { localDateTime } from '../time/zoned.ts';
import { DEFAULT_REMINDER_OPTIONS, type ReminderOptions } from './enqueue-reading-reminders.ts';

const isQuiet = (hour: number, q: ReminderOptions['quietHours']) =>
  q.start > q.end ? hour >= q.start || hour < q.end : hour >= q.start && hour < q.end;

/**
 * Meter verification (поверка) due within `days`: one reminder per meter, due date and resident, so a moved due date
 * reminds again. Past the date the meter takes no readings and the flat is billed by average (Decree 354 п. 59),
 * which this reminder exists to prevent. Quiet hours of each house apply; set-based per house.
 */
export async function enqueueVerificationReminders(
  deps: DomainDeps,
  options: ReminderOptions & { days: number } = { ...DEFAULT_REMINDER_OPTIONS, days: 30 },
): Promise<{ enqueued: number }> {
  const now = nowOf(deps);
  const houses = await deps.db.prisma.house.findMany({
    where: { archivedAt: null },
    select: { id: true, timezone: true },
  });
  let enqueued = 0;
  for (const house of houses) {
    const local = localDateTime(now, house.timezone);
    if (isQuiet(local.hour, options.quietHours)) continue;
    const today = `${local.year}-${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')}`;
    const [ru, en] = (['ru', 'en'] as const).map((lang) =>
      botText(lang, 'reminders.verification_due', {
        serial: '\u0001',
        address: '\u0002',
        number: '\u0003',
        date: '\u0004',
      }),
    );
    const [row] = await deps.db.sql.query<{ n: number }>(
      `WITH due AS (
         SELECT DISTINCT r.id AS resident_id, r.chat_id, r.language_code, m.id AS meter_id, m.serial,
                to_char(m.verification_due_at, 'DD.MM.YYYY') AS due, h.address, p.number
         FROM meters m
         JOIN premises p ON p.id = m.premises_id
         JOIN houses h ON h.id = p.house_id
         JOIN personal_accounts a ON a.premises_id = p.id AND a.closed_at IS NULL AND (m.account_id IS NULL OR m.account_id = a.id)
         JOIN resident_account_links l ON l.account_id = a.id AND l.active
         JOIN residents r ON r.id = l.resident_id AND r.reachable AND r.reminders_enabled AND r.deleted_at IS NULL
         WHERE p.house_id = $1 AND m.status = 'ACTIVE'
           AND m.verification_due_at >= $2::date AND m.verification_due_at <= $2::date + $3::int
       ), inserted AS (
         INSERT INTO outbox_messages (dedupe_key, chat_id, resident_id, kind, priority, payload)
         SELECT 'verification-reminder:' || d.meter_id || ':' || d.due || ':' || d.resident_id, d.chat_id, d.resident_id,
                'REMINDER', 100,
                jsonb_build_object('method', 'sendMessage', 'params', jsonb_build_object('text',
                  replace(replace(replace(replace(CASE WHEN d.language_code = 'en' THEN $5 ELSE $4 END,
                    chr(1), d.serial), chr(2), d.address), chr(3), d.number), chr(4), d.due)))
         FROM due d
         ON CONFLICT (dedupe_key) DO NOTHING
         RETURNING 1
       )
       SELECT count(*)::int AS n FROM inserted`,
      [house.id, today, options.days, ru, en],
    );
    enqueued += row?.n ?? 0;
  }
  return { enqueued };
}
