import { createTestDatabase, DATABASE_BACKENDS, type TestDatabase } from '@domovoy/test-support/backends';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRegistry } from '../../src/registry-import/import-registry.ts';
import { REGISTRY_ISSUE_CODES, type RegistryIssue } from '../../src/registry-import/issues.ts';
import {
  type RegistryRowInput,
  writeRegistryCsv,
  writeRegistryXlsx,
} from '../../src/registry-import/write-registry-file.ts';
import type { StaffActor } from '../../src/staff/staff-actor.ts';

/**
 * Registry files as operators make them: rows typed by hand, cells in the wrong column, files cut off or not
 * spreadsheets at all. Whatever arrives, the import answers with a report (never an exception); a file with any
 * error is refused whole with every problem's row and code, and writes nothing — not one house, account or owner.
 */
const NOW = new Date('2026-10-15T09:00:00Z');
const utf8 = (text: string) => new TextEncoder().encode(text);
const CODES = new Set<string>(REGISTRY_ISSUE_CODES);

/** Each column's good values and what people get wrong in it. */
const CELLS: Partial<Record<keyof RegistryRowInput, [good: string[], bad: string[]]>> = {
  house_address: [
    ['ул. Ленина, 1', 'ул. Мира, 7'],
    ['   ', 'x'.repeat(600)],
  ],
  entrance: [
    ['1', '2'],
    ['-1', 'первый', '1.5'],
  ],
  premises_number: [['1', '2', '12а', '1Н'], ['x'.repeat(100)]],
  premises_kind: [['flat', 'нежилое'], ['гараж']],
  area: [
    ['54,30', '38', '120.5'],
    ['0', '-5', 'много', '1.23456', '1e3'],
  ],
  floor: [['1', '5'], ['этаж']],
  account_number: [
    ['100001', '100002', '0054321'],
    ['ЛС-1', '12', '1'.repeat(40)],
  ],
  registered_persons: [
    ['0', '2'],
    ['-1', 'двое'],
  ],
  owner_name: [['Иванов Иван', 'ООО «Ромашка»'], []],
  owner_share: [
    ['1', '1/2', '1/3'],
    ['0', '3/2', 'половина', '1/0'],
  ],
  owner_phone: [
    ['+7 900 111-22-33', '8 (900) 444-55-66'],
    ['звонить вечером', '123'],
  ],
  meter_type: [['cold_water', 'ГВС', 'electricity'], ['водомер']],
  meter_serial: [['ХВ-1', '555'], []],
  meter_digits: [
    ['5+3', '6+1'],
    ['5+5', 'пять'],
  ],
  meter_verification_due: [
    ['01.06.2030', '2032-01-31'],
    ['31.02.2030', '01.01.2020', 'завтра'],
  ],
  meter_last_value: [
    ['123,456', '10'],
    ['-1', '99999999', 'ноль'],
  ],
};
const REQUIRED = new Set(['house_address', 'premises_number', 'area', 'account_number']);

/** A row of good values only (required columns filled), or of any mix, so both outcomes come up. */
const rowOf = (mixed: boolean): fc.Arbitrary<RegistryRowInput> =>
  fc.record(
    Object.fromEntries(
      Object.entries(CELLS).map(([column, [good, bad]]) => {
        const values = mixed ? [...good, ...bad, ''] : REQUIRED.has(column) ? good : [...good, ''];
        return [column, fc.constantFrom(...values)];
      }),
    ),
  ) as fc.Arbitrary<RegistryRowInput>;
const row = fc.oneof(rowOf(false), rowOf(true));
/** Files: one row of good values (most are taken), or several rows of any mix (most are refused). */
const rows = fc.oneof(
  fc.array(rowOf(false), { minLength: 1, maxLength: 1 }),
  fc.array(row, { minLength: 1, maxLength: 6 }),
);

