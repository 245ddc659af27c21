import { Prisma } from '@domovoy/prisma';
import { isoDate } from '../registry/registry-fields.ts';
import type { PollAudience } from './voter-slots.ts';

/**
 * The residents a poll is for, as a SQL subquery (resident_id, chat_id, language_code), for the set-based
 * outbox inserts. A simple poll: everyone linked to an open account of a flat in the house (and its entrances).
 * An owners' meeting: residents confirmed as an owner (OWNER link with an owner) who holds a current ownership in
 * the house — the same people `voterSlots` lets vote. Unreachable and deleted residents are left out.
 */
export function audienceSql(poll: PollAudience, today: Date): Prisma.Sql {
  if (poll.kind === 'OWNERS_MEETING') {
    return Prisma.sql`
      SELECT DISTINCT r.id AS resident_id, r.chat_id, r.language_code
      FROM residents r
      JOIN resident_account_links l ON l.resident_id = r.id AND l.active AND l.role = 'OWNER' AND l.owner_id IS NOT NULL
      JOIN personal_accounts a ON a.id = l.account_id AND a.closed_at IS NULL
      JOIN ownerships o ON o.owner_id = l.owner_id AND (o.valid_to IS NULL OR o.valid_to >= ${isoDate(today)}::date)
      JOIN premises p ON p.id = o.premises_id
      WHERE p.house_id = ${poll.houseId} AND r.deleted_at IS NULL AND r.reachable`;
  }
  const entrances = `{${poll.entrances.join(',')}}`;
  return Prisma.sql`
    SELECT DISTINCT r.id AS resident_id, r.chat_id, r.language_code
    FROM residents r
    JOIN resident_account_links l ON l.resident_id = r.id AND l.active
    JOIN personal_accounts a ON a.id = l.account_id AND a.closed_at IS NULL
    JOIN premises p ON p.id = a.premises_id
    LEFT JOIN entrances e ON e.id = p.entrance_id
    WHERE p.house_id = ${poll.houseId} AND r.deleted_at IS NULL AND r.reachable
      AND (cardinality(${entrances}::int[]) = 0 OR e.number = ANY(${entrances}::int[]))`;
}

/** A payload per language, chosen per recipient inside the INSERT (ru for anything else). */
export const payloadByLanguage = (payloads: { ru: object; en: object }) => Prisma.sql`
  jsonb_build_object('method', 'sendMessage', 'params',
    CASE WHEN c.language_code = 'en' THEN ${JSON.stringify(payloads.en)}::jsonb
         ELSE ${JSON.stringify(payloads.ru)}::jsonb END)`;
