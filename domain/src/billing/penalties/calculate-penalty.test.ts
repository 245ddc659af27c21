import { describe, expect, it } from 'vitest';
import { KEY_RATES, PENALTY_RULES } from '../legal-data.ts';
import {
  calculatePenalty,
  type PenaltyInput,
  type PenaltyPayment,
  type PenaltyRuleEntry,
} from './calculate-penalty.ts';

const d = (iso: string) => {
  const [y, m, day] = iso.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, day ?? 1));
};
const iso = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

/** The shipped legal data, exactly as the demo seed and operators load it. */
const keyRates = KEY_RATES.map((r) => ({ validFrom: d(r.validFrom), rateBp: r.rateBp }));
const rules: PenaltyRuleEntry[] = PENALTY_RULES.map((r) => ({
  kind: r.kind,
  validFrom: d(r.validFrom),
  validTo: r.validTo ? d(r.validTo) : null,
  value: r.value,
  source: r.source,
}));

const RUB_10_000 = 1_000_000n;

function calc(
  debts: [period: string, kopecks: bigint][],
  payments: [paidAt: string, kopecks: bigint, period?: string][],
  asOf: string,
  overrides: Partial<PenaltyInput> = {},
) {
  return calculatePenalty({
    debts: debts.map(([period, amountKopecks]) => ({ period: d(period), amountKopecks })),
    payments: payments.map(
      ([paidAt, amountKopecks, period]): PenaltyPayment => ({
        paidAt: d(paidAt),
        amountKopecks,
        period: period ? d(period) : null,
      }),
    ),
    keyRates,
    rules,
    asOf: d(asOf),
    ...overrides,
  });
}

/** The lines in a form that reads like the accountant's table. */
const table = (report: ReturnType<typeof calculatePenalty>) =>
  report.lines.map((l) => ({
    period: iso(l.period)!.slice(0, 7),
    paidAt: iso(l.paidAt),
    portion: l.portionKopecks,
    from: iso(l.from),
    to: iso(l.to),
    days: l.days,
    dayFrom: l.dayFrom,
    dayTo: l.dayTo,
    fraction: l.fraction,
    keyRateBp: l.keyRateBp,
    rateBp: l.rateBp,
    amount: l.amountKopecks,
  }));

