import { AppError } from '../../errors/app-error.ts';

/**
 * The penalty (пени) of ЖК РФ ст. 155 ч. 14 on housing and utility debt, computed exactly and line by line so an
 * accountant can recompute every line by hand. Pure: the caller loads the debts, payments, key rates and rules.
 * The legal figures (due day, key rate, moratoria, the 9.5 % cap) come in as data with effective dates
 * (DOMAIN.md, "Penalties"); nothing here names a date of the law.
 *
 * Every calendar date is a `date` value: UTC midnight (see prisma/schema.prisma).
 */

export interface PenaltyDebt {
  /** First day of the charge month. Several entries for one month are summed. */
  period: Date;
  /** What was charged for the month, all kinds of lines together. */
  amountKopecks: bigint;
}

export interface PenaltyPayment {
  /** The day the money arrived. */
  paidAt: Date;
  amountKopecks: bigint;
  /** The month the payer named ("за 03.2026"), first day; null or absent: oldest debt first. */
  period?: Date | null;
}

export interface KeyRateEntry {
  validFrom: Date;
  /** Basis points: 9.5 % = 950. */
  rateBp: number;
}

export type PenaltyRuleKind = 'DUE_DAY' | 'MORATORIUM' | 'RATE_CAP';

export interface PenaltyRuleEntry {
  kind: PenaltyRuleKind;
  validFrom: Date;
  /** Inclusive; null = until further notice. */
  validTo: Date | null;
  /** DUE_DAY: day of the following month; RATE_CAP: basis points; MORATORIUM: unused. */
  value: number | null;
  source: string;
}

export interface PenaltyInput {
  debts: readonly PenaltyDebt[];
  payments: readonly PenaltyPayment[];
  keyRates: readonly KeyRateEntry[];
  rules: readonly PenaltyRuleEntry[];
  /** Calculation date, inclusive. Payments after it are not known yet and are ignored. */
  asOf: Date;
}

export type PenaltyFraction = '1/300' | '1/130';

/** One day range of one debt portion at one fraction: amount = portion × rate × days / (10000 × 300 or 130). */
export interface PenaltyLine {
  /** The charge month of the debt. */
  period: Date;
  /** The payment day of a paid portion; null for the part still unpaid on the calculation date. */
  paidAt: Date | null;
  portionKopecks: bigint;
  from: Date;
  to: Date;
  days: number;
  /** Day numbers counted from the due date (day 1 = the day after it), to show where 31 and 91 fall. */
  dayFrom: number;
  dayTo: number;
  fraction: PenaltyFraction;
  /** The day whose key rate the portion uses: its payment day, or the calculation date. */
  rateDate: Date;
  keyRateBp: number;
  /** After the cap, if one was in force on the rate date. */
  rateBp: number;
  /** Rounded half-up to the kopeck, once, here. */
  amountKopecks: bigint;
}

export interface PenaltyPeriodSummary {
  period: Date;
  dueDate: Date;
  debtKopecks: bigint;
  /** Paid on or before the calculation date. */
  paidKopecks: bigint;
  unpaidKopecks: bigint;
  penaltyKopecks: bigint;
}

export interface PenaltyReport {
  asOf: Date;
  /** Sum of the lines. */
  totalKopecks: bigint;
  lines: PenaltyLine[];
  periods: PenaltyPeriodSummary[];
  /** Money beyond every debt (an advance): it reduces no debt here. */
  unallocatedKopecks: bigint;
  /** The rules that shaped this report (due days used, moratoria that removed days, caps that lowered a rate). */
  rules: PenaltyRuleEntry[];
  conventions: typeof PENALTY_CONVENTIONS;
}

