import type { Prisma } from '@domovoy/prisma';
import { periodText } from './billing-period.ts';

export const CHARGE_SELECT = {
  id: true,
  period: true,
  kind: true,
  correctsPeriod: true,
  meterId: true,
  volume: true,
  zone: true,
  tariffKopecks: true,
  amountKopecks: true,
  comment: true,
  service: { select: { id: true, code: true, name: true, unit: true, position: true } },
} satisfies Prisma.ChargeSelect;

type ChargeRow = Prisma.ChargeGetPayload<{ select: typeof CHARGE_SELECT }>;

/** A receipt line as staff see it: exact decimals as strings, money in kopecks. */
export function chargeView(row: ChargeRow) {
  return {
    id: row.id,
    period: periodText(row.period),
    serviceId: row.service.id,
    serviceCode: row.service.code,
    serviceName: row.service.name,
    unit: row.service.unit,
    kind: row.kind,
    correctsPeriod: row.correctsPeriod ? periodText(row.correctsPeriod) : null,
    meterId: row.meterId,
    volume: row.volume === null ? null : row.volume.toString(),
    zone: row.zone,
    tariffKopecks: row.tariffKopecks === null ? null : row.tariffKopecks.toString(),
    amountKopecks: row.amountKopecks,
    comment: row.comment,
  };
}

export type ChargeView = ReturnType<typeof chargeView>;
