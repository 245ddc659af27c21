import { writeRegistryCsv } from '@domovoy/domain';
import { STAND_BACKENDS } from '@domovoy/test-support/stand';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApi, type TestApi } from './helper.ts';

const row = (n: number, extra: Record<string, unknown> = {}) => ({
  house_address: 'г. Москва, ул. Импортная, д. 3',
  entrance: 1,
  premises_number: String(n),
  premises_kind: 'flat',
  area: '45,50',
  floor: 1,
  account_number: String(500000 + n),
  registered_persons: 1,
  owner_name: `Владелец ${n}`,
  owner_share: '1/1',
  owner_phone: `+7 900 555-00-${String(n).padStart(2, '0')}`,
  meter_type: 'cold_water',
  meter_serial: `IMP-${n}`,
  meter_digits: '5+3',
  meter_verification_due: '01.06.2030',
  meter_last_value: '10',
  meter_last_value_date: '2026-10-25',
  ...extra,
});

describe.each(STAND_BACKENDS)('registry import over HTTP [$database] [$kv]', (backends) => {
  let t: TestApi;
  beforeAll(async () => {
    t = await buildTestApi(backends);
  });
  afterAll(() => t?.close());

  const upload = (c: Awaited<ReturnType<TestApi['login']>>, csv: string, dryRun: boolean) =>
    c.request({
      method: 'POST',
      url: `/api/registry/import?fileName=registry.csv&dryRun=${dryRun}`,
      headers: { 'content-type': 'text/csv' },
      payload: csv,
    });

  it('a file with bad rows writes nothing and lists each bad row with its reason', async () => {
    const c = await t.login('admin');
    const csv = writeRegistryCsv([
      row(1),
      row(2, { area: '-3' }),
      row(3, { owner_share: '3/2' }),
      row(4),
    ] as never);
    const res = await upload(c, csv, false);
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.applied).toBe(false);
    expect(report.errorRows).toBe(2);
    expect(
      report.issues
        .filter((i: { severity: string }) => i.severity === 'error')
        .map((i: { row: number; column: string }) => [i.row, i.column]),
    ).toEqual([
      [3, 'area'],
      [4, 'owner_share'],
    ]);
    expect(
      await t.db.prisma.premises.count({ where: { house: { address: 'г. Москва, ул. Импортная, д. 3' } } }),
    ).toBe(0);
  });

  it('a dry run reports what would be created; the real run creates it; staff without registry.write are refused', async () => {
    const c = await t.login('admin');
    const csv = writeRegistryCsv([row(1), row(2), row(3)] as never);
    const dry = (await upload(c, csv, true)).json();
    expect(dry.applied).toBe(false);
    expect(dry.summary.premises.create).toBe(3);
    expect(await t.db.prisma.personalAccount.count({ where: { number: { startsWith: '5000' } } })).toBe(0);
    const real = (await upload(c, csv, false)).json();
    expect(real.applied).toBe(true);
    expect(await t.db.prisma.personalAccount.count({ where: { number: { startsWith: '5000' } } })).toBe(3);
    const dispatcher = await t.login('dispatcherA');
    expect((await upload(dispatcher, csv, true)).statusCode).toBe(403);
    const empty = await upload(c, '', true);
    expect(empty.statusCode).toBe(400);
  });
});