describe.each(DATABASE_BACKENDS)('registry import files [%s]', (backend) => {
  let db: TestDatabase;
  let admin: StaffActor;
  const deps = () => ({ db, now: () => NOW });

  const counts = async () => {
    const [c] = await db.sql.query<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM houses) AS houses, (SELECT count(*)::int FROM entrances) AS entrances,
              (SELECT count(*)::int FROM premises) AS premises, (SELECT count(*)::int FROM personal_accounts) AS accounts,
              (SELECT count(*)::int FROM owners) AS owners, (SELECT count(*)::int FROM ownerships) AS ownerships,
              (SELECT count(*)::int FROM meters) AS meters, (SELECT count(*)::int FROM meter_readings) AS readings,
              (SELECT count(*)::int FROM import_batches) AS batches, (SELECT count(*)::int FROM audit_logs) AS audits`,
    );
    return c;
  };

  /** The import's answer for these bytes, checked for what every answer must hold. */
  const importChecked = async (content: Uint8Array) => {
    const before = await counts();
    const report = await importRegistry(deps(), admin, { fileName: 'registry', content });
    const errors = report.issues.filter((i: RegistryIssue) => i.severity === 'error');
    for (const issue of report.issues) {
      expect(CODES).toContain(issue.code);
      expect(issue.message.length).toBeGreaterThan(0);
      expect(issue.row).toBeGreaterThanOrEqual(0);
    }
    expect(report.errors).toBe(errors.length);
    if (errors.length > 0) {
      expect(report.applied).toBe(false);
      expect(await counts()).toEqual(before);
    } else {
      expect(report.applied).toBe(true);
    }
    return report;
  };

  beforeAll(async () => {
    db = await createTestDatabase(backend);
    const org = await db.prisma.organization.create({
      data: {
        kind: 'TSZH',
        name: 'ТСЖ «Свойства»',
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
        email: 'admin@registry-files.test',
        fullName: 'Админ',
        passwordHash: 'x',
        roles: { create: { role: 'ADMIN' } },
      },
    });
    admin = { staffUserId: staff.id, organizationId: org.id, grants: [{ role: 'ADMIN', houseId: null }] };
  });
  afterAll(() => db?.destroy());

  it('CSV rows of any mix of good and bad cells: taken whole, or refused with every row’s problem and nothing written', async () => {
    let refused = 0;
    let applied = 0;
    await fc.assert(
      fc.asyncProperty(
        rows,
        fc.constantFrom(';' as const, ',' as const, '\t' as const),
        async (file, delimiter) => {
          const report = await importChecked(utf8(writeRegistryCsv(file, { delimiter, headers: 'ru' })));
          if (report.applied) applied += 1;
          else refused += 1;
          for (const issue of report.issues.filter((i) => i.row > 0)) {
            // Spreadsheet rows: the header is row 1, so data rows are 2..n+1.
            expect(issue.row).toBeLessThanOrEqual(file.length + 1);
          }
        },
      ),
      // A fixed seed: the same 40 files every run, so that both outcomes below come up every time.
      { numRuns: 40, seed: 20261123 },
    );
    // Both outcomes must come up, or the property proves only half of what it says.
    expect(refused).toBeGreaterThan(0);
    expect(applied).toBeGreaterThan(0);
  });

  it('XLSX rows likewise, and an XLSX cut off anywhere is refused as unreadable', async () => {
    const files = fc.sample(rows, { numRuns: 8, seed: 42 });
    for (const file of files) await importChecked(await writeRegistryXlsx(file));
    const whole = await writeRegistryXlsx(files[0] ?? []);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: whole.length - 1 }), async (at) => {
        const report = await importChecked(whole.subarray(0, at));
        expect(report.applied).toBe(false);
        expect(report.errors).toBeGreaterThan(0);
      }),
      { numRuns: 25 },
    );
  });

  it('random bytes, and text that is not a registry, are refused with a file-level problem', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 500 }),
          fc.string({ maxLength: 300 }).map(utf8),
          // A ZIP signature in front of junk: looks like XLSX to the sniffing, is not one.
          fc.uint8Array({ maxLength: 300 }).map((b) => Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...b])),
        ),
        async (bytes) => {
          const report = await importChecked(bytes);
          expect(report.applied).toBe(false);
          expect(report.issues.some((i) => i.severity === 'error')).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });
});
