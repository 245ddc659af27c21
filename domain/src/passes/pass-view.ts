import type { PassKind, PassStatus } from '@domovoy/prisma';
import { passDays } from './pass-dates.ts';
import { effectivePassStatus } from './pass-status.ts';
import { plateInCyrillic } from './plate.ts';

/** The columns every pass view needs; never the token (only its resident and the QR carry it). */
export const PASS_SELECT = {
  id: true,
  houseId: true,
  premisesId: true,
  kind: true,
  guestName: true,
  plate: true,
  plateNormalized: true,
  oneTime: true,
  validFrom: true,
  validTo: true,
  status: true,
  approvedAt: true,
  usedAt: true,
  cancelledAt: true,
  comment: true,
  createdAt: true,
  premises: { select: { number: true } },
  house: { select: { address: true, timezone: true } },
} as const;

interface PassRow {
  id: string;
  houseId: string;
  premisesId: string;
  kind: PassKind;
  guestName: string | null;
  plate: string | null;
  plateNormalized: string | null;
  oneTime: boolean;
  validFrom: Date;
  validTo: Date;
  status: PassStatus;
  approvedAt: Date | null;
  usedAt: Date | null;
  cancelledAt: Date | null;
  comment: string | null;
  createdAt: Date;
  premises: { number: string };
  house: { address: string; timezone: string };
}

export interface PassView {
  id: string;
  houseId: string;
  address: string;
  timezone: string;
  premisesId: string;
  premisesNumber: string;
  kind: PassKind;
  guestName: string | null;
  /** As the resident typed it. */
  plate: string | null;
  plateNormalized: string | null;
  /** The plate as Russians read it: upper case, Cyrillic, no spaces (А123ВС77). */
  plateText: string | null;
  oneTime: boolean;
  validFrom: Date;
  validTo: Date;
  /** First and last day in the house's calendar, YYYY-MM-DD. */
  fromDate: string;
  toDate: string;
  /** Expired once its last day is over, whatever the row says. */
  status: PassStatus;
  approvedAt: Date | null;
  usedAt: Date | null;
  cancelledAt: Date | null;
  comment: string | null;
  createdAt: Date;
}

export function passView(row: PassRow, now: Date): PassView {
  return {
    id: row.id,
    houseId: row.houseId,
    address: row.house.address,
    timezone: row.house.timezone,
    premisesId: row.premisesId,
    premisesNumber: row.premises.number,
    kind: row.kind,
    guestName: row.guestName,
    plate: row.plate,
    plateNormalized: row.plateNormalized,
    plateText: row.plateNormalized ? plateInCyrillic(row.plateNormalized) : null,
    oneTime: row.oneTime,
    validFrom: row.validFrom,
    validTo: row.validTo,
    ...passDays(row, row.house.timezone),
    status: effectivePassStatus(row, now),
    approvedAt: row.approvedAt,
    usedAt: row.usedAt,
    cancelledAt: row.cancelledAt,
    comment: row.comment,
    createdAt: row.createdAt,
  };
}

/** What the audit log keeps of a pass: who it is for, but no token. */
export const passAudit = (p: PassView) => ({
  premisesId: p.premisesId,
  kind: p.kind,
  guestName: p.guestName,
  plate: p.plateNormalized,
  fromDate: p.fromDate,
  toDate: p.toDate,
  oneTime: p.oneTime,
  status: p.status,
});
