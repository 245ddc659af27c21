import { createTestDatabase, DATABASE_BACKENDS, type TestDatabase } from '@domovoy/test-support/backends';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingMinutes } from '../src/demo/calendar.ts';
import { divHalfUp, formatFixed } from '../src/demo/fixed-point.ts';
import {
  DEMO_LOGINS,
  isDatabaseEmpty,
  type SeedDemoResult,
  seedDemo,
  seedDemoIfEmpty,
} from '../src/demo/seed-demo.ts';
import { isAppError } from '../src/errors/app-error.ts';
import { STAFF_ROLES } from '../src/permissions/policy.ts';
import { verifyPassword } from '../src/staff/password.ts';

/** A fixed clock: 22.11.2026 in Moscow, so the 12 demo months are November 2025 – October 2026. */
const NOW = new Date('2026-11-22T09:00:00Z');

describe('demo seed helpers', () => {
  it('rounds half-up to the kopeck with integers only', () => {
    expect(divHalfUp(5n, 10n)).toBe(1n);
    expect(divHalfUp(4n, 10n)).toBe(0n);
    expect(divHalfUp(-5n, 10n)).toBe(-1n);
    // 2.109 m³ × 59.80 ₽ = 126.1182 ₽ → 12612 kopecks
    expect(divHalfUp(2109n * 59_800_000n, 10_000_000n)).toBe(12612n);
    expect(formatFixed(12345n, 2)).toBe('123.45');
    expect(formatFixed(5n, 3)).toBe('0.005');
  });

  it('counts SLA minutes in Moscow working hours (Mon–Fri 08:00–17:00)', () => {
    // Friday 16:00 Moscow + 120 working minutes → Monday 09:00 Moscow (06:00 UTC).
    expect(addWorkingMinutes(new Date('2026-11-20T13:00:00Z'), 120).toISOString()).toBe(
      '2026-11-23T06:00:00.000Z',
    );
  });
});

