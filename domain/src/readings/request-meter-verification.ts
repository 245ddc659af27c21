import { type DomainDeps, nowOf } from '../context.ts';
import { AppError } from '../errors/app-error.ts';

const CATEGORY_BY_METER = {
  COLD_WATER: 'PLUMBING',
  HOT_WATER: 'PLUMBING',
  ELECTRICITY: 'ELECTRICITY',
  GAS: 'OTHER',
  HEAT: 'HEATING',
} as const;

/**
 * A meter past its verification date takes no readings (the flat is billed by average, Decree 354 п. 59), so the
 * bot offers to book the verification: a planned ticket in the flat, numbered within the house. One open request
 * per meter: asking again returns the existing ticket.
 */
export async function requestMeterVerification(
  deps: DomainDeps,
  input: { telegramUserId: bigint; accountId: string; meterId: string; description: string },
): Promise<{ ticketNumber: number; created: boolean }> {
  return deps.db.prisma.$transaction(async (tx) => {
    const link = await tx.residentAccountLink.findFirst({
      where: { accountId: input.accountId, active: true, resident: { telegramUserId: input.telegramUserId } },
      select: {
        residentId: true,
        account: { select: { id: true, premisesId: true, premises: { select: { houseId: true } } } },
      },
    });
    if (!link) throw new AppError('FORBIDDEN', 'flat not linked', { what: 'flat_link' });
    const meter = await tx.meter.findFirst({
      where: { id: input.meterId, premisesId: link.account.premisesId },
      select: { type: true, serial: true },
    });
    if (!meter) throw new AppError('NOT_FOUND', 'meter not found', { what: 'meter' });
    const marker = `[meter:${input.meterId}]`;
    const open = await tx.ticket.findFirst({
      where: {
        premisesId: link.account.premisesId,
        status: { notIn: ['DONE', 'CLOSED', 'CANCELLED'] },
        locationDetail: marker,
      },
      select: { number: true },
    });
    if (open) return { ticketNumber: open.number, created: false };
    const [house] = await tx.$queryRaw<{ last_ticket_number: number }[]>`
      UPDATE houses SET last_ticket_number = last_ticket_number + 1
      WHERE id = ${link.account.premises.houseId} RETURNING last_ticket_number`;
    if (!house) throw new AppError('NOT_FOUND', 'house not found');
    await tx.ticket.create({
      data: {
        houseId: link.account.premises.houseId,
        number: house.last_ticket_number,
        premisesId: link.account.premisesId,
        accountId: link.account.id,
        residentId: link.residentId,
        category: CATEGORY_BY_METER[meter.type],
        urgency: 'PLANNED',
        locationKind: 'FLAT',
        locationDetail: marker,
        description: input.description.slice(0, 2000),
        createdAt: nowOf(deps),
      },
      select: { id: true },
    });
    return { ticketNumber: house.last_ticket_number, created: true };
  });
}
