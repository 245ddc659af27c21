import type { SqlExecutor } from '@domovoy/prisma';

/** Why a payment waits in the unmatched queue. */
export type UnmatchedReason = 'no-account-number' | 'account-not-found' | 'ambiguous';

export interface FoundAccount {
  id: string;
  number: string;
  houseId: string;
}

/** Leading zeros are the one thing payers drop from an account number ("л/с 54321" for 0054321). */
const significant = (number: string) => number.replace(/^0+/, '');

/**
 * The organisation's accounts whose numbers equal one of `numbers` up to leading zeros, one query for a whole
 * statement.
 */
export async function findAccountsByNumbers(
  sql: SqlExecutor,
  organizationId: string,
  numbers: readonly string[],
): Promise<FoundAccount[]> {
  const keys = [...new Set(numbers.map(significant).filter((n) => n !== ''))];
  if (keys.length === 0) return [];
  return sql.query<FoundAccount>(
    `SELECT a.id, a.number, p.house_id AS "houseId"
       FROM personal_accounts a JOIN premises p ON p.id = a.premises_id
      WHERE a.organization_id = $1 AND ltrim(a.number, '0') = ANY($2::text[])`,
    [organizationId, keys],
  );
}

/**
 * The one account the purpose's numbers designate, or why there is none. A number written exactly as an account's
 * wins over accounts that equal it only up to leading zeros; two different accounts are ambiguous.
 */
export function pickAccount(
  numbers: readonly string[],
  found: readonly FoundAccount[],
): { account: FoundAccount; reason: null } | { account: null; reason: UnmatchedReason } {
  if (numbers.length === 0) return { account: null, reason: 'no-account-number' };
  const chosen = new Map<string, FoundAccount>();
  for (const number of numbers) {
    const exact = found.filter((a) => a.number === number);
    const same =
      exact.length > 0 ? exact : found.filter((a) => significant(a.number) === significant(number));
    for (const a of same) chosen.set(a.id, a);
  }
  if (chosen.size === 0) return { account: null, reason: 'account-not-found' };
  if (chosen.size > 1) return { account: null, reason: 'ambiguous' };
  return { account: [...chosen.values()][0]!, reason: null };
}

/** 2026-10-05 */
export const isoDay = (d: Date) => d.toISOString().slice(0, 10);
/** 2026-10 */
export const isoMonth = (d: Date) => d.toISOString().slice(0, 7);
