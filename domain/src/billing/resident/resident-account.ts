import { z } from 'zod';
import type { Tx } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { idSchema, localToday } from '../../registry/registry-fields.ts';

/** Who asks (the Telegram user) and about which personal account. */
export const residentAccountInputSchema = z.object({
  telegramUserId: z.bigint(),
  accountId: idSchema,
});

/**
 * The account a resident asks about, only through their own active link: a resident sees the money of the flats
 * they linked and of no other, whatever id the bot sends.
 */
export async function loadResidentAccount(db: Tx, telegramUserId: bigint, accountId: string) {
  const link = await db.residentAccountLink.findFirst({
    where: { accountId, active: true, resident: { telegramUserId } },
    select: {
      residentId: true,
      account: {
        select: {
          id: true,
          number: true,
          organizationId: true,
          premisesId: true,
          closedAt: true,
          premises: {
            select: { number: true, houseId: true, house: { select: { address: true, timezone: true } } },
          },
        },
      },
    },
  });
  if (!link) throw new AppError('FORBIDDEN', 'flat not linked', { what: 'flat_link' });
  const { account } = link;
  return {
    residentId: link.residentId,
    id: account.id,
    number: account.number,
    organizationId: account.organizationId,
    premisesId: account.premisesId,
    closedAt: account.closedAt,
    premisesNumber: account.premises.number,
    houseId: account.premises.houseId,
    address: account.premises.house.address,
    timezone: account.premises.house.timezone,
  };
}

export type ResidentAccount = Awaited<ReturnType<typeof loadResidentAccount>>;

/** Today and the billing month it falls in, as the house's calendar shows them. */
export function houseCalendar(now: Date, timezone: string) {
  const today = localToday(now, timezone);
  return { today, month: new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1)) };
}
