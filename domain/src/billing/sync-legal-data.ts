import type { Database } from '@domovoy/prisma';
import { uuidv7 } from '../ids/uuidv7.ts';
import { KEY_RATE_SOURCE, KEY_RATES, PENALTY_RULES } from './legal-data.ts';

/**
 * Adds the shipped key rates and penalty rules (legal-data.ts) that the database does not have yet, on every
 * start: a fresh install can calculate penalties at once, a release with a new key rate brings its row, and a row an
 * operator entered or corrected for the same date is never overwritten.
 */
export async function syncLegalData(db: Database): Promise<{ keyRates: number; penaltyRules: number }> {
  const rates = await db.sql.query<{ n: number }>(
    `WITH added AS (
       INSERT INTO key_rates (id, valid_from, rate_bp, source)
       SELECT * FROM unnest($1::text[], $2::date[], $3::int[], $4::text[])
       ON CONFLICT (valid_from) DO NOTHING RETURNING 1)
     SELECT count(*)::int AS n FROM added`,
    [
      KEY_RATES.map(() => uuidv7()),
      KEY_RATES.map((r) => r.validFrom),
      KEY_RATES.map((r) => r.rateBp),
      KEY_RATES.map(() => KEY_RATE_SOURCE),
    ],
  );
  const rules = await db.sql.query<{ n: number }>(
    `WITH added AS (
       INSERT INTO penalty_rules (id, kind, valid_from, valid_to, value, source)
       SELECT * FROM unnest($1::text[], $2::text[]::penalty_rule_kind[], $3::date[], $4::date[], $5::int[], $6::text[])
       ON CONFLICT (kind, valid_from) DO NOTHING RETURNING 1)
     SELECT count(*)::int AS n FROM added`,
    [
      PENALTY_RULES.map(() => uuidv7()),
      PENALTY_RULES.map((r) => r.kind),
      PENALTY_RULES.map((r) => r.validFrom),
      PENALTY_RULES.map((r) => r.validTo),
      PENALTY_RULES.map((r) => r.value),
      PENALTY_RULES.map((r) => r.source),
    ],
  );
  return { keyRates: rates[0]?.n ?? 0, penaltyRules: rules[0]?.n ?? 0 };
}
