import { z } from 'zod';
import type { Tx } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { houseScope, type StaffPrincipal } from '../permissions/policy.ts';

/**
 * Who receives an announcement. Every filter narrows the audience (AND); an empty segment is every reachable
 * resident linked to an open account of the organisation. Debts are integer kopecks.
 */
export const audienceSchema = z
  .object({
    /** Empty or absent: every house the sender may broadcast to. */
    houseIds: z.array(z.string().min(1)).max(500).optional(),
    /** Entrance numbers; only together with exactly one house. */
    entrances: z.array(z.number().int().min(1).max(1000)).max(100).optional(),
    ownersOnly: z.boolean().optional(),
    /** Balance (charges + posted penalties − matched payments) strictly above this many kopecks. */
    debtorsAboveKopecks: z.union([z.bigint(), z.number().int(), z.string().regex(/^-?\d{1,15}$/)]).optional(),
    /** Only flats with a working meter and no reading for the current billing month. */
    noReadingThisPeriod: z.boolean().optional(),
  })
  .strict()
  .refine((a) => !a.entrances?.length || a.houseIds?.length === 1, {
    message: 'entrances need exactly one house',
    path: ['entrances'],
  });

export type Audience = z.output<typeof audienceSchema>;

/** The segment as stored on the announcement: houses resolved against the sender's scope, debt as a string. */
export interface ResolvedAudience {
  houseIds: string[] | null;
  entrances: number[] | null;
  ownersOnly: boolean;
  debtorsAboveKopecks: string | null;
  noReadingThisPeriod: boolean;
}

/**
 * Narrows the segment to the houses the principal may broadcast to: a house-scoped manager or chair reaches only
 * their houses, asking for another one is refused rather than silently dropped.
 */
export function resolveAudience(principal: StaffPrincipal, audience: Audience): ResolvedAudience {
  const scope = houseScope(principal, 'broadcasts.send');
  if (scope.kind === 'none') {
    throw new AppError('FORBIDDEN', 'not allowed: broadcasts.send', { permission: 'broadcasts.send' });
  }
  let houseIds = audience.houseIds?.length ? [...new Set(audience.houseIds)] : null;
  if (scope.kind === 'houses') {
    if (houseIds === null) houseIds = scope.houseIds;
    else if (houseIds.some((h) => !scope.houseIds.includes(h))) {
      throw new AppError('FORBIDDEN', 'not allowed: broadcasts.send', { permission: 'broadcasts.send' });
    }
  }
  return {
    houseIds,
    entrances: audience.entrances?.length ? [...new Set(audience.entrances)] : null,
    ownersOnly: audience.ownersOnly ?? false,
    debtorsAboveKopecks:
      audience.debtorsAboveKopecks === undefined ? null : BigInt(audience.debtorsAboveKopecks).toString(),
    noReadingThisPeriod: audience.noReadingThisPeriod ?? false,
  };
}

/**
 * The recipients as SQL: one row per resident (a resident with two matching flats gets one message). Houses and
 * entrances come as comma-joined text so the statement binds the same way on PostgreSQL and PGlite. The billing
 * month and "today" are the house's own (its time zone), as for the resident's balance in the bot.
 * Parameters: $1 organisation, $2 now, $3 houses, $4 entrances, $5 owners only, $6 debt threshold, $7 no reading.
 */
export const AUDIENCE_SQL = `
  SELECT DISTINCT r.id AS resident_id, r.chat_id, r.language_code
  FROM residents r
  JOIN resident_account_links l ON l.resident_id = r.id AND l.active
  JOIN personal_accounts a ON a.id = l.account_id AND a.closed_at IS NULL
  JOIN premises p ON p.id = a.premises_id
  JOIN houses h ON h.id = p.house_id AND h.archived_at IS NULL
  LEFT JOIN entrances e ON e.id = p.entrance_id
  CROSS JOIN LATERAL (
    SELECT date_trunc('month', $2::timestamptz AT TIME ZONE h.timezone)::date AS month,
           ($2::timestamptz AT TIME ZONE h.timezone)::date AS today
  ) cal
  WHERE a.organization_id = $1 AND r.reachable AND r.deleted_at IS NULL
    AND ($3::text IS NULL OR p.house_id = ANY(string_to_array($3::text, ',')))
    AND ($4::text IS NULL OR e.number = ANY(string_to_array($4::text, ',')::int[]))
    AND (NOT $5::boolean OR l.role = 'OWNER')
    AND ($6::bigint IS NULL OR (
          COALESCE((SELECT sum(c.amount_kopecks) FROM charges c
                    WHERE c.account_id = a.id AND c.period <= cal.month), 0)
        + COALESCE((SELECT sum(pn.amount_kopecks) FROM penalties pn
                    JOIN billing_periods bp ON bp.id = pn.billing_period_id
                    WHERE pn.account_id = a.id AND bp.period <= cal.month), 0)
        - COALESCE((SELECT sum(pm.amount_kopecks) FROM payments pm
                    WHERE pm.account_id = a.id AND pm.status = 'MATCHED' AND pm.paid_at <= cal.today), 0)
        ) > $6::bigint)
    AND (NOT $7::boolean OR EXISTS (
          SELECT 1 FROM meters m
          WHERE m.premises_id = p.id AND m.status = 'ACTIVE'
            AND (m.account_id IS NULL OR m.account_id = a.id)
            AND NOT EXISTS (SELECT 1 FROM meter_readings mr WHERE mr.meter_id = m.id AND mr.period = cal.month)))`;

export function audienceParams(organizationId: string, now: Date, a: ResolvedAudience): unknown[] {
  return [
    organizationId,
    now.toISOString(),
    a.houseIds === null ? null : a.houseIds.join(','),
    a.entrances === null ? null : a.entrances.join(','),
    a.ownersOnly,
    a.debtorsAboveKopecks,
    a.noReadingThisPeriod,
  ];
}

export async function countAudience(
  tx: Pick<Tx, '$queryRawUnsafe'>,
  organizationId: string,
  now: Date,
  a: ResolvedAudience,
): Promise<number> {
  const [row] = await tx.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM (${AUDIENCE_SQL}) audience`,
    ...audienceParams(organizationId, now, a),
  );
  return Number(row?.n ?? 0);
}

/** Reads a stored audience back (it was written by resolveAudience). */
export function storedAudience(json: unknown): ResolvedAudience {
  const a = (json ?? {}) as Partial<ResolvedAudience>;
  return {
    houseIds: a.houseIds ?? null,
    entrances: a.entrances ?? null,
    ownersOnly: a.ownersOnly ?? false,
    debtorsAboveKopecks: a.debtorsAboveKopecks ?? null,
    noReadingThisPeriod: a.noReadingThisPeriod ?? false,
  };
}
