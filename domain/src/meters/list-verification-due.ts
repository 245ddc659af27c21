import { z } from 'zod';
import { type DomainDeps, nowOf } from '../context.ts';
import { compareNumbers, loadHouse } from '../registry/registry-access.ts';
import { idSchema, isoDate, listPageFields, localToday } from '../registry/registry-fields.ts';
import type { StaffActor } from '../staff/staff-actor.ts';

export const listVerificationDueInputSchema = z.object({
  houseId: idSchema,
  /** Due within this many days from today (house calendar); overdue meters are always included. */
  days: z.number().int().min(0).max(366).default(30),
  ...listPageFields,
});

const DAY_MS = 86_400_000;

/**
 * Working meters of a house whose verification (поверка) is due within `days` or already overdue, soonest first:
 * staff call the residents before the meter stops being accepted (an overdue meter's readings are not taken and
 * the flat is billed by average, Decree 354 п. 59). Search by serial or flat number.
 */
export async function listVerificationDue(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof listVerificationDueInputSchema>,
) {
  const { houseId, days, search, page, pageSize } = listVerificationDueInputSchema.parse(input);
  const house = await loadHouse(deps.db.prisma, actor, houseId, 'registry.read');
  const today = localToday(nowOf(deps), house.timezone);
  const until = new Date(today.getTime() + days * DAY_MS);
  const where = {
    status: 'ACTIVE' as const,
    verificationDueAt: { lte: until },
    premises: { houseId },
    ...(search
      ? {
          OR: [
            { serial: { contains: search, mode: 'insensitive' as const } },
            { premises: { number: { equals: search, mode: 'insensitive' as const } } },
          ],
        }
      : {}),
  };
  const [total, rows] = await Promise.all([
    deps.db.prisma.meter.count({ where }),
    deps.db.prisma.meter.findMany({
      where,
      orderBy: [{ verificationDueAt: 'asc' }, { id: 'asc' }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        type: true,
        serial: true,
        verificationDueAt: true,
        premises: {
          select: {
            id: true,
            number: true,
            kind: true,
            accounts: { where: { closedAt: null }, orderBy: { number: 'asc' }, select: { number: true } },
          },
        },
      },
    }),
  ]);
  return {
    today: isoDate(today),
    until: isoDate(until),
    total,
    page,
    pageSize,
    items: rows
      .map((m) => {
        const daysLeft = Math.round((m.verificationDueAt.getTime() - today.getTime()) / DAY_MS);
        return {
          meterId: m.id,
          type: m.type,
          serial: m.serial,
          verificationDueAt: isoDate(m.verificationDueAt),
          daysLeft,
          overdue: daysLeft < 0,
          premisesId: m.premises.id,
          premisesKind: m.premises.kind,
          premisesNumber: m.premises.number,
          accountNumbers: m.premises.accounts.map((a) => a.number),
        };
      })
      .sort((a, b) => a.daysLeft - b.daysLeft || compareNumbers(a.premisesNumber, b.premisesNumber)),
  };
}
