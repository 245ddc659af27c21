import type { Tx } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { compareNumbers } from '../../registry/registry-access.ts';
import { addMonths, zonedInstant } from '../../time/zoned.ts';
import { buildPaymentQr } from './payment-qr.ts';
import type {
  ChargeKindName,
  MeterTypeName,
  ReceiptData,
  ReceiptLine,
  ReceiptMeterZone,
} from './receipt-types.ts';

/** One collator for the process: `localeCompare(…, 'ru')` builds one per comparison. */
const RU = new Intl.Collator('ru');

export interface ReceiptScope {
  houseId: string;
  /** First day of the billing month (UTC midnight). */
  period: Date;
  /** Only these accounts of the house; by default every account of the house not closed before the period. */
  accountIds?: readonly string[];
}

/** How far back the "previous reading" column looks. */
const PREVIOUS_READING_MONTHS = 12;
const OWN_KINDS: readonly ChargeKindName[] = ['REGULAR', 'AVERAGE', 'NORMATIVE'];
const METER_ORDER: readonly MeterTypeName[] = ['COLD_WATER', 'HOT_WATER', 'ELECTRICITY', 'GAS', 'HEAT'];
/** Volumes and tariffs are Decimal(14, 4): summed as integers of 1/10 000. */
const SCALE = 4;

/**
 * Assembles the receipts of a house for a billing month with one query per table, whatever the number of
 * accounts, so a bulk run over a house costs the same dozen queries as one receipt. The caller has already checked
 * that the house belongs to the organisation and that the staff member may read its billing.
 */
