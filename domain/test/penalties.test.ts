import { randomBytes } from 'node:crypto';
import { createTestDatabase, DATABASE_BACKENDS, type TestDatabase } from '@domovoy/test-support/backends';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEY_RATE_SOURCE, KEY_RATES, PENALTY_RULES } from '../src/billing/legal-data.ts';
import { getPenaltyReport } from '../src/billing/penalties/get-penalty-report.ts';
import { postPenalties } from '../src/billing/penalties/post-penalties.ts';
import type { DomainDeps } from '../src/index.ts';
import type { StaffActor } from '../src/staff/staff-actor.ts';

const d = (iso: string) => {
  const [y, m, day] = iso.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, day ?? 1));
};
const tag = () => randomBytes(4).toString('hex');

describe.each(DATABASE_BACKENDS)('penalties on the database [%s]', (backend) => {
  let db: TestDatabase;
  let deps: DomainDeps;
  let orgId: string;
  let houseA: string;
  let houseB: string;
  let serviceA: string;
  /** March 2026 10 000.00 unpaid: DOMAIN.md's first example. */
  let unpaid: string;
  /** March 2026 10 000.00 with 4 000.00 paid on 01.07.2026: the second example. */
  let partly: string;
  let accountB: string;
  let admin: StaffActor;
  let accountant: StaffActor;
  let accountantB: StaffActor;
  let dispatcher: StaffActor;
  let march: string;
  let october: string;

  const staff = async (role: 'ADMIN' | 'ACCOUNTANT' | 'DISPATCHER', houseId: string | null) => {
    const user = await db.prisma.staffUser.create({
      data: {
        organizationId: orgId,
        email: `${role.toLowerCase()}-${tag()}@example.org`,
        fullName: role,
        passwordHash: 'x',
        roles: { create: { role, houseId } },
      },
    });
    return { staffUserId: user.id, organizationId: orgId, grants: [{ role, houseId }] } satisfies StaffActor;
  };

  const account = async (houseId: string, number: string) => {
    const premises = await db.prisma.premises.create({ data: { houseId, number, area: '50.00' } });
    const created = await db.prisma.personalAccount.create({
      data: { organizationId: orgId, premisesId: premises.id, number, inviteCode: `INV${tag()}` },
    });
    return created.id;
  };

  const period = async (houseId: string, month: string, status: 'DRAFT' | 'CLOSED') =>
    (await db.prisma.billingPeriod.create({ data: { houseId, period: d(month), status } })).id;

  const charge = (
    accountId: string,
    billingPeriodId: string,
    month: string,
    kopecks: bigint,
    kind: 'REGULAR' | 'RECALCULATION' | 'ADJUSTMENT' = 'REGULAR',
    serviceId = serviceA,
  ) =>
    db.prisma.charge.create({
      data: { accountId, billingPeriodId, period: d(month), serviceId, kind, amountKopecks: kopecks },
    });

  const payment = (
    accountId: string | null,
    paidAt: string,
    kopecks: bigint,
    extra: { status?: 'MATCHED' | 'UNMATCHED' | 'REVERSED'; period?: string; reversedAt?: Date } = {},
  ) =>
    db.prisma.payment.create({
      data: {
        organizationId: orgId,
        accountId,
        amountKopecks: kopecks,
        paidAt: d(paidAt),
        source: 'MANUAL',
        status: extra.status ?? 'MATCHED',
        period: extra.period ? d(extra.period) : null,
        reversedAt: extra.reversedAt ?? null,
        dedupeKey: `test:${tag()}`,
      },
    });

  beforeAll(async () => {
    db = await createTestDatabase(backend);
    deps = { db, now: () => new Date('2026-10-31T22:00:00Z') };
    await db.prisma.keyRate.createMany({
      data: KEY_RATES.map((r) => ({ validFrom: d(r.validFrom), rateBp: r.rateBp, source: KEY_RATE_SOURCE })),
    });
    await db.prisma.penaltyRule.createMany({
      data: PENALTY_RULES.map((r) => ({
        kind: r.kind,
        validFrom: d(r.validFrom),
        validTo: r.validTo ? d(r.validTo) : null,
        value: r.value,
        source: r.source,
      })),
    });
    const org = await db.prisma.organization.create({
      data: {
        kind: 'UK',
        name: 'ООО «УК Пени»',
        inn: '7700000002',
        bankAccount: '40702810000000000002',
        bankName: 'Тестбанк',
        bic: '044525000',
        corrAccount: '30101810000000000000',
        address: 'Москва',
      },
    });
    orgId = org.id;
    houseA = (
      await db.prisma.house.create({ data: { organizationId: orgId, address: 'А, 1', totalArea: '100' } })
    ).id;
    houseB = (
      await db.prisma.house.create({ data: { organizationId: orgId, address: 'Б, 2', totalArea: '100' } })
    ).id;
    serviceA = (
      await db.prisma.service.create({
        data: { houseId: houseA, code: 'MAINTENANCE', name: 'Содержание', kind: 'BY_AREA', unit: 'м²' },
      })
    ).id;
    const serviceB = (
      await db.prisma.service.create({
        data: { houseId: houseB, code: 'MAINTENANCE', name: 'Содержание', kind: 'BY_AREA', unit: 'м²' },
      })
    ).id;
    admin = await staff('ADMIN', null);
    accountant = await staff('ACCOUNTANT', null);
    accountantB = await staff('ACCOUNTANT', houseB);
    dispatcher = await staff('DISPATCHER', houseA);

    march = await period(houseA, '2026-03-01', 'CLOSED');
    october = await period(houseA, '2026-10-01', 'DRAFT');
    unpaid = await account(houseA, '100001');
    partly = await account(houseA, '100002');
    accountB = await account(houseB, '200001');
    const marchB = await period(houseB, '2026-03-01', 'CLOSED');

    // March 2026 nets to 10 000.00 over several kinds of lines: 8 000.00 + 2 500.00 recalculation − 500.00.
    for (const id of [unpaid, partly]) {
      await charge(id, march, '2026-03-01', 800_000n);
      await charge(id, march, '2026-03-01', 250_000n, 'RECALCULATION');
      await charge(id, march, '2026-03-01', -50_000n, 'ADJUSTMENT');
    }
    await charge(accountB, marchB, '2026-03-01', 1_000_000n, 'REGULAR', serviceB);
    await payment(partly, '2026-07-01', 400_000n);
    // None of these reduce the debt: reversed, unmatched (no account), or after the calculation date.
    await payment(partly, '2026-06-01', 300_000n, { status: 'REVERSED', reversedAt: new Date() });
    await payment(null, '2026-06-02', 300_000n, { status: 'UNMATCHED' });
    await payment(unpaid, '2026-11-02', 1_000_000n);
  });
  afterAll(() => db?.destroy());

  it('reports DOMAIN.md example 1 from the database: 986.54 ₽', async () => {
    // 16.05–14.07.2026: 1 000 000 × 950 × 60 / 3 000 000 = 19 000; 15.07–31.10: × 109 / 1 300 000 → 79 654.
    const report = await getPenaltyReport(deps, accountant, { accountId: unpaid, asOf: '2026-10-31' });
    expect(report).toMatchObject({
      accountId: unpaid,
      accountNumber: '100001',
      houseId: houseA,
      asOf: '2026-10-31',
      totalKopecks: 98_654,
      periods: [
        {
          period: '2026-03',
          dueDate: '2026-04-15',
          debtKopecks: 1_000_000,
          paidKopecks: 0,
          unpaidKopecks: 1_000_000,
          penaltyKopecks: 98_654,
        },
      ],
    });
    expect(
      report.lines.map((l) => [l.from, l.to, l.days, l.fraction, l.keyRateBp, l.rateBp, l.amountKopecks]),
    ).toEqual([
      ['2026-05-16', '2026-07-14', 60, '1/300', 1550, 950, 19_000],
      ['2026-07-15', '2026-10-31', 109, '1/130', 1550, 950, 79_654],
    ]);
    expect(report.rules.map((r) => r.kind).sort()).toEqual(['DUE_DAY', 'RATE_CAP']);
    expect(report.conventions.map((c) => c.code)).toContain('one-rate-per-portion');
  });

  it('reports DOMAIN.md example 2 (4 000.00 ₽ paid on 01.07.2026): 651.45 ₽', async () => {
    // Paid 400 000 × 950 × 47 / 3 000 000 → 5 953; unpaid 600 000: × 60 / 3 000 000 = 11 400 and
    // × 109 / 1 300 000 → 47 792. The reversed and the unmatched payments change nothing.
    const report = await getPenaltyReport(deps, accountant, { accountId: partly, asOf: '2026-10-31' });
    expect(report.totalKopecks).toBe(65_145);
    expect(
      report.lines.map((l) => [l.paidAt, l.portionKopecks, l.from, l.to, l.days, l.amountKopecks]),
    ).toEqual([
      ['2026-07-01', 400_000, '2026-05-16', '2026-07-01', 47, 5_953],
      [null, 600_000, '2026-05-16', '2026-07-14', 60, 11_400],
      [null, 600_000, '2026-07-15', '2026-10-31', 109, 47_792],
    ]);
  });

  it('takes due days, moratoria and named periods from the stored rows; no debt, no lines', async () => {
    // A house of its own, so these accounts stay out of house A's posting below.
    const houseC = (
      await db.prisma.house.create({ data: { organizationId: orgId, address: 'В, 3', totalArea: '100' } })
    ).id;
    const serviceC = (
      await db.prisma.service.create({
        data: { houseId: houseC, code: 'MAINTENANCE', name: 'Содержание', kind: 'BY_AREA', unit: 'м²' },
      })
    ).id;
    const [dec2021, feb2026, mar2026] = await Promise.all(
      ['2021-12-01', '2026-02-01', '2026-03-01'].map((m) => period(houseC, m, 'CLOSED')),
    );
    const history = await account(houseC, '300001');
    await charge(history, dec2021!, '2021-12-01', 1_000_000n, 'REGULAR', serviceC);
    // December 2021, due 10.01.2022: 10.02–31.03.2022 (50 days, 1/300) at 7.5 % on 31.10.2022 = 12 500; the 2022
    // moratorium row removes 01.04–01.10; 02.10–31.10 is day 265–294 → 1/130: 30 days → 17 307.69 → 17 308.
    const moratorium = await getPenaltyReport(deps, accountant, { accountId: history, asOf: '2022-10-31' });
    expect(moratorium.lines.map((l) => [l.from, l.to, l.fraction, l.rateBp, l.amountKopecks])).toEqual([
      ['2022-02-10', '2022-03-31', '1/300', 750, 12_500],
      ['2022-10-02', '2022-10-31', '1/130', 750, 17_308],
    ]);
    expect(moratorium.rules.find((r) => r.kind === 'MORATORIUM')).toMatchObject({
      validFrom: '2022-04-01',
      validTo: '2022-10-01',
    });

    const named = await account(houseC, '300002');
    await charge(named, feb2026!, '2026-02-01', 1_000_000n, 'REGULAR', serviceC);
    await charge(named, mar2026!, '2026-03-01', 1_000_000n, 'REGULAR', serviceC);
    await payment(named, '2026-04-20', 1_000_000n, { period: '2026-03-01' });
    // The payment names March, so February (due 10.03.2026, the 10th) stays unpaid: 10.04–08.06 (60 days, 1/300)
    // 19 000 + 09.06–30.06 (22 days, 1/130) 16 076.92 → 16 077. March (due 15.04.2026) was paid before day 31.
    const report = await getPenaltyReport(deps, accountant, { accountId: named, asOf: '2026-06-30' });
    expect(report.periods.map((p) => [p.period, p.dueDate, p.paidKopecks, p.penaltyKopecks])).toEqual([
      ['2026-02', '2026-03-10', 0, 35_077],
      ['2026-03', '2026-04-15', 1_000_000, 0],
    ]);

    const empty = await getPenaltyReport(deps, accountant, { accountId: await account(houseC, '300003') });
    expect(empty).toMatchObject({ lines: [], periods: [], totalKopecks: 0 });
  });

  it("defaults the calculation date to today in the house's time zone", async () => {
    // 22:00 UTC on 31.10 is already 01:00 on 01.11 in Moscow: one more day at 1/130 than on 31.10.
    const report = await getPenaltyReport(deps, accountant, { accountId: unpaid });
    expect(report.asOf).toBe('2026-11-01');
    expect(report.lines.at(-1)).toMatchObject({ to: '2026-11-01', days: 110 });
  });

  it('needs billing.read in the account’s house; another organisation’s account does not exist', async () => {
    await expect(getPenaltyReport(deps, dispatcher, { accountId: unpaid })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(getPenaltyReport(deps, accountantB, { accountId: unpaid })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await getPenaltyReport(deps, accountantB, { accountId: accountB })).totalKopecks).toBeGreaterThan(
      0,
    );
    const stranger = { ...accountant, organizationId: 'another-org' };
    await expect(getPenaltyReport(deps, stranger, { accountId: unpaid })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      getPenaltyReport(deps, accountant, { accountId: unpaid, asOf: '2026-02-30' }),
    ).rejects.toThrow(/not a date/);
  });

  it('posts every account’s penalty of a house on a draft period, replaces it on re-run, audited', async () => {
    const first = await postPenalties(deps, accountant, { houseId: houseA, period: '2026-10' });
    // asOf defaults to the period's last day, 31.10.2026: 986.54 + 651.45.
    expect(first).toEqual({
      billingPeriodId: october,
      period: '2026-10',
      asOf: '2026-10-31',
      accounts: 2,
      rows: 2,
      totalKopecks: 98_654 + 65_145,
      replacedRows: 0,
    });
    const rows = await db.prisma.penalty.findMany({
      where: { billingPeriodId: october },
      orderBy: { amountKopecks: 'desc' },
    });
    expect(rows.map((r) => [r.accountId, r.period, r.calculatedAt, r.amountKopecks])).toEqual([
      [unpaid, d('2026-03-01'), d('2026-10-31'), 98_654n],
      [partly, d('2026-03-01'), d('2026-10-31'), 65_145n],
    ]);
    expect(rows[1]!.details).toMatchObject({
      period: '2026-03',
      dueDate: '2026-04-15',
      penaltyKopecks: 65_145,
      lines: [
        { paidAt: '2026-07-01', days: 47, amountKopecks: 5_953 },
        { paidAt: null, days: 60, amountKopecks: 11_400 },
        { paidAt: null, days: 109, amountKopecks: 47_792 },
      ],
    });
    // House B's account is not posted on house A's period.
    expect(await db.prisma.penalty.count({ where: { accountId: accountB } })).toBe(0);

    // A payment arrives late and is imported; posting again replaces the rows instead of adding to them.
    await payment(unpaid, '2026-10-15', 1_000_000n, { period: '2026-03-01' });
    const second = await postPenalties(deps, accountant, {
      houseId: houseA,
      billingPeriodId: october,
      asOf: '2026-10-31',
    });
    // Account 100001 paid everything on 15.10: 16.05–14.07 19 000 + 15.07–15.10 (93 days, 1/130):
    // 1 000 000 × 950 × 93 / 1 300 000 = 67 961.54 → 67 962.
    expect(second).toMatchObject({ rows: 2, replacedRows: 2, totalKopecks: 19_000 + 67_962 + 65_145 });
    expect(await db.prisma.penalty.count({ where: { billingPeriodId: october } })).toBe(2);
    const audit = await db.prisma.auditLog.findMany({
      where: { entityType: 'billing_period', entityId: october },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((a) => [a.action, a.staffUserId, a.before, a.after])).toEqual([
      [
        'penalties.post',
        accountant.staffUserId,
        null,
        { asOf: '2026-10-31', accounts: 2, rows: 2, totalKopecks: String(98_654 + 65_145) },
      ],
      [
        'penalties.post',
        accountant.staffUserId,
        { rows: 2, totalKopecks: String(98_654 + 65_145) },
        { asOf: '2026-10-31', accounts: 2, rows: 2, totalKopecks: String(19_000 + 67_962 + 65_145) },
      ],
    ]);
  });

  it('refuses a closed period, a missing one, and staff without billing.write', async () => {
    await expect(
      postPenalties(deps, admin, { houseId: houseA, billingPeriodId: march }),
    ).rejects.toMatchObject({ code: 'INVALID_STATE', details: { period: '2026-03' } });
    await expect(postPenalties(deps, admin, { houseId: houseA, period: '2026-09' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    // A period of another house is not found through this house.
    const novemberB = await period(houseB, '2026-11-01', 'DRAFT');
    await expect(
      postPenalties(deps, admin, { houseId: houseA, billingPeriodId: novemberB }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      postPenalties(deps, dispatcher, { houseId: houseA, period: '2026-10' }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      postPenalties(deps, accountantB, { houseId: houseA, period: '2026-10' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(postPenalties(deps, admin, { houseId: houseA })).rejects.toThrow(
      /give either billingPeriodId or period/,
    );
    // Nothing of the refused attempts was written.
    expect(await db.prisma.penalty.count({ where: { billingPeriodId: { in: [march, novemberB] } } })).toBe(0);
  });
});
