import type { DomainDeps } from '../context.ts';
import { nowOf } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { localDateTime, periodDate } from '../time/zoned.ts';
import { decimalToMilli, MILLI } from './reading-value.ts';
import { readingsWindow, type WindowState } from './reading-window.ts';

export type MeterBlock = 'retired' | 'verification_overdue' | null;

export interface ZoneState {
  zone: number;
  /** The value to compare a new reading with: the last reading before this period, or the opening value. */
  previousMilli: number | null;
  previousPeriod: Date | null;
  /** This period's reading when already submitted (editable until the window closes). */
  currentMilli: number | null;
  /** Consumption of earlier periods, oldest first (up to 6). */
  recentConsumptionsMilli: number[];
}

export interface MeterState {
  id: string;
  type: 'COLD_WATER' | 'HOT_WATER' | 'ELECTRICITY' | 'GAS' | 'HEAT';
  serial: string;
  zones: number;
  integerDigits: number;
  fractionDigits: number;
  verificationDueAt: Date;
  block: MeterBlock;
  zoneStates: ZoneState[];
}

export interface FlatMeters {
  accountId: string;
  houseId: string;
  address: string;
  premisesNumber: string;
  timezone: string;
  window: WindowState;
  meters: MeterState[];
}

const METER_SELECT = {
  id: true,
  type: true,
  serial: true,
  zones: true,
  integerDigits: true,
  fractionDigits: true,
  verificationDueAt: true,
  status: true,
  initialValues: true,
  readings: {
    orderBy: { period: 'desc' as const },
    take: 8 * 3,
    select: { period: true, zone: true, value: true },
  },
};

/**
 * A resident's meters for one linked flat, with what the submission rules need: previous values, recent
 * consumption and the window. Throws FORBIDDEN when the resident is not linked to the account.
 */
export async function loadFlatMeters(
  deps: DomainDeps,
  input: { telegramUserId: bigint; accountId: string; meterId?: string },
): Promise<FlatMeters> {
  const link = await deps.db.prisma.residentAccountLink.findFirst({
    where: {
      accountId: input.accountId,
      active: true,
      resident: { telegramUserId: input.telegramUserId },
      account: { closedAt: null },
    },
    select: {
      account: {
        select: {
          id: true,
          premisesId: true,
          premises: {
            select: {
              houseId: true,
              number: true,
              house: {
                select: {
                  address: true,
                  timezone: true,
                  readingsWindowStartDay: true,
                  readingsWindowEndDay: true,
                  readingsWindowOpenedEarlyUntil: true,
                },
              },
            },
          },
        },
      },
    },
  });
  if (!link) throw new AppError('FORBIDDEN', 'flat not linked', { what: 'flat_link' });
  const house = link.account.premises.house;
  const now = nowOf(deps);
  const window = readingsWindow(house, now);
  const local = localDateTime(now, house.timezone);
  const currentPeriod = window.open ? window.period : periodDate(local.year, local.month);
  const meters = await deps.db.prisma.meter.findMany({
    where: {
      premisesId: link.account.premisesId,
      OR: [{ accountId: null }, { accountId: link.account.id }],
      ...(input.meterId ? { id: input.meterId } : { status: 'ACTIVE' }),
    },
    orderBy: [{ type: 'asc' }, { serial: 'asc' }],
    select: METER_SELECT,
  });
  const today = periodDate(local.year, local.month);
  today.setUTCDate(local.day);
  return {
    accountId: link.account.id,
    houseId: link.account.premises.houseId,
    address: house.address,
    premisesNumber: link.account.premises.number,
    timezone: house.timezone,
    window,
    meters: meters.map((m) => {
      const block: MeterBlock =
        m.status !== 'ACTIVE' ? 'retired' : m.verificationDueAt < today ? 'verification_overdue' : null;
      const capacity = 10 ** m.integerDigits * MILLI;
      const zoneStates = Array.from({ length: m.zones }, (_, i) => {
        const zone = i + 1;
        const readings = m.readings.filter((r) => r.zone === zone);
        const current = readings.find((r) => r.period.getTime() === currentPeriod.getTime());
        const earlier = readings.filter((r) => r.period < currentPeriod).reverse(); // oldest first
        const opening = m.initialValues[i];
        const values = [
          ...(opening !== undefined ? [decimalToMilli(opening)] : []),
          ...earlier.map((r) => decimalToMilli(r.value)),
        ];
        const consumptions = values.slice(1).map((v, k) => {
          const diff = v - (values[k] as number);
          return diff >= 0 ? diff : capacity - (values[k] as number) + v;
        });
        return {
          zone,
          previousMilli: values.at(-1) ?? null,
          previousPeriod: earlier.at(-1)?.period ?? null,
          currentMilli: current ? decimalToMilli(current.value) : null,
          recentConsumptionsMilli: consumptions.slice(-6),
        };
      });
      return {
        id: m.id,
        type: m.type,
        serial: m.serial,
        zones: m.zones,
        integerDigits: m.integerDigits,
        fractionDigits: m.fractionDigits,
        verificationDueAt: m.verificationDueAt,
        block,
        zoneStates,
      };
    }),
  };
}