/** The counting conventions of DOMAIN.md, stated in every report so the reader knows how the lines were counted. */
export const PENALTY_CONVENTIONS = [
  {
    code: 'day-one',
    text: 'День 1 — день, следующий за последним днём срока оплаты; пени начисляются с 31-го дня.',
  },
  {
    code: 'fractions',
    text: 'С 31-го по 90-й день — 1/300 ставки, с 91-го дня — 1/130 ставки (ЖК РФ ст. 155 ч. 14).',
  },
  {
    code: 'payment-day',
    text: 'В день оплаты пени начисляются на прежнюю сумму долга; долг уменьшается со следующего дня.',
  },
  {
    code: 'moratorium',
    text: 'Дни моратория входят в счёт 31-го и 91-го дня, но пени за них не начисляются.',
  },
  {
    code: 'one-rate-per-portion',
    text: 'Одна ставка на часть долга: для оплаченной части — ставка на день оплаты, для неоплаченной — на дату расчёта.',
  },
  {
    code: 'allocation',
    text: 'Платёж с указанным периодом гасит этот период, без периода — самый ранний долг (ГК РФ ст. 319.1).',
  },
  {
    code: 'rounding',
    text: 'Каждая строка округляется до копейки по правилам математики; итог — сумма строк.',
  },
] as const;

const DAY_MS = 86_400_000;
const dayOf = (d: Date) => Math.floor(d.getTime() / DAY_MS);
const dateOf = (day: number) => new Date(day * DAY_MS);
const iso = (d: Date) => d.toISOString().slice(0, 10);

/** ЖК РФ ст. 155 ч. 14: 1/300 from the 31st day after the due date through the 90th, 1/130 from the 91st. */
const FIRST_DAY = 31;
const SECOND_TIER_DAY = 91;
const DENOMINATOR: Record<PenaltyFraction, bigint> = { '1/300': 300n, '1/130': 130n };

const inForce = (rule: PenaltyRuleEntry, day: number) =>
  dayOf(rule.validFrom) <= day && (rule.validTo === null || day <= dayOf(rule.validTo));

interface Portion {
  amount: bigint;
  /** Payment day, or null for the unpaid remainder. */
  paidDay: number | null;
}

interface DebtState {
  periodDay: number;
  period: Date;
  amount: bigint;
  remaining: bigint;
  /** Allocated payments by payment day: several payments of one day make one portion. */
  paid: Map<number, bigint>;
}

export function calculatePenalty(input: PenaltyInput): PenaltyReport {
  const asOfDay = dayOf(input.asOf);
  const used = new Set<PenaltyRuleEntry>();
  const debts = collectDebts(input.debts);
  const unallocated = allocatePayments(debts, input.payments, asOfDay);
  const moratoria = input.rules
    .filter((r) => r.kind === 'MORATORIUM')
    .map((rule) => ({ rule, from: dayOf(rule.validFrom), to: rule.validTo ? dayOf(rule.validTo) : Infinity }))
    .sort((a, b) => a.from - b.from);
  const keyRates = [...input.keyRates].sort((a, b) => dayOf(a.validFrom) - dayOf(b.validFrom));

  const lines: PenaltyLine[] = [];
  const periods: PenaltyPeriodSummary[] = [];
  for (const debt of debts) {
    const dueDay = dueDateOf(debt.period, input.rules, used);
    const portions: Portion[] = [...debt.paid]
      .sort(([a], [b]) => a - b)
      .map(([paidDay, amount]) => ({ amount, paidDay }));
    if (debt.remaining > 0n) portions.push({ amount: debt.remaining, paidDay: null });
    let penalty = 0n;
    for (const portion of portions) {
      const endDay = portion.paidDay ?? asOfDay;
      const ranges = accrualRanges(dueDay, endDay, moratoria, used);
      if (ranges.length === 0) continue;
      const rate = rateOn(endDay, keyRates, input.rules, used);
      for (const range of ranges) {
        const days = range.to - range.from + 1;
        const amount = lineAmount(portion.amount, rate.rateBp, days, range.fraction);
        penalty += amount;
        lines.push({
          period: debt.period,
          paidAt: portion.paidDay === null ? null : dateOf(portion.paidDay),
          portionKopecks: portion.amount,
          from: dateOf(range.from),
          to: dateOf(range.to),
          days,
          dayFrom: range.from - dueDay,
          dayTo: range.to - dueDay,
          fraction: range.fraction,
          rateDate: dateOf(endDay),
          keyRateBp: rate.keyRateBp,
          rateBp: rate.rateBp,
          amountKopecks: amount,
        });
      }
    }
    periods.push({
      period: debt.period,
      dueDate: dateOf(dueDay),
      debtKopecks: debt.amount,
      paidKopecks: debt.amount - debt.remaining,
      unpaidKopecks: debt.remaining,
      penaltyKopecks: penalty,
    });
  }
  return {
    asOf: dateOf(asOfDay),
    totalKopecks: lines.reduce((sum, line) => sum + line.amountKopecks, 0n),
    lines,
    periods,
    unallocatedKopecks: unallocated,
    rules: input.rules.filter((r) => used.has(r)),
    conventions: PENALTY_CONVENTIONS,
  };
}