export async function loadReceipts(db: Tx, scope: ReceiptScope): Promise<ReceiptData[]> {
  const { houseId, period } = scope;
  const year = period.getUTCFullYear();
  const month = period.getUTCMonth() + 1;
  const next = addMonths(year, month, 1);
  const nextPeriod = new Date(Date.UTC(next.year, next.month - 1, 1));
  const lastDay = new Date(nextPeriod.getTime() - 86_400_000);
  const oldest = addMonths(year, month, -PREVIOUS_READING_MONTHS);

  const house = await db.house.findUnique({
    where: { id: houseId },
    select: {
      id: true,
      address: true,
      timezone: true,
      emergencyPhone: true,
      organization: {
        select: {
          name: true,
          shortName: true,
          inn: true,
          kpp: true,
          bankAccount: true,
          bankName: true,
          bic: true,
          corrAccount: true,
          address: true,
          phone: true,
          email: true,
        },
      },
    },
  });
  if (!house) throw new AppError('NOT_FOUND', 'house not found', { what: 'house' });
  const billingPeriod = await db.billingPeriod.findUnique({
    where: { houseId_period: { houseId, period } },
    select: { id: true, status: true },
  });
  if (!billingPeriod)
    throw new AppError('NOT_FOUND', `no billing period ${isoMonth(period)} in this house`, {
      what: 'billingPeriod',
    });

  const periodStart = zonedInstant(house.timezone, year, month, 1);
  const accounts = await db.personalAccount.findMany({
    where: {
      premises: { houseId },
      ...(scope.accountIds
        ? { id: { in: [...scope.accountIds] } }
        : { OR: [{ closedAt: null }, { closedAt: { gte: periodStart } }] }),
    },
    select: {
      id: true,
      number: true,
      payerName: true,
      registeredPersons: true,
      premisesId: true,
      premises: {
        select: { kind: true, number: true, area: true, entrance: { select: { number: true } } },
      },
    },
  });
  if (accounts.length === 0) return [];
  // For the whole house the relation filter keeps the SQL short; for a few accounts, their ids.
  const byAccount = scope.accountIds
    ? { accountId: { in: accounts.map((a) => a.id) } }
    : { account: { premises: { houseId } } };
  const byPremises = scope.accountIds
    ? { premisesId: { in: [...new Set(accounts.map((a) => a.premisesId))] } }
    : { premises: { houseId } };

  const ownerships = await db.ownership.findMany({
    where: {
      ...byPremises,
      AND: [
        { OR: [{ validFrom: null }, { validFrom: { lte: lastDay } }] },
        { OR: [{ validTo: null }, { validTo: { gte: period } }] },
      ],
    },
    select: {
      premisesId: true,
      shareNumerator: true,
      shareDenominator: true,
      owner: { select: { fullName: true } },
    },
  });
  const services = await db.service.findMany({
    where: { houseId },
    select: { id: true, code: true, name: true, unit: true, position: true },
  });
  const charges = await db.charge.findMany({
    where: { ...byAccount, billingPeriodId: billingPeriod.id },
    select: {
      accountId: true,
      serviceId: true,
      kind: true,
      volume: true,
      zone: true,
      tariffKopecks: true,
      amountKopecks: true,
      meter: { select: { zones: true } },
    },
  });
  const earlierCharges = await db.charge.groupBy({
    by: ['accountId'],
    where: { ...byAccount, period: { lt: period } },
    _sum: { amountKopecks: true },
  });
  const paidBefore = await db.payment.groupBy({
    by: ['accountId'],
    where: { ...byAccount, status: 'MATCHED', paidAt: { lt: period } },
    _sum: { amountKopecks: true },
  });
  const paidDuring = await db.payment.groupBy({
    by: ['accountId'],
    where: { ...byAccount, status: 'MATCHED', paidAt: { gte: period, lt: nextPeriod } },
    _sum: { amountKopecks: true },
  });
  const earlierPenalties = await db.penalty.groupBy({
    by: ['accountId'],
    where: { ...byAccount, billingPeriod: { is: { period: { lt: period } } } },
    _sum: { amountKopecks: true },
  });
  const penalties = await db.penalty.groupBy({
    by: ['accountId'],
    where: { ...byAccount, billingPeriodId: billingPeriod.id },
    _sum: { amountKopecks: true },
  });
  const meters = await db.meter.findMany({
    where: {
      ...byPremises,
      installedAt: { lte: lastDay },
      OR: [{ status: 'ACTIVE' }, { retiredAt: { gte: period } }],
    },
    select: {
      id: true,
      premisesId: true,
      accountId: true,
      type: true,
      serial: true,
      zones: true,
      fractionDigits: true,
      readings: {
        where: { period: { gte: new Date(Date.UTC(oldest.year, oldest.month - 1, 1)), lte: period } },
        select: { period: true, zone: true, value: true },
        orderBy: { period: 'desc' },
      },
    },
  });

  const sums = (rows: { accountId: string | null; _sum: { amountKopecks: bigint | null } }[]) =>
    new Map(rows.map((r) => [r.accountId, r._sum.amountKopecks ?? 0n]));
  const earlierChargesBy = sums(earlierCharges);
  const paidBeforeBy = sums(paidBefore);
  const paidDuringBy = sums(paidDuring);
  const earlierPenaltiesBy = sums(earlierPenalties);
  const penaltiesBy = sums(penalties);
  const serviceById = new Map(services.map((s) => [s.id, s]));
  const chargesBy = groupBy(charges, (c) => c.accountId);
  const ownersBy = groupBy(ownerships, (o) => o.premisesId);
  const metersBy = groupBy(meters, (m) => m.premisesId);
  const org = house.organization;

  return accounts
    .sort((a, b) => compareNumbers(a.premises.number, b.premises.number) || RU.compare(a.number, b.number))
    .map((account): ReceiptData => {
      const lines = receiptLines(chargesBy.get(account.id) ?? [], serviceById);
      const chargedKopecks = sum(lines.map((l) => l.chargedKopecks));
      const recalculationKopecks = sum(lines.map((l) => l.recalculationKopecks));
      const linesTotalKopecks = chargedKopecks + recalculationKopecks;
      const earlierChargesKopecks = earlierChargesBy.get(account.id) ?? 0n;
      const earlierPenaltiesKopecks = earlierPenaltiesBy.get(account.id) ?? 0n;
      const earlierPaymentsKopecks = paidBeforeBy.get(account.id) ?? 0n;
      const debtAtStartKopecks = earlierChargesKopecks + earlierPenaltiesKopecks - earlierPaymentsKopecks;
      const paidKopecks = paidDuringBy.get(account.id) ?? 0n;
      const penaltiesKopecks = penaltiesBy.get(account.id) ?? 0n;
      const totalToPayKopecks = debtAtStartKopecks - paidKopecks + linesTotalKopecks + penaltiesKopecks;

      const owners = (ownersBy.get(account.premisesId) ?? []).sort(
        (a, b) =>
          b.shareNumerator * a.shareDenominator - a.shareNumerator * b.shareDenominator ||
          RU.compare(a.owner.fullName, b.owner.fullName),
      );
      const payerName =
        account.payerName?.trim() || (owners.length ? owners.map((o) => o.owner.fullName).join(', ') : null);
      const person = payerName ? personName(payerName) : null;
      const qr = buildPaymentQr({
        payee: org,
        sumKopecks: totalToPayKopecks > 0n ? totalToPayKopecks : null,
        purpose: `Оплата ЖКУ за ${String(month).padStart(2, '0')}.${year}, л/с ${account.number}`,
        personalAccount: account.number,
        period: { year, month },
        payer: { ...(person ?? {}), address: house.address, flat: account.premises.number },
        penaltyKopecks: penaltiesKopecks > 0n ? penaltiesKopecks : null,
      });
      const accountMeters = (metersBy.get(account.premisesId) ?? []).filter(
        (m) => m.accountId === null || m.accountId === account.id,
      );
      return {
        period: { year, month, date: period },
        status: billingPeriod.status,
        payee: org,
        payer: {
          accountId: account.id,
          accountNumber: account.number,
          name: payerName,
          address: house.address,
          premisesKind: account.premises.kind,
          premisesNumber: account.premises.number,
          entranceNumber: account.premises.entrance?.number ?? null,
          area: account.premises.area.toFixed(2),
          registeredPersons: account.registeredPersons,
        },
        house: {
          id: house.id,
          address: house.address,
          emergencyPhone: house.emergencyPhone,
          timezone: house.timezone,
        },
        lines,
        totals: {
          debtAtStartKopecks,
          earlierChargesKopecks,
          earlierPenaltiesKopecks,
          earlierPaymentsKopecks,
          paidKopecks,
          chargedKopecks,
          recalculationKopecks,
          linesTotalKopecks,
          penaltiesKopecks,
          totalToPayKopecks,
        },
        meters: meterZones(accountMeters, period),
        qr,
      };
    });
}

