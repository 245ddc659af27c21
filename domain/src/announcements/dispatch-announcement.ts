import type { Tx } from '../context.ts';
import { OUTBOX_PRIORITIES } from '../outbox/outbox-message.ts';
import type { AnnouncementRow } from './announcement-view.ts';
import { AUDIENCE_SQL, audienceParams, storedAudience } from './audience.ts';

/**
 * Puts one announcement into the outbox for its whole audience in ONE statement (INSERT ... SELECT), never a
 * loop: 100,000 residents are one round trip. The dedupe key `announcement:<id>:<residentId>` makes a retried
 * send fill in only what is missing. Emergency announcements get the emergency priority, so the workers claim
 * them before any waiting normal message.
 */
export async function dispatchAnnouncement(
  tx: Tx,
  organizationId: string,
  a: AnnouncementRow,
  now: Date,
): Promise<{ enqueued: number }> {
  const caption = a.title ? `${a.title}\n\n${a.text}` : a.text;
  const payload = a.photoStorageKey
    ? { method: 'sendPhoto', params: { photo: a.photoStorageKey, caption } }
    : a.documentStorageKey
      ? { method: 'sendDocument', params: { document: a.documentStorageKey, caption } }
      : { method: 'sendMessage', params: { text: caption } };
  const params = audienceParams(organizationId, now, storedAudience(a.audience));
  const base = params.length;
  const [row] = await tx.$queryRawUnsafe<{ n: number }[]>(
    `WITH inserted AS (
       INSERT INTO outbox_messages (dedupe_key, chat_id, resident_id, kind, priority, payload, announcement_id)
       SELECT 'announcement:' || $${base + 1}::text || ':' || aud.resident_id, aud.chat_id, aud.resident_id,
              'BROADCAST', $${base + 2}::int, $${base + 3}::jsonb, $${base + 1}::text
       FROM (${AUDIENCE_SQL}) aud
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING 1
     )
     SELECT count(*)::int AS n FROM inserted`,
    ...params,
    a.id,
    a.emergency ? OUTBOX_PRIORITIES.emergency : OUTBOX_PRIORITIES.normal,
    JSON.stringify(payload),
  );
  return { enqueued: Number(row?.n ?? 0) };
}