/**
 * Months with a positive debt, oldest first. A month whose lines net to zero or less (a recalculation larger than
 * the charge) has no debt to accrue on.
 */
function collectDebts(entries: readonly PenaltyDebt[]): DebtState[] {
  const byMonth = new Map<number, DebtState>();
  for (const entry of entries) {
    const periodDay = dayOf(entry.period);
    const debt = byMonth.get(periodDay);
    if (debt) debt.amount += entry.amountKopecks;
    else
      byMonth.set(periodDay, {
        periodDay,
        period: dateOf(periodDay),
        amount: entry.amountKopecks,
        remaining: 0n,
        paid: new Map(),
      });
  }
  return [...byMonth.values()]
    .filter((d) => d.amount > 0n)
    .sort((a, b) => a.periodDay - b.periodDay)
    .map((d) => ({ ...d, remaining: d.amount }));
}

/**
 * ГК РФ ст. 319.1 (and Plenum of the Supreme Court №22 of 27.06.2017, п. 32): a payment naming a month pays that
 * month; without one, or beyond what that month still owes, it pays the debt that fell due first. Payments are
 * applied in the order they arrived; on one day, those naming a month go first, so an unnamed payment of the same
 * day cannot take the month another payment named. Returns what was left over.
 */
function allocatePayments(debts: DebtState[], payments: readonly PenaltyPayment[], asOfDay: number): bigint {
  const ordered = payments
    .map((payment, index) => ({ payment, index, day: dayOf(payment.paidAt) }))
    .filter((p) => p.day <= asOfDay && p.payment.amountKopecks > 0n)
    .sort(
      (a, b) =>
        a.day - b.day ||
        Number(Boolean(b.payment.period)) - Number(Boolean(a.payment.period)) ||
        a.index - b.index,
    );
  let unallocated = 0n;
  for (const { payment, day } of ordered) {
    let left = payment.amountKopecks;
    const take = (debt: DebtState) => {
      const amount = left < debt.remaining ? left : debt.remaining;
      if (amount <= 0n) return;
      debt.remaining -= amount;
      debt.paid.set(day, (debt.paid.get(day) ?? 0n) + amount);
      left -= amount;
    };
    if (payment.period) {
      const named = debts.find((d) => d.periodDay === dayOf(payment.period as Date));
      if (named) take(named);
    }
    for (const debt of debts) {
      if (left === 0n) break;
      take(debt);
    }
    unallocated += left;
  }
  return unallocated;
}

/**
 * The last day to pay a month's charges, from the DUE_DAY rule in force on the charge month's first day.
 *
 * Why the charge month and not the due date: the day is "of the month following the expired month" (ЖК РФ
 * ст. 155 ч. 1), i.e. an attribute of the month being paid for, and №177-ФЗ changes it for obligations arising
 * after 01.03.2026 (ГК РФ ст. 4: no retroactive effect), so February 2026 is still due on 10.03.2026 and March 2026
 * is the first month due on the 15th (15.04.2026, as in DOMAIN.md's worked example). The seed rows say the same:
 * the 10th rule ends on 28.02.2026, the last day of the last month it governs (domain/src/billing/legal-data.ts).
 */
