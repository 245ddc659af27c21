import { createTestDatabase, DATABASE_BACKENDS, type TestDatabase } from '@domovoy/test-support/backends';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAdjustment } from '../src/billing/charges/add-adjustment.ts';
import { addTariff } from '../src/billing/charges/add-tariff.ts';
import { closePeriod } from '../src/billing/charges/close-period.ts';
import { listAccountCharges } from '../src/billing/charges/list-account-charges.ts';
import { previewCharges } from '../src/billing/charges/preview-charges.ts';
import { runCharges } from '../src/billing/charges/run-charges.ts';
import type { DomainDeps } from '../src/context.ts';
import { isAppError } from '../src/errors/app-error.ts';
import type { StaffActor } from '../src/staff/staff-actor.ts';

/**
 * The monthly charge run against hand-computed receipts. Tariffs are in kopecks (5980 = 59.80 ₽/м³); every expected
 * amount is worked out in the comment next to it and rounded half-up once per line.
 */

const NOW = new Date('2026-12-02T09:00:00Z');
const date = (text: string) => new Date(`${text}T00:00:00Z`);

type Kind = 'BY_METER' | 'BY_AREA' | 'PER_PERSON' | 'FIXED';
type MeterType = 'COLD_WATER' | 'HOT_WATER' | 'ELECTRICITY' | 'GAS' | 'HEAT';

interface ServiceSpec {
  code: string;
  kind: Kind;
  meterType?: MeterType;
  /** zone (null = all zones) → kopecks per unit. */
  prices: [number | null, string][];
  normative?: string;
}

const COLD: ServiceSpec = {
  code: 'COLD_WATER',
  kind: 'BY_METER',
  meterType: 'COLD_WATER',
  prices: [[null, '5980']],
  normative: '4.85',
};
const POWER: ServiceSpec = {
  code: 'ELECTRICITY',
  kind: 'BY_METER',
  meterType: 'ELECTRICITY',
  prices: [
    [null, '783'],
    [1, '899'],
    [2, '357'],
  ],
  normative: '85',
};

