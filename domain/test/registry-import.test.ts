import { randomBytes } from 'node:crypto';
import { createTestDatabase, DATABASE_BACKENDS, type TestDatabase } from '@domovoy/test-support/backends';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../src/errors/app-error.ts';
import {
  importRegistry,
  type RegistryImportProgress,
  type RegistryRowInput,
  readRegistryTable,
  validateRegistry,
  writeRegistryCsv,
  writeRegistryXlsx,
} from '../src/registry-import/index.ts';
import type { StaffActor } from '../src/staff/staff-actor.ts';

const NOW = new Date('2026-10-15T09:00:00Z');
const utf8 = (text: string) => new TextEncoder().encode(text);

/** Two houses, 4 premises: shared ownership, a 2-zone electricity meter, a non-residential premises, no owner. */
const GOOD_ROWS: RegistryRowInput[] = [
  {
    house_address: 'г. Москва, ул. Ленина, д. 1',
    entrance: 1,
    premises_number: '1',
    premises_kind: 'flat',
    area: '54,30',
    floor: 1,
    account_number: '100001',
    registered_persons: 2,
    owner_name: 'Иванов Иван Иванович',
    owner_share: '1/2',
    owner_phone: '8 (900) 111-22-33',
    meter_type: 'cold_water',
    meter_serial: 'ХВ-0001',
    meter_digits: '5+3',
    meter_verification_due: '01.06.2030',
    meter_last_value: '123,456',
    meter_last_value_date: '2026-09-25',
  },
  {
    house_address: 'г. Москва, ул. Ленина, д. 1',
    entrance: 1,
    premises_number: '1',
    area: '54.3',
    account_number: '100001',
    owner_name: 'Иванова Мария Петровна',
    owner_share: '1/2',
    meter_type: 'electricity',
    meter_serial: 'E-77',
    meter_zones: 2,
    meter_digits: '6+1',
    meter_verification_due: '2032-01-31',
    meter_last_value: '1234,5; 678',
    meter_last_value_date: '25.09.2026',
  },
  {
    house_address: 'г. Москва, ул. Ленина, д. 1',
    entrance: 2,
    premises_number: '2',
    area: '38',
    floor: 5,
    account_number: '100002',
    registered_persons: 1,
    owner_name: 'Петров Пётр',
    owner_share: '1',
    owner_phone: '+7 900 444-55-66',
  },
  {
    house_address: 'г. Москва, ул. Ленина, д. 1',
    premises_number: '1Н',
    premises_kind: 'нежилое',
    area: '120.5',
    account_number: '200001',
    owner_name: 'ООО «Ромашка»',
    owner_kind: 'legal_entity',
    owner_share: '1/1',
  },
  {
    house_address: 'г. Москва, ул. Мира, д. 7',
    entrance: 1,
    premises_number: '12а',
    area: '61.07',
    account_number: '300012',
    meter_type: 'ГВС',
    meter_serial: '555',
    meter_verification_due: '01.01.2029',
    meter_last_value: '10',
  },
];

async function counts(db: TestDatabase, orgId: string) {
  const [row] = await db.sql.query<Record<string, number>>(
    `SELECT
       (SELECT count(*)::int FROM houses WHERE organization_id = $1) AS houses,
       (SELECT count(*)::int FROM entrances e JOIN houses h ON h.id = e.house_id WHERE h.organization_id = $1) AS entrances,
       (SELECT count(*)::int FROM premises p JOIN houses h ON h.id = p.house_id WHERE h.organization_id = $1) AS premises,
       (SELECT count(*)::int FROM personal_accounts WHERE organization_id = $1) AS accounts,
       (SELECT count(*)::int FROM owners WHERE organization_id = $1) AS owners,
       (SELECT count(*)::int FROM ownerships os JOIN owners o ON o.id = os.owner_id WHERE o.organization_id = $1) AS ownerships,
       (SELECT count(*)::int FROM meters m JOIN premises p ON p.id = m.premises_id JOIN houses h ON h.id = p.house_id
         WHERE h.organization_id = $1) AS meters,
       (SELECT count(*)::int FROM meter_readings r JOIN meters m ON m.id = r.meter_id JOIN premises p ON p.id = m.premises_id
         JOIN houses h ON h.id = p.house_id WHERE h.organization_id = $1) AS readings,
       (SELECT count(*)::int FROM import_batches WHERE organization_id = $1) AS batches,
       (SELECT count(*)::int FROM audit_logs WHERE organization_id = $1 AND action = 'registry.import') AS audits`,
    [orgId],
  );
  return row!;
}