function dueDateOf(period: Date, rules: readonly PenaltyRuleEntry[], used: Set<PenaltyRuleEntry>): number {
  const monthDay = dayOf(period);
  const rule = rules
    .filter((r) => r.kind === 'DUE_DAY' && r.value !== null && inForce(r, monthDay))
    .sort((a, b) => dayOf(b.validFrom) - dayOf(a.validFrom))[0];
  if (!rule)
    throw new AppError(
      'INVALID_STATE',
      `no due-day rule is in force for the month ${iso(period).slice(0, 7)}`,
      {
        what: 'penalty-rule',
        period: iso(period).slice(0, 7),
      },
    );
  used.add(rule);
  const year = period.getUTCFullYear();
  const month = period.getUTCMonth() + 1;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return dayOf(new Date(Date.UTC(year, month, Math.min(rule.value as number, lastDay))));
}

interface Range {
  from: number;
  to: number;
  fraction: PenaltyFraction;
}

/**
 * The accruing day ranges of a portion owed through `endDay` (inclusive): day 31–90 at 1/300, day 91 on at 1/130,
 * with moratorium days cut out. The cut-out days still count, because the day numbers come from the due date.
 */
function accrualRanges(
  dueDay: number,
  endDay: number,
  moratoria: readonly { rule: PenaltyRuleEntry; from: number; to: number }[],
  used: Set<PenaltyRuleEntry>,
): Range[] {
  const tiers: Range[] = [
    { from: dueDay + FIRST_DAY, to: Math.min(endDay, dueDay + SECOND_TIER_DAY - 1), fraction: '1/300' },
    { from: dueDay + SECOND_TIER_DAY, to: endDay, fraction: '1/130' },
  ];
  const ranges: Range[] = [];
  for (const tier of tiers) {
    let from = tier.from;
    for (const m of moratoria) {
      if (from > tier.to) break;
      if (m.to < from || m.from > tier.to) continue;
      used.add(m.rule);
      if (m.from > from) ranges.push({ from, to: m.from - 1, fraction: tier.fraction });
      from = Math.max(from, m.to + 1);
    }
    if (from <= tier.to) ranges.push({ from, to: tier.to, fraction: tier.fraction });
  }
  return ranges;
}

/**
 * "The key rate in force on the day of actual payment" (ЖК РФ ст. 155 ч. 14), or on the calculation date for what
 * is still unpaid, lowered to any RATE_CAP in force on that same day (decree №474: the lesser of the key rate of
 * 27.02.2022 and the rate on the day of payment).
 */
function rateOn(
  day: number,
  keyRates: readonly KeyRateEntry[],
  rules: readonly PenaltyRuleEntry[],
  used: Set<PenaltyRuleEntry>,
): { keyRateBp: number; rateBp: number } {
  let keyRate: KeyRateEntry | undefined;
  for (const rate of keyRates) if (dayOf(rate.validFrom) <= day) keyRate = rate;
  if (!keyRate)
    throw new AppError('INVALID_STATE', `no key rate is known for ${iso(dateOf(day))}`, {
      what: 'key-rate',
      date: iso(dateOf(day)),
    });
  let rateBp = keyRate.rateBp;
  for (const cap of rules) {
    if (cap.kind !== 'RATE_CAP' || cap.value === null || !inForce(cap, day)) continue;
    if (cap.value < rateBp) {
      rateBp = cap.value;
      used.add(cap);
    }
  }
  return { keyRateBp: keyRate.rateBp, rateBp };
}

/** portion × rate_bp × days / (10000 × 300 or 130), rounded half-up once (all terms are positive). */
function lineAmount(portion: bigint, rateBp: number, days: number, fraction: PenaltyFraction): bigint {
  const numerator = portion * BigInt(rateBp) * BigInt(days);
  const denominator = 10_000n * DENOMINATOR[fraction];
  return (2n * numerator + denominator) / (2n * denominator);
}