describe.each(DATABASE_BACKENDS)('demo seed [%s]', (backend) => {
  let db: TestDatabase;
  let twin: TestDatabase;
  let result: SeedDemoResult;
  let twinResult: SeedDemoResult | undefined;

  // Two fresh databases seeded side by side: `db` for the checks, `twin` for determinism.
  beforeAll(async () => {
    [db, twin] = await Promise.all([createTestDatabase(backend), createTestDatabase(backend)]);
    expect(await isDatabaseEmpty(db)).toBe(true);
    [result, twinResult] = await Promise.all([
      seedDemo(db, { now: NOW }),
      seedDemoIfEmpty(twin, { now: NOW }),
    ]);
    // Two full demo seeds side by side: seconds on an idle machine, much longer when the machine is busy.
  }, 300_000);
  afterAll(async () => {
    await Promise.all([db?.destroy(), twin?.destroy()]);
  });

  it('creates one organisation with valid-looking requisites and two Moscow houses', async () => {
    const [org] = await db.prisma.organization.findMany();
    expect(org).toBeDefined();
    expect(org!.inn).toMatch(/^\d{10}$/);
    expect(org!.kpp).toMatch(/^\d{9}$/);
    expect(org!.bic).toMatch(/^\d{9}$/);
    expect(org!.bankAccount).toMatch(/^\d{20}$/);
    expect(org!.corrAccount).toMatch(/^\d{20}$/);
    // Bank of Russia control keys: weights 7,1,3 over BIC-derived prefix + account, sum ≡ 0 (mod 10).
    const keyOk = (prefix: string, account: string) =>
      [...`${prefix}${account}`].reduce((s, d, i) => s + ((Number(d) * [7, 1, 3][i % 3]!) % 10), 0) % 10 ===
      0;
    expect(keyOk(org!.bic.slice(-3), org!.bankAccount)).toBe(true);
    expect(keyOk(`0${org!.bic.slice(4, 6)}`, org!.corrAccount)).toBe(true);
    const innSum = [2, 4, 10, 3, 5, 9, 4, 6, 8].reduce((sum, w, i) => sum + w * Number(org!.inn[i]), 0);
    expect((innSum % 11) % 10).toBe(Number(org!.inn[9]));

    const houses = await db.sql.query<{ timezone: string; days: string; phone: string; exact: boolean }>(`
      SELECT h.timezone, h.readings_window_start_day || '-' || h.readings_window_end_day AS days,
             h.emergency_phone AS phone, h.total_area = (SELECT sum(area) FROM premises p WHERE p.house_id = h.id) AS exact
        FROM houses h`);
    expect(houses).toHaveLength(2);
    for (const house of houses) {
      expect(house).toMatchObject({ timezone: 'Europe/Moscow', days: '20-25', exact: true });
      expect(house.phone).toMatch(/^\+7 /);
    }
  });

  it('has 280–320 premises, each with exactly one personal account with a unique 6–9 digit number', async () => {
    const premises = await db.prisma.premises.count();
    expect(premises).toBeGreaterThanOrEqual(280);
    expect(premises).toBeLessThanOrEqual(320);
    expect(
      await db.prisma.premises.count({ where: { kind: 'NON_RESIDENTIAL', number: { endsWith: 'Н' } } }),
    ).toBe(6);
    const accounts = await db.prisma.personalAccount.findMany({
      select: { premisesId: true, number: true, registeredPersons: true },
    });
    expect(accounts).toHaveLength(premises);
    expect(new Set(accounts.map((a) => a.premisesId)).size).toBe(premises);
    expect(new Set(accounts.map((a) => a.number)).size).toBe(premises);
    for (const a of accounts) expect(a.number).toMatch(/^[1-9]\d{5,8}$/);
    expect(result.counts.personal_accounts).toBe(premises);
  });

  it("sums each premises' ownership shares to exactly 1", async () => {
    const shares = await db.prisma.ownership.findMany({
      select: { premisesId: true, shareNumerator: true, shareDenominator: true },
    });
    const sums = new Map<string, [bigint, bigint]>();
    for (const s of shares) {
      const [n, d] = sums.get(s.premisesId) ?? [0n, 1n];
      sums.set(s.premisesId, [
        n * BigInt(s.shareDenominator) + BigInt(s.shareNumerator) * d,
        d * BigInt(s.shareDenominator),
      ]);
    }
    expect(sums.size).toBe(await db.prisma.premises.count());
    for (const [n, d] of sums.values()) expect(n).toBe(d);
    const denominators = new Set(shares.map((s) => s.shareDenominator));
    expect([...denominators].sort()).toEqual([1, 2, 3]);
  });

  it('has meters with 12 months of monotonic readings, some missing and some verifications overdue', async () => {
    const [check] = await db.sql.query<{
      decreasing: number;
      periods: number;
      meters: number;
      gaps: number;
    }>(`
      SELECT
        (SELECT count(*)::int FROM (
           SELECT value < lag(value) OVER (PARTITION BY meter_id, zone ORDER BY period) AS down FROM meter_readings
         ) x WHERE down) AS decreasing,
        (SELECT count(DISTINCT period)::int FROM meter_readings) AS periods,
        (SELECT count(DISTINCT meter_id)::int FROM meter_readings) AS meters,
        (SELECT count(*)::int FROM meters m
          WHERE NOT EXISTS (SELECT 1 FROM meter_readings r WHERE r.meter_id = m.id AND r.period = '2026-10-01')) AS gaps`);
    expect(check).toEqual({
      decreasing: 0,
      periods: 13,
      meters: await db.prisma.meter.count(),
      gaps: expect.any(Number),
    });
    expect(check!.gaps).toBeGreaterThan(0);
    const types = await db.prisma.meter.groupBy({ by: ['type'], _count: true });
    expect(types.map((t) => t.type).sort()).toEqual([
      'COLD_WATER',
      'ELECTRICITY',
      'GAS',
      'HEAT',
      'HOT_WATER',
    ]);
    expect(await db.prisma.meter.count({ where: { type: 'ELECTRICITY', zones: 2 } })).toBeGreaterThan(0);
    const today = new Date(Date.UTC(2026, 10, 22));
    const in30 = new Date(Date.UTC(2026, 11, 22));
    expect(await db.prisma.meter.count({ where: { verificationDueAt: { lt: today } } })).toBeGreaterThan(0);
    expect(
      await db.prisma.meter.count({ where: { verificationDueAt: { gte: today, lte: in30 } } }),
    ).toBeGreaterThan(0);
  });

  it('has 12 billing periods per house, closed except the last (a draft)', async () => {
    const periods = await db.prisma.billingPeriod.findMany({ orderBy: { period: 'asc' } });
    expect(periods).toHaveLength(24);
    const months = [...new Set(periods.map((p) => p.period.toISOString().slice(0, 10)))];
    expect(months[0]).toBe('2025-11-01');
    expect(months.at(-1)).toBe('2026-10-01');
    expect(months).toHaveLength(12);
    for (const p of periods) expect(p.status).toBe(p.period.getUTCMonth() === 9 ? 'DRAFT' : 'CLOSED');
  });

  it('charges whole kopecks: volume × tariff rounded half-up per line, with the 1 July tariff change', async () => {
    const [check] = await db.sql.query<{ lines: number; wrong: number; accounts: number; average: number }>(`
      SELECT count(*)::int AS lines,
             count(*) FILTER (WHERE amount_kopecks <> round(coalesce(volume, 1) * tariff_kopecks))::int AS wrong,
             count(DISTINCT account_id)::int AS accounts,
             count(*) FILTER (WHERE kind = 'AVERAGE')::int AS average
        FROM charges`);
    expect(check!.wrong).toBe(0);
    expect(check!.accounts).toBe(await db.prisma.personalAccount.count());
    expect(check!.average).toBeGreaterThan(0);
    const sample = await db.prisma.charge.findFirst({ select: { amountKopecks: true } });
    expect(typeof sample!.amountKopecks).toBe('bigint');

    const coldWater = await db.sql.query<{ period: string; tariff: string }>(`
      SELECT DISTINCT to_char(c.period, 'YYYY-MM') AS period, c.tariff_kopecks::text AS tariff
        FROM charges c JOIN services s ON s.id = c.service_id
       WHERE s.code = 'COLD_WATER' AND c.period IN ('2026-06-01', '2026-07-01') ORDER BY 1`);
    expect(coldWater).toHaveLength(2);
    expect(coldWater[0]!.tariff).not.toBe(coldWater[1]!.tariff);
    const tariffs = await db.prisma.tariff.findMany({ where: { validFrom: new Date(Date.UTC(2026, 6, 1)) } });
    expect(tariffs.length).toBeGreaterThan(0);
    const kinds = await db.prisma.service.groupBy({ by: ['kind'], _count: true });
    expect(kinds.map((k) => k.kind).sort()).toEqual(['BY_AREA', 'BY_METER', 'FIXED', 'PER_PERSON']);
  });

  it('has payments from most accounts and about 10 % of accounts three or more months in debt', async () => {
    const [debt] = await db.sql.query<{ accounts: number; payers: number; debtors: number }>(`
      WITH charged AS (SELECT account_id, sum(amount_kopecks) AS total,
                              sum(amount_kopecks) / count(DISTINCT period) AS monthly
                         FROM charges WHERE period < '2026-10-01' GROUP BY account_id),
           paid AS (SELECT account_id, sum(amount_kopecks) AS total FROM payments
                     WHERE status = 'MATCHED' GROUP BY account_id)
      SELECT count(*)::int AS accounts,
             count(p.account_id)::int AS payers,
             count(*) FILTER (WHERE c.total - coalesce(p.total, 0) >= 3 * c.monthly)::int AS debtors
        FROM charged c LEFT JOIN paid p USING (account_id)`);
    expect(debt!.payers / debt!.accounts).toBeGreaterThan(0.85);
    expect(debt!.debtors / debt!.accounts).toBeGreaterThan(0.05);
    expect(debt!.debtors / debt!.accounts).toBeLessThan(0.18);
    expect(await db.prisma.payment.count({ where: { status: 'UNMATCHED', accountId: null } })).toBe(3);
  });

  it('stores the key rate history and the penalty rules as data', async () => {
    const rules = await db.prisma.penaltyRule.findMany({ orderBy: [{ kind: 'asc' }, { validFrom: 'asc' }] });
    const summary = rules.map((r) => [
      r.kind,
      r.validFrom.toISOString().slice(0, 10),
      r.validTo?.toISOString().slice(0, 10) ?? null,
      r.value,
    ]);
    expect(summary).toEqual([
      ['DUE_DAY', '2005-03-01', '2026-02-28', 10],
      ['DUE_DAY', '2026-03-01', null, 15],
      ['MORATORIUM', '2020-04-06', '2020-12-31', null],
      ['MORATORIUM', '2022-04-01', '2022-10-01', null],
      ['RATE_CAP', '2022-02-28', '2027-01-01', 950],
    ]);
    const rate = await db.prisma.keyRate.findFirst({
      where: { validFrom: { lte: new Date(Date.UTC(2022, 1, 27)) } },
      orderBy: { validFrom: 'desc' },
    });
    expect(rate?.rateBp).toBe(950); // the rate of 27.02.2022 that the cap refers to
    expect(
      await db.prisma.slaRule.count({ where: { urgency: 'EMERGENCY', reactionMinutes: 30 } }),
    ).toBeGreaterThan(0);
  });

  it('has tickets in every status with history and messages, numbered per house', async () => {
    const tickets = await db.prisma.ticket.findMany({ include: { history: true, messages: true } });
    expect(new Set(tickets.map((t) => t.status))).toEqual(
      new Set(['NEW', 'ACCEPTED', 'IN_PROGRESS', 'ON_HOLD', 'DONE', 'CLOSED', 'CANCELLED', 'REOPENED']),
    );
    for (const t of tickets) {
      expect(t.history.length).toBeGreaterThan(0);
      expect(t.createdAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
      expect(t.updatedAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
    }
    expect(tickets.some((t) => t.messages.some((m) => m.internal))).toBe(true);
    const houses = await db.prisma.house.findMany({ select: { id: true, lastTicketNumber: true } });
    for (const house of houses) {
      const numbers = tickets.filter((t) => t.houseId === house.id).map((t) => t.number);
      expect(numbers.sort((a, b) => a - b)).toEqual(
        Array.from({ length: house.lastTicketNumber }, (_, i) => i + 1),
      );
    }
    expect(await db.prisma.faqEntry.count({ where: { language: 'en', published: true } })).toBeGreaterThan(0);
    expect(await db.prisma.faqEntry.count({ where: { language: 'ru', published: true } })).toBeGreaterThan(0);
  });

  it('gives every staff role a login whose documented password verifies', async () => {
    expect(result.logins.map((l) => l.role).sort()).toEqual([...STAFF_ROLES].sort());
    const houses = await db.prisma.house.findMany({ select: { id: true, address: true } });
    for (const login of result.logins) {
      expect(login.password.length).toBeGreaterThanOrEqual(10);
      const user = await db.prisma.staffUser.findUniqueOrThrow({
        where: { email: login.email },
        include: { roles: true },
      });
      expect(await verifyPassword(user.passwordHash, login.password)).toBe(true);
      expect(user.roles.map((r) => r.role)).toEqual([login.role]);
      const house = houses.find((h) => h.id === user.roles[0]!.houseId);
      expect(house?.address ?? 'all houses').toBe(login.houses);
    }
    expect(result.logins.find((l) => l.role === 'DISPATCHER')?.houses).toBe(
      houses.find((h) => h.address.endsWith('д. 12'))?.address,
    );
    expect(DEMO_LOGINS.find((l) => l.role === 'MANAGER')?.email).toBe('manager@demo.domovoy.local');
  });

  it('refuses a second run without changing anything', async () => {
    const before = await db.prisma.charge.count();
    const error = await seedDemo(db, { now: NOW }).catch((e: unknown) => e);
    expect(isAppError(error, 'CONFLICT')).toBe(true);
    expect((error as Error).message).toMatch(/already has data/);
    expect(await seedDemoIfEmpty(db, { now: NOW })).toBeUndefined();
    expect(await db.prisma.charge.count()).toBe(before);
    expect(await db.prisma.organization.count()).toBe(1);
  });

  it('is deterministic: a second empty database gets the same data', async () => {
    expect(twinResult?.counts).toEqual(result.counts);
    const fingerprint = async (d: TestDatabase) =>
      d.sql.query(`
        SELECT (SELECT string_agg(number || ':' || invite_code, ',' ORDER BY id) FROM personal_accounts) AS accounts,
               (SELECT sum(value)::text FROM meter_readings) AS readings,
               (SELECT sum(amount_kopecks)::text FROM charges) AS charges,
               (SELECT sum(amount_kopecks)::text FROM payments) AS payments,
               (SELECT string_agg(full_name, ',' ORDER BY id) FROM owners) AS owners`);
    expect(await fingerprint(twin)).toEqual(await fingerprint(db));
  });
});