describe.each(DATABASE_BACKENDS)('registry import [%s]', (backend) => {
  let db: TestDatabase;
  const deps = () => ({ db, now: () => NOW });

  beforeAll(async () => {
    db = await createTestDatabase(backend);
  });
  afterAll(() => db?.destroy());

  /** A fresh organisation with an organisation-wide admin, so tests do not see each other's rows. */
  async function newOrganization(): Promise<StaffActor> {
    const org = await db.prisma.organization.create({
      data: {
        kind: 'TSZH',
        name: 'ТСЖ «Тест»',
        inn: '7701234567',
        bankAccount: '40703810000000000001',
        bankName: 'ПАО Банк',
        bic: '044525225',
        corrAccount: '30101810400000000225',
        address: 'Москва',
      },
    });
    const staff = await db.prisma.staffUser.create({
      data: {
        organizationId: org.id,
        email: `admin-${randomBytes(4).toString('hex')}@example.org`,
        fullName: 'Админ',
        passwordHash: 'x',
        roles: { create: { role: 'ADMIN' } },
      },
    });
    return { staffUserId: staff.id, organizationId: org.id, grants: [{ role: 'ADMIN', houseId: null }] };
  }

  it('imports a good file: every entity, shares, meter opening values, readings and unique invite codes', async () => {
    const actor = await newOrganization();
    const phases = new Set<string>();
    const report = await importRegistry(
      deps(),
      actor,
      { fileName: 'registry.csv', content: utf8(writeRegistryCsv(GOOD_ROWS, { delimiter: ',' })) },
      { onProgress: (p: RegistryImportProgress) => phases.add(p.phase) },
    );
    expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(report).toMatchObject({
      applied: true,
      format: 'csv',
      delimiter: ',',
      encoding: 'utf-8',
      rows: 5,
    });
    expect([...phases]).toEqual(['read', 'validate', 'plan', 'apply']);
    expect(report.summary).toEqual({
      houses: { create: 2, update: 0, unchanged: 0 },
      entrances: { create: 3, update: 0, unchanged: 0 },
      premises: { create: 4, update: 0, unchanged: 0 },
      accounts: { create: 4, update: 0, unchanged: 0 },
      owners: { create: 4, update: 0, unchanged: 0 },
      ownerships: { create: 4, update: 0, unchanged: 0 },
      meters: { create: 3, update: 0, unchanged: 0 },
      readings: { create: 3, update: 0, unchanged: 0 },
    });
    expect(await counts(db, actor.organizationId)).toEqual({
      houses: 2,
      entrances: 3,
      premises: 4,
      accounts: 4,
      owners: 4,
      ownerships: 4,
      meters: 3,
      readings: 3,
      batches: 1,
      audits: 1,
    });

    const flat1 = await db.prisma.premises.findFirstOrThrow({
      where: {
        number: '1',
        house: { organizationId: actor.organizationId, address: { contains: 'Ленина' } },
      },
      include: {
        ownerships: { include: { owner: true }, orderBy: { owner: { fullName: 'asc' } } },
        meters: { orderBy: { type: 'asc' }, include: { readings: { orderBy: { zone: 'asc' } } } },
        accounts: true,
        entrance: true,
      },
    });
    expect(flat1.area.toFixed(2)).toBe('54.30');
    expect(flat1.entrance?.number).toBe(1);
    expect(flat1.accounts[0]).toMatchObject({
      number: '100001',
      registeredPersons: 2,
      payerName: 'Иванов Иван Иванович',
    });
    expect(
      flat1.ownerships.map((o) => [o.owner.fullName, o.shareNumerator, o.shareDenominator, o.owner.phone]),
    ).toEqual([
      ['Иванов Иван Иванович', 1, 2, '+79001112233'],
      ['Иванова Мария Петровна', 1, 2, null],
    ]);
    const [cold, electricity] = flat1.meters;
    expect(cold).toMatchObject({
      type: 'COLD_WATER',
      serial: 'ХВ-0001',
      integerDigits: 5,
      fractionDigits: 3,
      zones: 1,
    });
    expect(cold!.initialValues.map(String)).toEqual(['123.456']);
    expect(cold!.verificationDueAt.toISOString().slice(0, 10)).toBe('2030-06-01');
    expect(cold!.installedAt.toISOString().slice(0, 10)).toBe('2026-09-25');
    expect(electricity).toMatchObject({ type: 'ELECTRICITY', integerDigits: 6, fractionDigits: 1, zones: 2 });
    expect(electricity!.initialValues.map(String)).toEqual(['1234.5', '678']);
    expect(
      electricity!.readings.map((r) => [
        r.period.toISOString().slice(0, 10),
        r.zone,
        String(r.value),
        r.source,
      ]),
    ).toEqual([
      ['2026-09-01', 1, '1234.5', 'IMPORT'],
      ['2026-09-01', 2, '678', 'IMPORT'],
    ]);

    const nonResidential = await db.prisma.premises.findFirstOrThrow({
      where: { number: '1Н', house: { organizationId: actor.organizationId } },
      include: { ownerships: { include: { owner: true } } },
    });
    expect(nonResidential.kind).toBe('NON_RESIDENTIAL');
    expect(nonResidential.ownerships[0]?.owner.kind).toBe('LEGAL_ENTITY');

    const house = await db.prisma.house.findFirstOrThrow({
      where: { organizationId: actor.organizationId, address: { contains: 'Ленина' } },
    });
    expect(house.totalArea.toFixed(2)).toBe('212.80');

    const accounts = await db.prisma.personalAccount.findMany({
      where: { organizationId: actor.organizationId },
    });
    const codes = accounts.map((a) => a.inviteCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{10}$/);

    // Only the flat with two owners of 1/2 each and the others with 1: no share warnings.
    expect(report.issues.filter((i) => i.code === 'shares.under_one')).toEqual([]);
    const audit = await db.prisma.auditLog.findFirstOrThrow({
      where: { organizationId: actor.organizationId, action: 'registry.import' },
    });
    expect(audit).toMatchObject({
      staffUserId: actor.staffUserId,
      entityType: 'import_batch',
      entityId: report.batchId,
    });
  });

  it('re-importing the same file changes nothing', async () => {
    const actor = await newOrganization();
    const file = { fileName: 'r.csv', content: utf8(writeRegistryCsv(GOOD_ROWS)) };
    const first = await importRegistry(deps(), actor, file);
    expect(first.applied).toBe(true);
    const before = await counts(db, actor.organizationId);
    const codesBefore = (
      await db.prisma.personalAccount.findMany({
        orderBy: { number: 'asc' },
        where: { organizationId: actor.organizationId },
      })
    ).map((a) => a.inviteCode);

    const second = await importRegistry(deps(), actor, file);
    expect(second.applied).toBe(true);
    expect(second.previousImport?.batchId).toBe(first.batchId);
    for (const counts of Object.values(second.summary)) {
      expect(counts.create).toBe(0);
      expect(counts.update).toBe(0);
    }
    expect(second.summary.premises.unchanged).toBe(4);
    expect(second.summary.meters.unchanged).toBe(3);
    expect(second.summary.readings.unchanged).toBe(3);
    const after = await counts(db, actor.organizationId);
    expect({ ...after, batches: 0, audits: 0 }).toEqual({ ...before, batches: 0, audits: 0 });
    expect(after.batches).toBe(2);
    const codesAfter = (
      await db.prisma.personalAccount.findMany({
        orderBy: { number: 'asc' },
        where: { organizationId: actor.organizationId },
      })
    ).map((a) => a.inviteCode);
    expect(codesAfter).toEqual(codesBefore);
  });

  it('updates what changed and adds what is new, matching by natural keys', async () => {
    const actor = await newOrganization();
    await importRegistry(deps(), actor, { fileName: 'r.csv', content: utf8(writeRegistryCsv(GOOD_ROWS)) });
    const changed: RegistryRowInput[] = GOOD_ROWS.map((r) => ({ ...r }));
    changed[0] = { ...changed[0], area: '54.35', registered_persons: 3, owner_share: '2/3' };
    changed[1] = { ...changed[1], area: '54.35', owner_share: '1/3', meter_verification_due: '2033-01-31' };
    // Same house written differently, new flat.
    changed.push({
      house_address: 'Г. МОСКВА,  УЛ. ЛЕНИНА, Д. 1',
      premises_number: '3',
      area: '40',
      account_number: '100003',
    });
    const report = await importRegistry(deps(), actor, {
      fileName: 'r2.csv',
      content: utf8(writeRegistryCsv(changed)),
    });
    expect(report.applied).toBe(true);
    expect(report.summary.houses).toEqual({ create: 0, update: 0, unchanged: 2 });
    expect(report.summary.premises).toEqual({ create: 1, update: 1, unchanged: 3 });
    expect(report.summary.accounts).toEqual({ create: 1, update: 1, unchanged: 3 });
    expect(report.summary.ownerships).toEqual({ create: 0, update: 2, unchanged: 2 });
    expect(report.summary.meters).toEqual({ create: 0, update: 1, unchanged: 2 });
    const flat1 = await db.prisma.premises.findFirstOrThrow({
      where: {
        number: '1',
        house: { organizationId: actor.organizationId, address: { contains: 'Ленина' } },
      },
      include: { ownerships: { include: { owner: true }, orderBy: { owner: { fullName: 'asc' } } } },
    });
    expect(flat1.area.toFixed(2)).toBe('54.35');
    expect(flat1.ownerships.map((o) => `${o.shareNumerator}/${o.shareDenominator}`)).toEqual(['2/3', '1/3']);
  });

  it('refuses a file with bad rows: writes nothing and reports each bad row with its reason', async () => {
    const actor = await newOrganization();
    const bad: RegistryRowInput[] = [
      GOOD_ROWS[0]!,
      { ...GOOD_ROWS[2]!, area: '0,00', account_number: '12345' }, // row 3
      {
        ...GOOD_ROWS[2]!,
        premises_number: '3',
        area: '40.123',
        account_number: '100001',
        owner_phone: '12345',
      }, // row 4
      { ...GOOD_ROWS[2]!, premises_number: '4', account_number: '100001' }, // row 5: account of premises 1
      { ...GOOD_ROWS[4]!, meter_zones: 2, meter_last_value: '10' }, // row 6: zones on hot water
      {
        ...GOOD_ROWS[4]!,
        premises_number: '13',
        account_number: '300013',
        meter_type: 'electricity',
        meter_zones: 2,
        meter_last_value: '10',
      }, // row 7
      { ...GOOD_ROWS[4]!, premises_number: '14', account_number: '300014', meter_last_value: '123456' }, // row 8: > 5 digits
      {
        ...GOOD_ROWS[4]!,
        premises_number: '15',
        account_number: '300015',
        meter_verification_due: '31.02.2030',
      }, // row 9
      { ...GOOD_ROWS[0]!, owner_name: 'Сидоров', owner_share: '2/3', owner_phone: null }, // row 10: 1/2 + 2/3 > 1
      { house_address: '', premises_number: '', area: '', account_number: '', owner_name: 'Кто-то' }, // row 11
      GOOD_ROWS[0]!, // row 12: duplicate of row 2
      { ...GOOD_ROWS[2]!, premises_number: '5', account_number: '100005', owner_share: '3/2' }, // row 13
    ];
    const report = await importRegistry(deps(), actor, {
      fileName: 'bad.csv',
      content: utf8(writeRegistryCsv(bad)),
    });
    expect(report.applied).toBe(false);
    expect(report.batchId).toBeNull();
    const errors = report.issues
      .filter((i) => i.severity === 'error')
      .map((i) => [i.row, i.column ?? null, i.code]);
    expect(errors).toEqual([
      [3, 'area', 'area.not_positive'],
      [3, 'account_number', 'account_number.invalid'],
      [4, 'area', 'area.too_precise'],
      [4, 'owner_phone', 'owner_phone.invalid'],
      [4, 'account_number', 'account.other_premises'],
      [5, 'account_number', 'account.other_premises'],
      [6, 'meter_zones', 'meter_zones.single_zone_type'],
      [7, 'meter_last_value', 'meter_last_value.zone_count'],
      [8, 'meter_last_value', 'meter_last_value.over_capacity'],
      [9, 'meter_verification_due', 'date.invalid'],
      [10, 'owner_share', 'shares.over_one'],
      [11, 'house_address', 'value.required'],
      [11, 'premises_number', 'value.required'],
      [11, 'area', 'value.required'],
      [11, 'account_number', 'value.required'],
      [11, 'owner_share', 'value.required'],
      [12, null, 'row.duplicate'],
      [13, 'owner_share', 'owner_share.invalid'],
    ]);
    expect(report.errorRows).toBe(11);
    for (const issue of report.issues) expect(issue.message.length).toBeGreaterThan(10);
    expect(report.issues.find((i) => i.row === 5)?.message).toContain('row 2');
    expect(await counts(db, actor.organizationId)).toMatchObject({
      houses: 0,
      premises: 0,
      accounts: 0,
      owners: 0,
      meters: 0,
      batches: 0,
      audits: 0,
    });
  });

  it('a dry run reports what would change and writes nothing', async () => {
    const actor = await newOrganization();
    const report = await importRegistry(deps(), actor, {
      fileName: 'r.csv',
      content: utf8(writeRegistryCsv(GOOD_ROWS)),
      dryRun: true,
    });
    expect(report).toMatchObject({ applied: false, dryRun: true, errors: 0 });
    expect(report.summary.premises.create).toBe(4);
    expect(await counts(db, actor.organizationId)).toMatchObject({ houses: 0, premises: 0, batches: 0 });
  });

  it('warns once when the shares of a premises add up to less than 1', async () => {
    const actor = await newOrganization();
    const rows = [{ ...GOOD_ROWS[2]!, owner_share: '1/3' }];
    const report = await importRegistry(deps(), actor, {
      fileName: 'r.csv',
      content: utf8(writeRegistryCsv(rows)),
      dryRun: true,
    });
    expect(report.issues.map((i) => [i.row, i.severity, i.code, i.params?.sum])).toEqual([
      [2, 'warning', 'shares.under_one', '1/3'],
    ]);
  });

  it('reads a Windows-1251 CSV with ";" and Russian headers', async () => {
    const actor = await newOrganization();
    const text = writeRegistryCsv(GOOD_ROWS, { headers: 'ru', delimiter: ';' });
    const content = new Uint8Array(Buffer.from(iconvCp1251(text)));
    const table = await readRegistryTable(content);
    expect(table).toMatchObject({ format: 'csv', encoding: 'windows-1251', delimiter: ';' });
    expect(table.rows[0]?.cells.slice(0, 3)).toEqual(['Адрес дома', 'Подъезд', 'Номер помещения']);
    const report = await importRegistry(deps(), actor, { fileName: 'реестр.csv', content });
    expect(report.errors).toBe(0);
    expect(report.applied).toBe(true);
    expect((await counts(db, actor.organizationId)).premises).toBe(4);
    // A UTF-8 BOM is skipped.
    const bom = await readRegistryTable(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]));
    expect(bom.rows[0]?.cells[0]).toBe('Адрес дома');
  });

  it('round-trips an XLSX workbook (Russian headers, date cells) to the same data as the CSV', async () => {
    const actor = await newOrganization();
    const rows = GOOD_ROWS.map((r) => ({
      ...r,
      meter_verification_due: r.meter_verification_due ? toDate(String(r.meter_verification_due)) : undefined,
      area: typeof r.area === 'string' ? Number(r.area.replace(',', '.')) : r.area,
    }));
    const xlsx = await writeRegistryXlsx(rows, { headers: 'ru' });
    const table = await readRegistryTable(xlsx);
    expect(table.format).toBe('xlsx');
    expect(validateRegistry(table, { now: NOW }).issues).toEqual([]);
    const report = await importRegistry(deps(), actor, { fileName: 'registry.xlsx', content: xlsx });
    expect(report.errors).toBe(0);
    expect(report.summary.meters.create).toBe(3);
    const meter = await db.prisma.meter.findFirstOrThrow({
      where: { serial: 'ХВ-0001', premises: { house: { organizationId: actor.organizationId } } },
    });
    expect(meter.verificationDueAt.toISOString().slice(0, 10)).toBe('2030-06-01');
    // The same rows from CSV into the same organisation change nothing.
    const again = await importRegistry(deps(), actor, {
      fileName: 'r.csv',
      content: utf8(writeRegistryCsv(GOOD_ROWS)),
    });
    for (const counts of Object.values(again.summary)) expect(counts.create + counts.update).toBe(0);
  });

  it('refuses staff without registry.write', async () => {
    const actor = await newOrganization();
    const dispatcher: StaffActor = { ...actor, grants: [{ role: 'DISPATCHER', houseId: null }] };
    const error = await importRegistry(deps(), dispatcher, { fileName: 'r.csv', content: utf8('a;b') }).catch(
      (e: unknown) => e,
    );
    expect(isAppError(error, 'FORBIDDEN')).toBe(true);
  });

  it('reports an unreadable or empty file as a file-level error', async () => {
    const actor = await newOrganization();
    const notAFile = await importRegistry(deps(), actor, {
      fileName: 'x.xls',
      content: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2]),
    });
    expect(notAFile.issues.map((i) => [i.row, i.code])).toEqual([[0, 'file.unreadable']]);
    const headerOnly = await importRegistry(deps(), actor, {
      fileName: 'h.csv',
      content: utf8(writeRegistryCsv([])),
    });
    expect(headerOnly.issues.map((i) => [i.row, i.code])).toEqual([[0, 'file.empty']]);
    const noHeader = await importRegistry(deps(), actor, {
      fileName: 'n.csv',
      content: utf8('1;2;3\n4;5;6\n'),
    });
    expect(noHeader.issues.map((i) => [i.row, i.code])).toEqual([[1, 'header.not_found']]);
    const missing = await importRegistry(deps(), actor, {
      fileName: 'm.csv',
      content: utf8('house_address;area\nул. Ленина, 1;10\n'),
    });
    expect(missing.issues.map((i) => [i.row, i.column, i.code])).toEqual([
      [1, 'premises_number', 'header.missing_column'],
      [1, 'account_number', 'header.missing_column'],
    ]);
    expect(missing.applied || headerOnly.applied || notAFile.applied).toBe(false);
  });
});

function toDate(text: string): Date {
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : text.split('.').reverse().join('-');
  return new Date(`${iso}T00:00:00Z`);
}

/** Windows-1251 encoding for the test (Node decodes it but has no encoder): Cyrillic letters by table. */
function iconvCp1251(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c >= 0x410 && c <= 0x44f) out.push(c - 0x410 + 0xc0);
    else if (c === 0x401) out.push(0xa8);
    else if (c === 0x451) out.push(0xb8);
    else if (c === 0xab) out.push(0xab);
    else if (c === 0xbb) out.push(0xbb);
    else if (c === 0xb2) out.push(0x3f);
    else out.push(0x3f);
  }
  return out;
}
