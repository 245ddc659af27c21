import type { DomainDeps } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { decimalToMilli, MILLI, milliToString } from './reading-value.ts';

export interface HistoryRow {
  period: Date;
  values: string[];
  /** Consumption per zone since the previous reading; null for the first one shown without an earlier value. */
  consumption: (string | null)[];
}

/** The last 12 months of a meter's readings with consumption, for the resident who is linked to it. */
export async function getMeterHistory(
  deps: DomainDeps,
  input: { telegramUserId: bigint; accountId: string; meterId: string },
): Promise<{ serial: string; type: string; zones: number; rows: HistoryRow[] }> {
  const meter = await deps.db.prisma.meter.findFirst({
    where: {
      id: input.meterId,
      premises: {
        accounts: {
          some: {
            id: input.accountId,
            links: { some: { active: true, resident: { telegramUserId: input.telegramUserId } } },
          },
        },
      },
    },
    select: {
      serial: true,
      type: true,
      zones: true,
      integerDigits: true,
      initialValues: true,
      readings: {
        orderBy: { period: 'desc' },
        take: 13 * 3,
        select: { period: true, zone: true, value: true },
      },
    },
  });
  if (!meter) throw new AppError('NOT_FOUND', 'meter not found', { what: 'meter' });
  const periods = [...new Set(meter.readings.map((r) => r.period.getTime()))]
    .sort((a, b) => a - b)
    .slice(-13);
  const capacity = 10 ** meter.integerDigits * MILLI;
  const valueAt = (time: number, zone: number) => {
    const r = meter.readings.find((x) => x.period.getTime() === time && x.zone === zone);
    return r ? decimalToMilli(r.value) : null;
  };
  const rows = periods.map((time, index) => {
    const values: string[] = [];
    const consumption: (string | null)[] = [];
    for (let zone = 1; zone <= meter.zones; zone++) {
      const value = valueAt(time, zone);
      const before = index > 0 ? valueAt(periods[index - 1] as number, zone) : null;
      values.push(value === null ? '—' : milliToString(value));
      if (value === null || before === null) consumption.push(null);
      else consumption.push(milliToString(value >= before ? value - before : capacity - before + value));
    }
    return { period: new Date(time), values, consumption };
  });
  // The 13th (oldest) month only provided the base for the first consumption.
  return { serial: meter.serial, type: meter.type, zones: meter.zones, rows: rows.slice(-12) };
}