describe.each(DATABASE_BACKENDS)('charge run [%s]', (backend) => {
  let db: TestDatabase;
  let deps: DomainDeps;
  let actor: StaffActor;
  let orgId: string;
  let seq = 0;

  beforeAll(async () => {
    db = await createTestDatabase(backend);
    deps = { db, now: () => NOW };
    const org = await db.prisma.organization.create({
      data: {
        kind: 'UK',
        name: 'ООО «УК Расчёт»',
        inn: '7700000003',
        bankAccount: '40702810000000000003',
        bankName: 'Тестбанк',
        bic: '044525000',
        corrAccount: '30101810000000000000',
        address: 'Москва',
      },
    });
    orgId = org.id;
    const staff = await db.prisma.staffUser.create({
      data: {
        organizationId: org.id,
        email: 'accountant@charges.test',
        fullName: 'Бухгалтер',
        passwordHash: 'x',
      },
    });
    actor = {
      staffUserId: staff.id,
      organizationId: org.id,
      grants: [{ role: 'ACCOUNTANT', houseId: null }],
    };
  });
  afterAll(() => db?.destroy());

  /** A house of its own per test, with only the services the test is about (tariffs from 2026-01-01). */
  async function makeHouse(specs: ServiceSpec[]) {
    const house = await db.prisma.house.create({
      data: { organizationId: orgId, address: `ул. Расчётная, ${++seq}`, totalArea: '1000.00' },
    });
    const services: Record<string, string> = {};
    for (const [i, spec] of specs.entries()) {
      const service = await db.prisma.service.create({
        data: {
          houseId: house.id,
          code: spec.code,
          name: spec.code,
          kind: spec.kind,
          meterType: spec.meterType ?? null,
          unit: 'ед.',
          position: i + 1,
        },
      });
      services[spec.code] = service.id;
      for (const [zone, price] of spec.prices) {
        await db.prisma.tariff.create({
          data: { serviceId: service.id, validFrom: date('2026-01-01'), zone, priceKopecks: price },
        });
      }
      if (spec.normative) {
        await db.prisma.normative.create({
          data: { serviceId: service.id, validFrom: date('2020-01-01'), value: spec.normative },
        });
      }
    }
    return { id: house.id, services };
  }

  async function addAccount(houseId: string, options: { area?: string; persons?: number } = {}) {
    seq++;
    const premises = await db.prisma.premises.create({
      data: { houseId, number: String(seq), area: options.area ?? '50.00' },
    });
    const account = await db.prisma.personalAccount.create({
      data: {
        organizationId: orgId,
        premisesId: premises.id,
        number: String(1_000_000 + seq),
        inviteCode: `CHARGE${seq}`,
        registeredPersons: options.persons ?? 2,
      },
    });
    return { accountId: account.id, premisesId: premises.id };
  }

  /** A meter with its readings: period "2026-10" → one value per zone. */
  async function addMeter(
    premisesId: string,
    options: {
      type?: MeterType;
      zones?: number;
      installedAt?: string;
      initial?: string[];
      digits?: number;
      readings?: Record<string, string[]>;
      retiredAt?: string;
    } = {},
  ) {
    const meter = await db.prisma.meter.create({
      data: {
        premisesId,
        type: options.type ?? 'COLD_WATER',
        serial: `S-${++seq}`,
        zones: options.zones ?? 1,
        integerDigits: options.digits ?? 5,
        installedAt: date(options.installedAt ?? '2020-01-10'),
        initialValues: options.initial ?? [],
        verificationDueAt: date('2030-01-01'),
        ...(options.retiredAt ? { status: 'RETIRED' as const, retiredAt: date(options.retiredAt) } : {}),
      },
    });
    await addReadings(meter.id, options.readings ?? {});
    return meter.id;
  }

  async function addReadings(meterId: string, readings: Record<string, string[]>) {
    for (const [period, values] of Object.entries(readings)) {
      for (const [i, value] of values.entries()) {
        await db.prisma.meterReading.create({
          data: { meterId, period: date(`${period}-01`), zone: i + 1, value, source: 'STAFF' },
        });
      }
    }
  }

  /** An account's lines of a month, compact and in a stable order. */
  async function lines(accountId: string, period: string) {
    const rows = await db.prisma.charge.findMany({
      where: { accountId, period: date(`${period}-01`) },
      select: {
        kind: true,
        zone: true,
        volume: true,
        tariffKopecks: true,
        amountKopecks: true,
        correctsPeriod: true,
        meterId: true,
        service: { select: { code: true } },
      },
    });
    return rows
      .map((r) => ({
        service: r.service.code,
        kind: r.kind,
        zone: r.zone,
        volume: r.volume?.toString() ?? null,
        tariff: r.tariffKopecks?.toString() ?? null,
        amount: r.amountKopecks,
        corrects: r.correctsPeriod ? r.correctsPeriod.toISOString().slice(0, 7) : null,
        meterId: r.meterId,
      }))
      .sort(
        (a, b) =>
          a.service.localeCompare(b.service) ||
          a.kind.localeCompare(b.kind) ||
          (a.corrects ?? '').localeCompare(b.corrects ?? '') ||
          (a.zone ?? 0) - (b.zone ?? 0),
      );
  }

  const run = (houseId: string, period: string) => runCharges(deps, actor, { houseId, period });
  const close = (houseId: string, period: string) => closePeriod(deps, actor, { houseId, period });

  it('bills a single-zone meter by its readings, across a rollover and a replacement', async () => {
    const house = await makeHouse([COLD]);
    const plain = await addAccount(house.id);
    const plainMeter = await addMeter(plain.premisesId, {
      readings: { '2026-10': ['123.456'], '2026-11': ['130.789'] },
    });
    const rolled = await addAccount(house.id);
    await addMeter(rolled.premisesId, { readings: { '2026-10': ['99998.5'], '2026-11': ['3.25'] } });
    // The old meter's final reading of November and the new meter counted from its opening value 0.5.
    const replaced = await addAccount(house.id);
    const oldMeter = await addMeter(replaced.premisesId, {
      retiredAt: '2026-11-10',
      readings: { '2026-10': ['50'], '2026-11': ['51.2'] },
    });
    const newMeter = await addMeter(replaced.premisesId, {
      installedAt: '2026-11-10',
      initial: ['0.5'],
      readings: { '2026-11': ['2.5'] },
    });

    const result = await run(house.id, '2026-11');

    // 130.789 − 123.456 = 7.333 м³ × 5980 = 43 851.34 → 43 851
    expect(await lines(plain.accountId, '2026-11')).toEqual([
      {
        service: 'COLD_WATER',
        kind: 'REGULAR',
        zone: null,
        volume: '7.333',
        tariff: '5980',
        amount: 43_851n,
        corrects: null,
        meterId: plainMeter,
      },
    ]);
    // Rollover at 10^5: 100 000 − 99 998.5 + 3.25 = 4.75 м³ × 5980 = 28 405
    expect(await lines(rolled.accountId, '2026-11')).toMatchObject([
      { kind: 'REGULAR', volume: '4.75', amount: 28_405n },
    ]);
    // Old meter 51.2 − 50 = 1.2 × 5980 = 7 176; new meter 2.5 − 0.5 = 2 × 5980 = 11 960
    const replacedLines = await lines(replaced.accountId, '2026-11');
    expect(replacedLines.find((l) => l.meterId === oldMeter)).toMatchObject({
      volume: '1.2',
      amount: 7_176n,
    });
    expect(replacedLines.find((l) => l.meterId === newMeter)).toMatchObject({ volume: '2', amount: 11_960n });
    expect(replacedLines).toHaveLength(2);
    // 43 851 + 28 405 + 7 176 + 11 960 = 91 392
    expect(result).toMatchObject({ period: '2026-11', accounts: 3, lines: 4, amountKopecks: 91_392n });
    expect(result.byKind).toEqual({ REGULAR: { lines: 4, amountKopecks: 91_392n } });
    const audit = await db.prisma.auditLog.findMany({ where: { entityId: result.billingPeriodId } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'charges.run',
      staffUserId: actor.staffUserId,
      after: { period: '2026-11', lines: 4, amountKopecks: '91392' },
    });
  });

  it('bills two-zone electricity zone by zone at each zone’s tariff, rounding x.5 kopecks up', async () => {
    const house = await makeHouse([POWER]);
    const flat = await addAccount(house.id);
    await addMeter(flat.premisesId, {
      type: 'ELECTRICITY',
      zones: 2,
      readings: { '2026-10': ['1000', '500'], '2026-11': ['1150.5', '560.3'] },
    });
    const single = await addAccount(house.id);
    await addMeter(single.premisesId, {
      type: 'ELECTRICITY',
      readings: { '2026-10': ['10'], '2026-11': ['110'] },
    });

    await run(house.id, '2026-11');

    // Day: 1150.5 − 1000 = 150.5 кВт·ч × 899 = 135 299.5 → 135 300 (half-up)
    // Night: 560.3 − 500 = 60.3 кВт·ч × 357 = 21 527.1 → 21 527
    expect(await lines(flat.accountId, '2026-11')).toMatchObject([
      { kind: 'REGULAR', zone: 1, volume: '150.5', tariff: '899', amount: 135_300n },
      { kind: 'REGULAR', zone: 2, volume: '60.3', tariff: '357', amount: 21_527n },
    ]);
    // A single-zone meter uses the all-zones tariff: 100 × 783 = 78 300
    expect(await lines(single.accountId, '2026-11')).toMatchObject([
      { kind: 'REGULAR', zone: null, volume: '100', tariff: '783', amount: 78_300n },
    ]);
  });

  it('charges a missing reading by the average of up to 6 months of history, at least 3', async () => {
    const house = await makeHouse([COLD]);
    // 7 readings Apr–Oct (and an older one that falls outside the 6 months): (132 − 100) / 6 = 5.33333 → 5.3333 м³
    // × 5980 = 31 893.134 → 31 893
    const six = await addAccount(house.id);
    await addMeter(six.premisesId, {
      readings: {
        '2026-03': ['90'],
        '2026-04': ['100'],
        '2026-05': ['105'],
        '2026-06': ['111'],
        '2026-07': ['116'],
        '2026-08': ['123'],
        '2026-09': ['127'],
        '2026-10': ['132'],
      },
    });
    // Installed in July from 10: Jul–Oct is 4 months, (25 − 10) / 4 = 3.75 м³ × 5980 = 22 425
    const four = await addAccount(house.id);
    await addMeter(four.premisesId, {
      installedAt: '2026-07-05',
      initial: ['10'],
      readings: { '2026-07': ['13'], '2026-08': ['17'], '2026-09': ['20'], '2026-10': ['25'] },
    });
    // Installed in September: 2 months of history are not enough → normative 4.85 × 2 persons = 9.7 м³
    // × 5980 = 58 006
    const two = await addAccount(house.id);
    await addMeter(two.premisesId, {
      installedAt: '2026-09-03',
      initial: ['0'],
      readings: { '2026-09': ['3'], '2026-10': ['6'] },
    });

    const result = await run(house.id, '2026-11');

    expect(await lines(six.accountId, '2026-11')).toMatchObject([
      { kind: 'AVERAGE', volume: '5.3333', tariff: '5980', amount: 31_893n },
    ]);
    expect(await lines(four.accountId, '2026-11')).toMatchObject([
      { kind: 'AVERAGE', volume: '3.75', amount: 22_425n },
    ]);
    expect(await lines(two.accountId, '2026-11')).toMatchObject([
      { kind: 'NORMATIVE', volume: '9.7', amount: 58_006n },
    ]);
    const comments = await db.prisma.charge.findMany({
      where: { billingPeriodId: result.billingPeriodId, kind: 'AVERAGE' },
      select: { comment: true },
      orderBy: { amountKopecks: 'desc' },
    });
    expect(comments.map((c) => c.comment)).toEqual([
      'Показания не переданы: по среднему за 6 мес. (п. 59 Правил, ПП РФ №354)',
      'Показания не переданы: по среднему за 4 мес. (п. 59 Правил, ПП РФ №354)',
    ]);
  });

  it('falls back to the normative after 3 months of average; ×1.5 without a meter; zones by their shares', async () => {
    const house = await makeHouse([COLD, POWER]);
    // Cold water read monthly up to July (10 м³ a month), electricity likewise: day 10, night 5 a month.
    const flat = await addAccount(house.id, { persons: 3 });
    const monthly = (from: number, step: number) =>
      Object.fromEntries(
        ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07'].map((p, i) => [
          p,
          [String(from + step * i)],
        ]),
      );
    await addMeter(flat.premisesId, { readings: monthly(100, 10) });
    const power = await addMeter(flat.premisesId, { type: 'ELECTRICITY', zones: 2 });
    const day = monthly(1000, 10);
    const night = monthly(500, 5);
    await addReadings(
      power,
      Object.fromEntries(Object.keys(day).map((p) => [p, [day[p]![0]!, night[p]![0]!]])),
    );
    // No meters at all: cold water 4.85 × 2 persons × 1.5 = 14.55 м³ × 5980 = 87 009;
    // electricity 85 × 2 × 1.5 = 255 кВт·ч × 783 (the all-zones tariff) = 199 665
    const bare = await addAccount(house.id, { persons: 2 });
    // Nobody registered: no normative lines at all.
    const empty = await addAccount(house.id, { persons: 0 });

    for (const period of ['2026-08', '2026-09', '2026-10']) {
      await run(house.id, period);
      await close(house.id, period);
      // Average of Jan–Jul: 60 / 6 = 10 м³ × 5980 = 59 800; day 60 / 6 = 10 × 899 = 8 990; night 5 × 357 = 1 785
      expect(await lines(flat.accountId, period)).toMatchObject([
        { service: 'COLD_WATER', kind: 'AVERAGE', volume: '10', amount: 59_800n },
        { service: 'ELECTRICITY', kind: 'AVERAGE', zone: 1, volume: '10', amount: 8_990n },
        { service: 'ELECTRICITY', kind: 'AVERAGE', zone: 2, volume: '5', amount: 1_785n },
      ]);
    }
    await run(house.id, '2026-11');
    // 4th month without readings: normative 4.85 × 3 persons = 14.55 м³ × 5980 = 87 009.
    // Electricity 85 × 3 = 255 кВт·ч split by the zones' history (day 60, night 30 of 90):
    // day 255 × 60/90 = 170 × 899 = 152 830; night 255 − 170 = 85 × 357 = 30 345
    expect(await lines(flat.accountId, '2026-11')).toMatchObject([
      { service: 'COLD_WATER', kind: 'NORMATIVE', zone: null, volume: '14.55', amount: 87_009n },
      { service: 'ELECTRICITY', kind: 'NORMATIVE', zone: 1, volume: '170', tariff: '899', amount: 152_830n },
      { service: 'ELECTRICITY', kind: 'NORMATIVE', zone: 2, volume: '85', tariff: '357', amount: 30_345n },
    ]);
    expect(await lines(bare.accountId, '2026-11')).toEqual([
      expect.objectContaining({ service: 'COLD_WATER', kind: 'NORMATIVE', volume: '14.55', amount: 87_009n }),
      expect.objectContaining({
        service: 'ELECTRICITY',
        kind: 'NORMATIVE',
        zone: null,
        volume: '255',
        tariff: '783',
        amount: 199_665n,
        meterId: null,
      }),
    ]);
    expect(await lines(empty.accountId, '2026-11')).toEqual([]);
  });

  it('recalculates the average and normative months when the reading arrives late, up or down', async () => {
    const house = await makeHouse([COLD]);
    const history = {
      '2026-01': ['100'],
      '2026-02': ['110'],
      '2026-03': ['120'],
      '2026-04': ['130'],
      '2026-05': ['140'],
      '2026-06': ['150'],
      '2026-07': ['160'],
    };
    // Up: no readings Aug–Nov (average 10 × 3, then the normative 4.85 × 2 = 9.7), December's 230 covers 5 months:
    // 70 / 5 = 14 м³ a month.
    const up = await addAccount(house.id);
    const upMeter = await addMeter(up.premisesId, { readings: history });
    // Down: no readings Aug–Sep (average 10 each), October's 170 covers 3 months: 10 / 3 → 3.3333, 3.3334, 3.3333
    // (cumulative rounding, the months add up to exactly 10).
    const down = await addAccount(house.id);
    const downMeter = await addMeter(down.premisesId, { readings: history });

    for (const period of ['2026-08', '2026-09']) {
      await run(house.id, period);
      await close(house.id, period);
    }
    await addReadings(downMeter, { '2026-10': ['170'] });
    await run(house.id, '2026-10');
    // October: REGULAR 10 − 3.3333 − 3.3334 = 3.3333 м³ × 5980 = 19 933.134 → 19 933
    // Aug: 3.3333 − 10 = −6.6667 × 5980 = −39 866.866 → −39 867; Sep: 3.3334 − 10 = −6.6666 × 5980 = −39 866.268 → −39 866
    expect(await lines(down.accountId, '2026-10')).toMatchObject([
      { kind: 'RECALCULATION', volume: '-6.6667', tariff: '5980', amount: -39_867n, corrects: '2026-08' },
      { kind: 'RECALCULATION', volume: '-6.6666', tariff: '5980', amount: -39_866n, corrects: '2026-09' },
      { kind: 'REGULAR', volume: '3.3333', amount: 19_933n, corrects: null },
    ]);
    await close(house.id, '2026-10');
    await addReadings(downMeter, { '2026-11': ['180'], '2026-12': ['190'] });
    await run(house.id, '2026-11');
    await close(house.id, '2026-11');
    // Corrected once: November and December are plain months again.
    expect(await lines(down.accountId, '2026-11')).toMatchObject([{ kind: 'REGULAR', volume: '10' }]);

    await addReadings(upMeter, { '2026-12': ['230'] });
    await run(house.id, '2026-12');
    // December: REGULAR 70 − 4 × 14 = 14 м³ × 5980 = 83 720.
    // Aug, Sep, Oct: (14 − 10) × 5980 = 23 920 each; Nov: (14 − 9.7) = 4.3 × 5980 = 25 714.
    expect(await lines(up.accountId, '2026-12')).toMatchObject([
      { kind: 'RECALCULATION', volume: '4', amount: 23_920n, corrects: '2026-08', meterId: upMeter },
      { kind: 'RECALCULATION', volume: '4', amount: 23_920n, corrects: '2026-09' },
      { kind: 'RECALCULATION', volume: '4', amount: 23_920n, corrects: '2026-10' },
      { kind: 'RECALCULATION', volume: '4.3', amount: 25_714n, corrects: '2026-11' },
      { kind: 'REGULAR', volume: '14', amount: 83_720n },
    ]);
    expect(await lines(down.accountId, '2026-12')).toMatchObject([{ kind: 'REGULAR', volume: '10' }]);
    // The charged volumes of the "up" meter add up to its consumption, Aug–Dec: 230 − 160 = 70 м³.
    const all = await db.prisma.charge.findMany({ where: { meterId: upMeter }, select: { volume: true } });
    expect(all.reduce((sum, c) => sum + Number(c.volume), 0)).toBeCloseTo(70, 6);
  });

  it('bills by area, per person and fixed, rounding each line half-up once', async () => {
    const house = await makeHouse([
      { code: 'MAINTENANCE', kind: 'BY_AREA', prices: [[null, '3185']] },
      { code: 'CAPITAL_REPAIR', kind: 'BY_AREA', prices: [[null, '2707']] },
      { code: 'WASTE', kind: 'PER_PERSON', prices: [[null, '13547']] },
      { code: 'GAS_COOKING', kind: 'PER_PERSON', prices: [[null, '812.34']], normative: '9.8' },
      { code: 'INTERCOM', kind: 'FIXED', prices: [[null, '6500']] },
    ]);
    const flat = await addAccount(house.id, { area: '50.50', persons: 3 });
    const shop = await addAccount(house.id, { area: '120.25', persons: 0 });

    const result = await run(house.id, '2026-11');

    // Maintenance 50.50 м² × 3185 = 160 842.5 → 160 843; capital repair 50.50 × 2707 = 136 703.5 → 136 704;
    // waste 3 persons × 13 547 = 40 641; gas 9.8 × 3 = 29.4 м³ × 812.34 = 23 882.796 → 23 883; intercom 6 500
    expect(await lines(flat.accountId, '2026-11')).toMatchObject([
      { service: 'CAPITAL_REPAIR', volume: '50.5', tariff: '2707', amount: 136_704n },
      { service: 'GAS_COOKING', volume: '29.4', tariff: '812.34', amount: 23_883n },
      { service: 'INTERCOM', volume: null, tariff: '6500', amount: 6_500n },
      { service: 'MAINTENANCE', volume: '50.5', tariff: '3185', amount: 160_843n },
      { service: 'WASTE', volume: '3', tariff: '13547', amount: 40_641n },
    ]);
    // Nobody registered in the shop: area and fixed lines only. 120.25 × 3185 = 382 996.25 → 382 996;
    // 120.25 × 2707 = 325 516.75 → 325 517
    expect(await lines(shop.accountId, '2026-11')).toMatchObject([
      { service: 'CAPITAL_REPAIR', amount: 325_517n },
      { service: 'INTERCOM', amount: 6_500n },
      { service: 'MAINTENANCE', amount: 382_996n },
    ]);
    // Totals are sums of rounded lines: 136 704 + 23 883 + 6 500 + 160 843 + 40 641 = 368 571 for the flat,
    // 325 517 + 6 500 + 382 996 = 715 013 for the shop; 1 083 584 in all.
    expect(result.amountKopecks).toBe(1_083_584n);
    expect(result.services.map((s) => [s.code, s.amountKopecks])).toEqual([
      ['MAINTENANCE', 543_839n],
      ['CAPITAL_REPAIR', 462_221n],
      ['WASTE', 40_641n],
      ['GAS_COOKING', 23_883n],
      ['INTERCOM', 13_000n],
    ]);
  });

  it('re-running a draft replaces the computed lines and keeps the manual adjustments', async () => {
    const house = await makeHouse([COLD, { code: 'INTERCOM', kind: 'FIXED', prices: [[null, '6500']] }]);
    const flat = await addAccount(house.id);
    const meter = await addMeter(flat.premisesId, { readings: { '2026-10': ['100'], '2026-11': ['105'] } });
    const first = await run(house.id, '2026-11');
    const firstIds = (await db.prisma.charge.findMany({ where: { accountId: flat.accountId } })).map(
      (c) => c.id,
    );
    const adjustment = await addAdjustment(deps, actor, flat.accountId, {
      period: '2026-11',
      serviceId: house.services.COLD_WATER!,
      correctsPeriod: '2026-09',
      amountKopecks: -5000,
      comment: 'Возврат за ошибочные показания сентября',
    });
    expect(adjustment).toMatchObject({
      kind: 'ADJUSTMENT',
      amountKopecks: -5000n,
      correctsPeriod: '2026-09',
    });
    // The resident's reading is corrected after the first run.
    await db.prisma.meterReading.updateMany({
      where: { meterId: meter, period: date('2026-11-01') },
      data: { value: '107' },
    });

    const second = await run(house.id, '2026-11');

    // 5 м³ × 5980 = 29 900 became 7 м³ × 5980 = 41 860; intercom 6 500; the adjustment −5 000 stays.
    expect(first.amountKopecks).toBe(29_900n + 6_500n);
    expect(second).toMatchObject({
      billingPeriodId: first.billingPeriodId,
      lines: 2,
      amountKopecks: 41_860n + 6_500n,
      replacedLines: 2,
      adjustments: { lines: 1, amountKopecks: -5_000n },
    });
    const now = await lines(flat.accountId, '2026-11');
    expect(now).toMatchObject([
      { kind: 'ADJUSTMENT', amount: -5_000n, corrects: '2026-09' },
      { kind: 'REGULAR', volume: '7', amount: 41_860n },
      { service: 'INTERCOM', amount: 6_500n },
    ]);
    const ids = (await db.prisma.charge.findMany({ where: { accountId: flat.accountId } })).map((c) => c.id);
    expect(ids).toContain(adjustment.id);
    expect(ids.filter((id) => firstIds.includes(id))).toEqual([]);
    expect(
      await db.prisma.auditLog.count({ where: { entityId: first.billingPeriodId, action: 'charges.run' } }),
    ).toBe(2);
    expect(await db.prisma.auditLog.findFirst({ where: { entityId: adjustment.id } })).toMatchObject({
      action: 'charge.adjust',
      after: { amountKopecks: '-5000', correctsPeriod: '2026-09' },
    });
    const listed = await listAccountCharges(deps, actor, flat.accountId);
    expect(listed.periods).toHaveLength(1);
    expect(listed.periods[0]).toMatchObject({ period: '2026-11', status: 'DRAFT', totalKopecks: 43_360n });
    expect(listed.periods[0]?.lines.map((l) => l.kind)).toEqual(['REGULAR', 'ADJUSTMENT', 'REGULAR']);
  });

  it('refuses to touch a closed period', async () => {
    const house = await makeHouse([{ code: 'INTERCOM', kind: 'FIXED', prices: [[null, '6500']] }]);
    const flat = await addAccount(house.id);
    await run(house.id, '2026-11');
    const closed = await close(house.id, '2026-11');
    expect(closed).toMatchObject({ status: 'CLOSED', lines: 1, amountKopecks: 6_500n });
    const before = await db.prisma.charge.findMany({ where: { accountId: flat.accountId } });

    await expect(run(house.id, '2026-11')).rejects.toSatisfy((e) => isAppError(e, 'INVALID_STATE'));
    await expect(close(house.id, '2026-11')).rejects.toSatisfy((e) => isAppError(e, 'INVALID_STATE'));
    await expect(
      addAdjustment(deps, actor, flat.accountId, {
        period: '2026-11',
        serviceId: house.services.INTERCOM!,
        correctsPeriod: '2026-10',
        amountKopecks: 100,
        comment: 'Поздняя правка',
      }),
    ).rejects.toSatisfy((e) => isAppError(e, 'INVALID_STATE'));
    await expect(previewCharges(deps, actor, { houseId: house.id, period: '2026-11' })).rejects.toSatisfy(
      (e) => isAppError(e, 'INVALID_STATE'),
    );
    expect(await db.prisma.charge.findMany({ where: { accountId: flat.accountId } })).toEqual(before);
    // The correction goes into the next (draft) period instead.
    const later = await addAdjustment(deps, actor, flat.accountId, {
      period: '2026-12',
      serviceId: house.services.INTERCOM!,
      correctsPeriod: '2026-11',
      amountKopecks: -6500,
      comment: 'Домофон отключён в ноябре',
    });
    expect(later).toMatchObject({ period: '2026-12', correctsPeriod: '2026-11', amountKopecks: -6_500n });
  });

  it('refuses a run when a tariff is missing, naming the service and zone', async () => {
    const house = await makeHouse([{ ...POWER, prices: [[1, '899']] }]);
    const flat = await addAccount(house.id);
    await addMeter(flat.premisesId, {
      type: 'ELECTRICITY',
      zones: 2,
      readings: { '2026-10': ['1', '1'], '2026-11': ['2', '2'] },
    });
    const error = await run(house.id, '2026-11').catch((e: unknown) => e);
    expect(isAppError(error, 'INVALID_STATE')).toBe(true);
    expect((error as Error).message).toContain('ELECTRICITY (zone 2)');
    expect(await db.prisma.billingPeriod.count({ where: { houseId: house.id } })).toBe(0);
  });

  it('reports meters that fall to a normative the service does not have, and charges nothing for them', async () => {
    const house = await makeHouse([
      { code: 'GAS', kind: 'BY_METER', meterType: 'GAS', prices: [[null, '812.34']] },
    ]);
    const flat = await addAccount(house.id);
    await addMeter(flat.premisesId, { type: 'GAS', readings: { '2026-05': ['10'] } });
    // No gas meter and no gas normative: nothing to charge, nothing to report (the flat may have no gas).
    const noGas = await addAccount(house.id);

    const result = await run(house.id, '2026-11');

    expect(result.warnings).toEqual([{ code: 'NO_NORMATIVE', serviceCode: 'GAS', accounts: 1 }]);
    expect(result.lines).toBe(0);
    expect(await lines(noGas.accountId, '2026-11')).toEqual([]);
  });

  it('previews the run without committing anything, against last month', async () => {
    const house = await makeHouse([COLD, { code: 'INTERCOM', kind: 'FIXED', prices: [[null, '6500']] }]);
    const steady = await addAccount(house.id);
    await addMeter(steady.premisesId, {
      readings: { '2026-09': ['100'], '2026-10': ['105'], '2026-11': ['110'] },
    });
    const jump = await addAccount(house.id);
    await addMeter(jump.premisesId, {
      readings: { '2026-09': ['100'], '2026-10': ['101'], '2026-11': ['111'] },
    });
    await run(house.id, '2026-10');
    await close(house.id, '2026-10');
    const counts = async () => ({
      charges: await db.prisma.charge.count(),
      periods: await db.prisma.billingPeriod.count(),
      audit: await db.prisma.auditLog.count(),
    });
    const before = await counts();

    const preview = await previewCharges(deps, actor, {
      houseId: house.id,
      period: '2026-11',
      thresholdPercent: 50,
    });

    expect(await counts()).toEqual(before);
    // October: steady 5 × 5980 = 29 900 + 6 500 = 36 400; jump 1 × 5980 = 5 980 + 6 500 = 12 480.
    // November: steady the same; jump 10 × 5980 = 59 800 + 6 500 = 66 300 (+431.3 %).
    expect(preview).toMatchObject({ period: '2026-11', previousPeriod: '2026-10', lines: 4 });
    expect(preview.amountKopecks).toBe(36_400n + 66_300n);
    expect(preview.services).toEqual([
      {
        serviceId: house.services.COLD_WATER,
        code: 'COLD_WATER',
        name: 'COLD_WATER',
        lines: 2,
        amountKopecks: 89_700n,
        previousKopecks: 35_880n,
        changeKopecks: 53_820n,
        changePercent: 150,
      },
      {
        serviceId: house.services.INTERCOM,
        code: 'INTERCOM',
        name: 'INTERCOM',
        lines: 2,
        amountKopecks: 13_000n,
        previousKopecks: 13_000n,
        changeKopecks: 0n,
        changePercent: 0,
      },
    ]);
    // (66 300 − 12 480) / 12 480 = 431.25 % → 431.3
    expect(preview.changedAccounts).toMatchObject({
      thresholdPercent: 50,
      total: 1,
      items: [
        {
          accountId: jump.accountId,
          previousKopecks: 12_480n,
          amountKopecks: 66_300n,
          changeKopecks: 53_820n,
          changePercent: 431.3,
        },
      ],
    });
    // The run then writes exactly what the preview showed.
    const result = await run(house.id, '2026-11');
    expect(result.amountKopecks).toBe(preview.amountKopecks);
    expect(result.services.map((s) => s.amountKopecks)).toEqual(preview.services.map((s) => s.amountKopecks));
  });

  it('refuses overlapping tariffs and supersedes an open-ended one on request', async () => {
    const house = await makeHouse([COLD]);
    const serviceId = house.services.COLD_WATER!;
    const overlap = await addTariff(deps, actor, serviceId, {
      validFrom: '2026-07-01',
      priceKopecks: '6697',
    }).catch((e: unknown) => e);
    expect(isAppError(overlap, 'CONFLICT')).toBe(true);
    expect((overlap as Error).message).toContain('2026-01-01 – open-ended');
    const added = await addTariff(deps, actor, serviceId, {
      validFrom: '2027-01-01',
      priceKopecks: '6697',
      source: 'Распоряжение №1',
      supersede: true,
    });
    expect(added).toMatchObject({
      validFrom: '2027-01-01',
      validTo: null,
      priceKopecks: '6697',
      superseded: { validTo: '2026-12-31' },
    });
    const tariffs = await db.prisma.tariff.findMany({ where: { serviceId }, orderBy: { validFrom: 'asc' } });
    expect(
      tariffs.map((t) => [t.validFrom.toISOString().slice(0, 10), t.validTo?.toISOString().slice(0, 10)]),
    ).toEqual([
      ['2026-01-01', '2026-12-31'],
      ['2027-01-01', undefined],
    ]);
    // A zone tariff does not overlap the all-zones one, but a second one for the same zone does.
    const zoneOnCold = await addTariff(deps, actor, serviceId, {
      validFrom: '2027-01-01',
      zone: 1,
      priceKopecks: '1',
    });
    expect(zoneOnCold).toMatchObject({ zone: 1 });
    await expect(
      addTariff(deps, actor, serviceId, {
        validFrom: '2027-06-01',
        validTo: '2027-06-30',
        zone: 1,
        priceKopecks: '2',
      }),
    ).rejects.toSatisfy((e) => isAppError(e, 'CONFLICT'));
    expect(
      await db.prisma.auditLog.count({ where: { action: { in: ['tariff.create', 'tariff.supersede'] } } }),
    ).toBe(3);
  });
});
