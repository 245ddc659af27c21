import type { DomainDeps } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { normalizePhone } from './phone.ts';

/**
 * Links a resident to the flats the registry lists under their phone as an owner. Only the Telegram account's own
 * number counts (the adapter checks contact.user_id), never a forwarded contact.
 */
export async function linkByPhone(deps: DomainDeps, input: { telegramUserId: bigint; phone: string }) {
  const phone = normalizePhone(input.phone);
  if (!phone) throw new AppError('VALIDATION', 'not a phone number', { what: 'phone' });
  return deps.db.prisma.$transaction(async (tx) => {
    const resident = await tx.resident.update({
      where: { telegramUserId: input.telegramUserId },
      data: { phone },
      select: { id: true },
    });
    const ownerships = await tx.ownership.findMany({
      where: { owner: { phone }, OR: [{ validTo: null }, { validTo: { gte: new Date() } }] },
      select: {
        ownerId: true,
        premises: {
          select: {
            number: true,
            house: { select: { address: true } },
            accounts: { where: { closedAt: null }, select: { id: true, number: true } },
          },
        },
      },
    });
    const flats = ownerships.flatMap((o) =>
      o.premises.accounts.map((a) => ({
        accountId: a.id,
        accountNumber: a.number,
        ownerId: o.ownerId,
        address: o.premises.house.address,
        premisesNumber: o.premises.number,
      })),
    );
    if (flats.length === 0)
      throw new AppError('NOT_FOUND', 'no flat registered to this phone', { what: 'phone_match' });
    for (const flat of flats) {
      await tx.residentAccountLink.upsert({
        where: { residentId_accountId: { residentId: resident.id, accountId: flat.accountId } },
        create: {
          residentId: resident.id,
          accountId: flat.accountId,
          role: 'OWNER',
          ownerId: flat.ownerId,
          linkedVia: 'PHONE',
        },
        update: { role: 'OWNER', ownerId: flat.ownerId, active: true },
        select: { id: true },
      });
    }
    return flats;
  });
}
