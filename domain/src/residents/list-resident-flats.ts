import type { DomainDeps } from '../context.ts';

export interface ResidentFlat {
  accountId: string;
  accountNumber: string;
  address: string;
  premisesNumber: string;
  role: 'OWNER' | 'TENANT' | 'FAMILY';
  houseId: string;
}

/** The flats a resident has linked, in a stable order (address, then flat number). */
export async function listResidentFlats(deps: DomainDeps, telegramUserId: bigint): Promise<ResidentFlat[]> {
  const links = await deps.db.prisma.residentAccountLink.findMany({
    where: { active: true, resident: { telegramUserId }, account: { closedAt: null } },
    select: {
      role: true,
      account: {
        select: {
          id: true,
          number: true,
          premises: { select: { number: true, houseId: true, house: { select: { address: true } } } },
        },
      },
    },
  });
  return links
    .map((l) => ({
      accountId: l.account.id,
      accountNumber: l.account.number,
      address: l.account.premises.house.address,
      premisesNumber: l.account.premises.number,
      houseId: l.account.premises.houseId,
      role: l.role,
    }))
    .sort(
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