describe('penalty: the worked examples of DOMAIN.md', () => {
  it('10 000.00 ₽ for March 2026, unpaid, on 31.10.2026: 986.54 ₽', () => {
    // Due 15.04.2026 (the 15th from March 2026). Day 1 = 16.04; day 31 = 16.05; day 90 = 14.07; day 91 = 15.07.
    // Key rate on 31.10.2026 = 15.50 % (from 16.02.2026), capped at 9.5 % (decree №474, until 01.01.2027).
    //   16.05–14.07: 60 days × 1/300: 1 000 000 × 950 × 60 / (10 000 × 300) = 19 000 kop       = 190.00
    //   15.07–31.10: 109 days (17 + 31 + 30 + 31) × 1/130:
    //                1 000 000 × 950 × 109 / (10 000 × 130) = 79 653.85 → 79 654 kop         = 796.54
    //   total 190.00 + 796.54                                                                  = 986.54
    const report = calc([['2026-03-01', RUB_10_000]], [], '2026-10-31');
    expect(table(report)).toEqual([
      {
        period: '2026-03',
        paidAt: null,
        portion: RUB_10_000,
        from: '2026-05-16',
        to: '2026-07-14',
        days: 60,
        dayFrom: 31,
        dayTo: 90,
        fraction: '1/300',
        keyRateBp: 1550,
        rateBp: 950,
        amount: 19_000n,
      },
      {
        period: '2026-03',
        paidAt: null,
        portion: RUB_10_000,
        from: '2026-07-15',
        to: '2026-10-31',
        days: 109,
        dayFrom: 91,
        dayTo: 199,
        fraction: '1/130',
        keyRateBp: 1550,
        rateBp: 950,
        amount: 79_654n,
      },
    ]);
    expect(report.totalKopecks).toBe(98_654n);
    expect(report.periods).toEqual([
      {
        period: d('2026-03-01'),
        dueDate: d('2026-04-15'),
        debtKopecks: RUB_10_000,
        paidKopecks: 0n,
        unpaidKopecks: RUB_10_000,
        penaltyKopecks: 98_654n,
      },
    ]);
    expect(report.lines.every((l) => iso(l.rateDate) === '2026-10-31')).toBe(true);
  });

  it('the same debt with 4 000.00 ₽ paid on 01.07.2026: 651.45 ₽, each line rounded on its own', () => {
    // Paid portion 4 000.00, rate on its payment day 01.07.2026 (15.50 % → capped 9.5 %); the payment day still
    // accrues on it:
    //   16.05–01.07: 47 days (16 + 30 + 1) × 1/300: 400 000 × 950 × 47 / 3 000 000 = 5 953.33 → 5 953 = 59.53
    // Remaining 6 000.00, rate on 31.10.2026 (capped 9.5 %):
    //   16.05–14.07: 60 days × 1/300:  600 000 × 950 × 60 / 3 000 000 = 11 400                       = 114.00
    //   15.07–31.10: 109 days × 1/130: 600 000 × 950 × 109 / 1 300 000 = 47 792.31 → 47 792          = 477.92
    //   total 59.53 + 114.00 + 477.92 = 651.45 (rounding the unrounded sum 65 145.64 would give 651.46)
    const report = calc([['2026-03-01', RUB_10_000]], [['2026-07-01', 400_000n]], '2026-10-31');
    expect(table(report)).toEqual([
      expect.objectContaining({
        paidAt: '2026-07-01',
        portion: 400_000n,
        from: '2026-05-16',
        to: '2026-07-01',
        days: 47,
        fraction: '1/300',
        rateBp: 950,
        amount: 5_953n,
      }),
      expect.objectContaining({
        paidAt: null,
        portion: 600_000n,
        from: '2026-05-16',
        to: '2026-07-14',
        days: 60,
        fraction: '1/300',
        amount: 11_400n,
      }),
      expect.objectContaining({
        paidAt: null,
        portion: 600_000n,
        from: '2026-07-15',
        to: '2026-10-31',
        days: 109,
        fraction: '1/130',
        amount: 47_792n,
      }),
    ]);
    expect(iso(report.lines[0]!.rateDate)).toBe('2026-07-01');
    expect(report.totalKopecks).toBe(65_145n);
    expect(report.periods[0]).toMatchObject({ paidKopecks: 400_000n, unpaidKopecks: 600_000n });
  });
});

