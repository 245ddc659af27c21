import type { DomainDeps } from '../context.ts';

export interface ResidentFlat {
  accountId: string;
  accountNumber: string;
  address: string;
  premisesNumber: string;
  role: 'OWNER' | 'TENANT' | 'FAMILY';
  houseId: string;
}

/** A resident's active links by Telegram user id ($1); bench:readings' floor runs this same text. */
export const RESIDENT_FLATS_SQL = `SELECT a.id AS "accountId", a.number AS "accountNumber", h.address, p.number AS "premisesNumber",
            p.house_id AS "houseId", l.role::text AS role
     FROM resident_account_links l
     JOIN residents r ON r.id = l.resident_id
     JOIN personal_accounts a ON a.id = l.account_id
     JOIN premises p ON p.id = a.premises_id
     JOIN houses h ON h.id = p.house_id
     WHERE l.active AND r.telegram_user_id = $1::bigint AND a.closed_at IS NULL`;

/**
 * The flats a resident has linked, in a stable order (address, then flat number). Asked on most of a resident's
 * first steps (menus, readings, tickets), hence one prepared statement.
 */
export async function listResidentFlats(deps: DomainDeps, telegramUserId: bigint): Promise<ResidentFlat[]> {
  const rows = await deps.db.sql.query<ResidentFlat>(RESIDENT_FLATS_SQL, [telegramUserId.toString()], {
    prepare: true,
  });
  return rows.sort(
    (a, b) =>
      a.address.localeCompare(b.address) ||
      a.premisesNumber.localeCompare(b.premisesNumber, 'ru', { numeric: true }),
  );
}

/** The resident leaves a flat in the bot; staff can still see the history of the link. */
export async function unlinkFlat(deps: DomainDeps, input: { telegramUserId: bigint; accountId: string }) {
  const { count } = await deps.db.prisma.residentAccountLink.updateMany({
    where: { accountId: input.accountId, resident: { telegramUserId: input.telegramUserId }, active: true },
    data: { active: false },
  });
  return count > 0;
}
