import type { PaymentQr } from './payment-qr.ts';

/**
 * Everything one receipt (ЕПД, Minstroy order 43/pr) prints, already computed: the renderer only lays it out.
 * Money is integer kopecks (BigInt); volumes, tariffs and areas are exact decimal text with a `.` separator.
 */
export type ChargeKindName = 'REGULAR' | 'AVERAGE' | 'NORMATIVE' | 'RECALCULATION' | 'ADJUSTMENT';
export type MeterTypeName = 'COLD_WATER' | 'HOT_WATER' | 'ELECTRICITY' | 'GAS' | 'HEAT';

/** One row of the services table: a service, or one tariff zone of a multi-zone service. */
export interface ReceiptLine {
  serviceId: string;
  serviceCode: string;
  serviceName: string;
  unit: string;
  /** Tariff zone (1..3) of a multi-zone service, else null. */
  zone: number | null;
  /** How many zones the service has for this account (2: day/night, 3: peak/semi-peak/night). */
  zoneCount: number;
  /** How the charged part was computed (REGULAR, AVERAGE, NORMATIVE); recalculations are not listed here. */
  kinds: ChargeKindName[];
  /** Sum of the volumes of the period's own charges; null when they have none (fixed charges, recalculations only). */
  volume: string | null;
  /** The tariff in kopecks per unit when all the period's own charges used one; null otherwise. */
  tariffKopecks: string | null;
  /** REGULAR + AVERAGE + NORMATIVE charges of the period. */
  chargedKopecks: bigint;
  /** RECALCULATION + ADJUSTMENT lines carried by this period (positive or negative). */
  recalculationKopecks: bigint;
  totalKopecks: bigint;
}

export interface ReceiptMeterZone {
  meterId: string;
  type: MeterTypeName;
  serial: string;
  zone: number;
  zones: number;
  fractionDigits: number;
  /** The latest reading before the period (up to 12 months back), if any. */
  previous: { period: Date; value: string } | null;
  /** The reading of the period, null when none was submitted. */
  current: string | null;
}

export interface ReceiptTotals {
  /**
   * Debt (positive) or advance (negative) at the start of the period: charges of earlier periods plus penalties
   * carried by earlier receipts, minus payments received before the period. Equals the previous receipt's total.
   */
  debtAtStartKopecks: bigint;
  earlierChargesKopecks: bigint;
  earlierPenaltiesKopecks: bigint;
  earlierPaymentsKopecks: bigint;
  /** Payments received during the period (by the day the money arrived). */
  paidKopecks: bigint;
  /** Sum of the services table: charged + recalculation of every line. */
  chargedKopecks: bigint;
  recalculationKopecks: bigint;
  linesTotalKopecks: bigint;
  /** Penalty rows posted to this period's receipt (QR AddAmount). */
  penaltiesKopecks: bigint;
  /** debt at start − paid + lines total + penalties: exactly the sum of the printed figures. */
  totalToPayKopecks: bigint;
}

export interface ReceiptData {
  period: { year: number; month: number /** First day (UTC midnight). */; date: Date };
  /** DRAFT periods may still change: the receipt says so. */
  status: 'DRAFT' | 'CLOSED';
  payee: {
    name: string;
    shortName: string | null;
    inn: string;
    kpp: string | null;
    bankAccount: string;
    bankName: string;
    bic: string;
    corrAccount: string;
    address: string;
    phone: string | null;
    email: string | null;
  };
  payer: {
    accountId: string;
    accountNumber: string;
    /** The account's payer name, else the premises' current owners; null when neither is known. */
    name: string | null;
    address: string;
    premisesKind: 'FLAT' | 'NON_RESIDENTIAL';
    premisesNumber: string;
    entranceNumber: number | null;
    area: string;
    registeredPersons: number;
  };
  house: { id: string; address: string; emergencyPhone: string | null; timezone: string };
  lines: ReceiptLine[];
  totals: ReceiptTotals;
  meters: ReceiptMeterZone[];
  qr: PaymentQr;
}