describe('penalty: counting conventions', () => {
  it('due day: the 10th for a February 2026 charge, the 15th for a March 2026 charge', () => {
    // February 2026 is due 10.03.2026 → day 31 = 10.04.2026; March 2026 is due 15.04.2026 → day 31 = 16.05.2026.
    const report = calc(
      [
        ['2026-02-01', RUB_10_000],
        ['2026-03-01', RUB_10_000],
      ],
      [],
      '2026-05-31',
    );
    expect(report.periods.map((p) => [iso(p.period), iso(p.dueDate)])).toEqual([
      ['2026-02-01', '2026-03-10'],
      ['2026-03-01', '2026-04-15'],
    ]);
    // February: 10.04–31.05 = 52 days; 1 000 000 × 950 × 52 / 3 000 000 = 16 466.67 → 16 467.
    // March: 16.05–31.05 = 16 days; 1 000 000 × 950 × 16 / 3 000 000 = 5 066.67 → 5 067.
    expect(table(report).map((l) => [l.period, l.from, l.to, l.days, l.amount])).toEqual([
      ['2026-02', '2026-04-10', '2026-05-31', 52, 16_467n],
      ['2026-03', '2026-05-16', '2026-05-31', 16, 5_067n],
    ]);
    expect(report.rules.filter((r) => r.kind === 'DUE_DAY').map((r) => r.value)).toEqual([10, 15]);
  });

  it('nothing accrues through day 30; 1/300 through day 90; 1/130 from day 91', () => {
    // March 2026, due 15.04.2026: day 30 = 15.05, day 90 = 14.07, day 91 = 15.07.
    expect(calc([['2026-03-01', RUB_10_000]], [], '2026-05-15').lines).toEqual([]);
    const day31 = calc([['2026-03-01', RUB_10_000]], [], '2026-05-16');
    // 1 000 000 × 950 × 1 / 3 000 000 = 316.67 → 317
    expect(table(day31).map((l) => [l.from, l.to, l.fraction, l.amount])).toEqual([
      ['2026-05-16', '2026-05-16', '1/300', 317n],
    ]);
    const day90 = calc([['2026-03-01', RUB_10_000]], [], '2026-07-14');
    expect(table(day90).map((l) => [l.dayFrom, l.dayTo, l.fraction, l.amount])).toEqual([
      [31, 90, '1/300', 19_000n],
    ]);
    // Day 91 alone at 1/130: 1 000 000 × 950 × 1 / 1 300 000 = 730.77 → 731
    const day91 = calc([['2026-03-01', RUB_10_000]], [], '2026-07-15');
    expect(table(day91).map((l) => [l.from, l.to, l.dayFrom, l.dayTo, l.fraction, l.amount])).toEqual([
      ['2026-05-16', '2026-07-14', 31, 90, '1/300', 19_000n],
      ['2026-07-15', '2026-07-15', 91, 91, '1/130', 731n],
    ]);
  });

  it('a partial payment reduces the base from the day after it arrives', () => {
    // March 2026 10 000.00; 3 000.00 paid on 25.05.2026 (day 40); calculated on 31.05.2026.
    //   paid 3 000.00, 16.05–25.05 (10 days) 1/300: 300 000 × 950 × 10 / 3 000 000 = 950
    //   unpaid 7 000.00, 16.05–31.05 (16 days) 1/300: 700 000 × 950 × 16 / 3 000 000 = 3 546.67 → 3 547
    // So 10 000.00 accrued through 25.05 (the payment day) and 7 000.00 from 26.05.
    const report = calc([['2026-03-01', RUB_10_000]], [['2026-05-25', 300_000n]], '2026-05-31');
    expect(table(report).map((l) => [l.paidAt, l.portion, l.from, l.to, l.days, l.amount])).toEqual([
      ['2026-05-25', 300_000n, '2026-05-16', '2026-05-25', 10, 950n],
      [null, 700_000n, '2026-05-16', '2026-05-31', 16, 3_547n],
    ]);
    expect(report.totalKopecks).toBe(4_497n);
    // Paying everything before day 31 leaves nothing to accrue.
    const onTime = calc([['2026-03-01', RUB_10_000]], [['2026-05-15', RUB_10_000]], '2026-10-31');
    expect(onTime.lines).toEqual([]);
    expect(onTime.totalKopecks).toBe(0n);
  });

  it('the 2020 moratorium (06.04–31.12.2020) accrues nothing, but its days count towards day 91', () => {
    // January 2020, 10 000.00, due 10.02.2020 (2020 is a leap year). Day 31 = 12.03.2020, day 91 = 11.05.2020.
    // Calculated on 31.01.2021: key rate 4.25 % (from 27.07.2020); no cap in force then.
    //   12.03–05.04.2020: 25 days (20 + 5) × 1/300: 1 000 000 × 425 × 25 / 3 000 000 = 3 541.67 → 3 542
    //   06.04–31.12.2020: moratorium, no lines (day 56 to day 325)
    //   01.01–31.01.2021: days 326–356, past day 91 → 1/130, not a fresh 1/300 start:
    //                     1 000 000 × 425 × 31 / 1 300 000 = 10 134.62 → 10 135
    const report = calc([['2020-01-01', RUB_10_000]], [], '2021-01-31');
    expect(
      table(report).map((l) => [l.from, l.to, l.days, l.dayFrom, l.dayTo, l.fraction, l.rateBp, l.amount]),
    ).toEqual([
      ['2020-03-12', '2020-04-05', 25, 31, 55, '1/300', 425, 3_542n],
      ['2021-01-01', '2021-01-31', 31, 326, 356, '1/130', 425, 10_135n],
    ]);
    expect(report.totalKopecks).toBe(13_677n);
    expect(report.rules.map((r) => r.source)).toContain('Постановление Правительства РФ №424 от 02.04.2020');
  });

  it('the 2022 moratorium (01.04–01.10.2022) accrues nothing, but its days count', () => {
    // December 2021, 10 000.00, due 10.01.2022. Day 31 = 10.02.2022; day 80 = 31.03.2022; day 91 = 11.04.2022
    // falls inside the moratorium; 02.10.2022 is day 265. Calculated on 31.10.2022: key rate 7.5 % (from
    // 19.09.2022), below the 9.5 % cap.
    //   10.02–31.03.2022: 50 days (19 + 31) × 1/300: 1 000 000 × 750 × 50 / 3 000 000 = 12 500
    //   01.04–01.10.2022: moratorium, no lines
    //   02.10–31.10.2022: 30 days, days 265–294 → 1/130: 1 000 000 × 750 × 30 / 1 300 000 = 17 307.69 → 17 308
    const report = calc([['2021-12-01', RUB_10_000]], [], '2022-10-31');
    expect(
      table(report).map((l) => [l.from, l.to, l.days, l.dayFrom, l.dayTo, l.fraction, l.rateBp, l.amount]),
    ).toEqual([
      ['2022-02-10', '2022-03-31', 50, 31, 80, '1/300', 750, 12_500n],
      ['2022-10-02', '2022-10-31', 30, 265, 294, '1/130', 750, 17_308n],
    ]);
    expect(report.totalKopecks).toBe(29_808n);
    // A debt whose whole accrual so far lies inside the moratorium has no lines at all.
    expect(calc([['2022-02-01', RUB_10_000]], [], '2022-09-30').lines).toEqual([]);
  });

  it('from 28.02.2022 the rate is capped at 9.5 % when the key rate on the payment day is higher', () => {
    // December 2021, 10 000.00, due 10.01.2022, paid in full on 15.03.2022 (day 64); the key rate that day was
    // 20 %. 10.02–15.03.2022 = 34 days (19 + 15) × 1/300:
    //   capped:   1 000 000 × 950 × 34 / 3 000 000 = 10 766.67 → 10 767
    //   uncapped: 1 000 000 × 2000 × 34 / 3 000 000 = 22 666.67 → 22 667 (only without the RATE_CAP row)
    const paid: [string, bigint][] = [['2022-03-15', RUB_10_000]];
    const capped = calc([['2021-12-01', RUB_10_000]], paid, '2022-12-31');
    expect(table(capped).map((l) => [l.from, l.to, l.days, l.keyRateBp, l.rateBp, l.amount])).toEqual([
      ['2022-02-10', '2022-03-15', 34, 2000, 950, 10_767n],
    ]);
    expect(capped.rules.find((r) => r.kind === 'RATE_CAP')?.value).toBe(950);
    const uncapped = calc([['2021-12-01', RUB_10_000]], paid, '2022-12-31', {
      rules: rules.filter((r) => r.kind !== 'RATE_CAP'),
    });
    expect(table(uncapped).map((l) => [l.keyRateBp, l.rateBp, l.amount])).toEqual([[2000, 2000, 22_667n]]);
    // After the cap's last day (01.01.2027) the key rate on the payment day applies in full again.
    // October 2026 due 15.11.2026; paid 02.01.2027: 16.12.2026–02.01.2027 = 18 days at 15.5 % (the last
    // shipped rate): 1 000 000 × 1550 × 18 / 3 000 000 = 9 300.
    const after = calc([['2026-10-01', RUB_10_000]], [['2027-01-02', RUB_10_000]], '2027-01-31');
    expect(table(after).map((l) => [l.from, l.to, l.days, l.keyRateBp, l.rateBp, l.amount])).toEqual([
      ['2026-12-16', '2027-01-02', 18, 1550, 1550, 9_300n],
    ]);
  });

  it('a payment naming a period pays it; an unnamed one pays the oldest debt first', () => {
    const debts: [string, bigint][] = [
      ['2026-02-01', RUB_10_000],
      ['2026-03-01', RUB_10_000],
    ];
    // Named March: March is paid on 20.04 (before its day 31: nothing); February stays unpaid, due 10.03.2026:
    //   10.04–08.06 (days 31–90): 60 × 1/300: 1 000 000 × 950 × 60 / 3 000 000 = 19 000
    //   09.06–30.06 (days 91–112): 22 × 1/130: 1 000 000 × 950 × 22 / 1 300 000 = 16 076.92 → 16 077
    const named = calc(debts, [['2026-04-20', RUB_10_000, '2026-03-01']], '2026-06-30');
    expect(named.periods.map((p) => [iso(p.period), p.paidKopecks, p.penaltyKopecks])).toEqual([
      ['2026-02-01', 0n, 35_077n],
      ['2026-03-01', RUB_10_000, 0n],
    ]);
    // Unnamed: it pays February (oldest), 10.04–20.04 = 11 days at 1/300 on the rate of 20.04:
    //   1 000 000 × 950 × 11 / 3 000 000 = 3 483.33 → 3 483;
    // March stays unpaid: 16.05–30.06 = 46 days: 1 000 000 × 950 × 46 / 3 000 000 = 14 566.67 → 14 567.
    const unnamed = calc(debts, [['2026-04-20', RUB_10_000]], '2026-06-30');
    expect(table(unnamed).map((l) => [l.period, l.paidAt, l.from, l.to, l.days, l.amount])).toEqual([
      ['2026-02', '2026-04-20', '2026-04-10', '2026-04-20', 11, 3_483n],
      ['2026-03', null, '2026-05-16', '2026-06-30', 46, 14_567n],
    ]);
    expect(unnamed.totalKopecks).toBe(18_050n);
    // What a named payment pays beyond its period goes to the oldest debt; beyond every debt it is an advance.
    const excess = calc(debts, [['2026-04-20', 2_500_000n, '2026-03-01']], '2026-06-30');
    expect(excess.periods.map((p) => p.unpaidKopecks)).toEqual([0n, 0n]);
    expect(excess.unallocatedKopecks).toBe(500_000n);
    // On one day a named payment is applied before an unnamed one, whatever the input order.
    const sameDay = calc(
      debts,
      [
        ['2026-04-20', RUB_10_000],
        ['2026-04-20', RUB_10_000, '2026-02-01'],
      ],
      '2026-06-30',
    );
    expect(sameDay.periods.map((p) => p.paidKopecks)).toEqual([RUB_10_000, RUB_10_000]);
    // A payment after the calculation date is not known yet.
    const later = calc(debts, [['2026-07-01', RUB_10_000]], '2026-06-30');
    expect(later.periods.map((p) => p.paidKopecks)).toEqual([0n, 0n]);
  });

  it('zero debt gives no lines', () => {
    expect(calc([], [], '2026-10-31')).toMatchObject({ lines: [], periods: [], totalKopecks: 0n });
    // A month whose recalculation cancels its charge has no debt either.
    const cancelled = calc(
      [
        ['2026-03-01', RUB_10_000],
        ['2026-03-01', -RUB_10_000],
      ],
      [],
      '2026-10-31',
    );
    expect(cancelled).toMatchObject({ lines: [], periods: [], totalKopecks: 0n });
  });

  it('refuses to guess when the legal data does not cover the dates', () => {
    expect(() =>
      calc([['2026-03-01', RUB_10_000]], [], '2026-10-31', {
        rules: rules.filter((r) => r.kind !== 'DUE_DAY'),
      }),
    ).toThrow(/no due-day rule is in force for the month 2026-03/);
    expect(() => calc([['2026-03-01', RUB_10_000]], [], '2026-10-31', { keyRates: [] })).toThrow(
      /no key rate is known for 2026-10-31/,
    );
  });
});