interface ChargeRow {
  serviceId: string;
  kind: ChargeKindName;
  volume: { toFixed(digits: number): string } | null;
  zone: number | null;
  tariffKopecks: { toFixed(digits: number): string } | null;
  amountKopecks: bigint;
  meter: { zones: number } | null;
}

interface ServiceRow {
  id: string;
  code: string;
  name: string;
  unit: string;
  position: number;
}

/**
 * One row per service and tariff zone. The period's own charges give the volume and the tariff; recalculations and
 * adjustments go to their own column. Amounts are the stored, already rounded lines, only ever added.
 */
function receiptLines(charges: readonly ChargeRow[], services: Map<string, ServiceRow>): ReceiptLine[] {
  const zoneCount = new Map<string, number>();
  for (const c of charges)
    zoneCount.set(c.serviceId, Math.max(zoneCount.get(c.serviceId) ?? 1, c.meter?.zones ?? 1, c.zone ?? 1));
  const rows = new Map<string, { line: ReceiptLine; volume: bigint | null; tariffs: Set<string> }>();
  for (const c of charges) {
    const service = services.get(c.serviceId);
    if (!service) throw new Error(`charge of an unknown service ${c.serviceId}`);
    const key = `${c.serviceId}:${c.zone ?? ''}`;
    let row = rows.get(key);
    if (!row) {
      row = {
        line: {
          serviceId: service.id,
          serviceCode: service.code,
          serviceName: service.name,
          unit: service.unit,
          zone: c.zone,
          zoneCount: zoneCount.get(c.serviceId) ?? 1,
          kinds: [],
          volume: null,
          tariffKopecks: null,
          chargedKopecks: 0n,
          recalculationKopecks: 0n,
          totalKopecks: 0n,
        },
        volume: null,
        tariffs: new Set(),
      };
      rows.set(key, row);
    }
    const { line } = row;
    line.totalKopecks += c.amountKopecks;
    if (!OWN_KINDS.includes(c.kind)) {
      line.recalculationKopecks += c.amountKopecks;
      continue;
    }
    line.chargedKopecks += c.amountKopecks;
    if (!line.kinds.includes(c.kind)) line.kinds.push(c.kind);
    if (c.volume) row.volume = (row.volume ?? 0n) + BigInt(c.volume.toFixed(SCALE).replace('.', ''));
    row.tariffs.add(c.tariffKopecks ? c.tariffKopecks.toFixed(SCALE) : '');
  }
  return [...rows.values()]
    .map(({ line, volume, tariffs }) => {
      const [only] = tariffs;
      line.kinds.sort((a, b) => OWN_KINDS.indexOf(a) - OWN_KINDS.indexOf(b));
      line.volume = volume === null ? null : unscale(volume);
      line.tariffKopecks = tariffs.size === 1 && only ? only : null;
      return line;
    })
    .sort((a, b) => {
      const sa = services.get(a.serviceId)!;
      const sb = services.get(b.serviceId)!;
      return sa.position - sb.position || RU.compare(sa.name, sb.name) || (a.zone ?? 0) - (b.zone ?? 0);
    });
}

interface MeterRow {
  id: string;
  type: MeterTypeName;
  serial: string;
  zones: number;
  fractionDigits: number;
  readings: { period: Date; zone: number; value: { toString(): string } }[];
}

/** Each zone of each meter: the period's reading and the one before it (readings come newest first). */
function meterZones(meters: readonly MeterRow[], period: Date): ReceiptMeterZone[] {
  return [...meters]
    .sort(
      (a, b) => METER_ORDER.indexOf(a.type) - METER_ORDER.indexOf(b.type) || RU.compare(a.serial, b.serial),
    )
    .flatMap((m) =>
      Array.from({ length: m.zones }, (_, i): ReceiptMeterZone => {
        const zone = i + 1;
        const ofZone = m.readings.filter((r) => r.zone === zone);
        const current = ofZone.find((r) => r.period.getTime() === period.getTime());
        const previous = ofZone.find((r) => r.period.getTime() < period.getTime());
        return {
          meterId: m.id,
          type: m.type,
          serial: m.serial,
          zone,
          zones: m.zones,
          fractionDigits: m.fractionDigits,
          previous: previous ? { period: previous.period, value: previous.value.toString() } : null,
          current: current ? current.value.toString() : null,
        };
      }),
    );
}

/**
 * The QR code's LastName/FirstName/MiddleName, only for a name shaped like «Фамилия Имя [Отчество]»: a legal
 * entity («ООО «Ромашка»») or several owners stay out of those fields rather than being split wrongly.
 */
export function personName(
  name: string,
): { lastName: string; firstName: string; middleName: string | null } | null {
  const parts = name.trim().split(/\s+/);
  if (parts.length < 2 || parts.length > 3) return null;
  if (!parts.every((p) => /^\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)*$/u.test(p))) return null;
  return { lastName: parts[0]!, firstName: parts[1]!, middleName: parts[2] ?? null };
}

function unscale(value: bigint): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(SCALE + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -SCALE)}.${digits.slice(-SCALE)}`;
}

const sum = (values: readonly bigint[]) => values.reduce((a, b) => a + b, 0n);

const isoMonth = (period: Date) => period.toISOString().slice(0, 7);

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
