import { writeRegistryCsv, writeRegistryXlsx } from '@domovoy/domain';
import { STAND_BACKENDS } from '@domovoy/test-support/stand';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApi, type Client, type TestApi } from './helper.ts';

/**
 * File uploads (registry import, bank statement import): the type is judged by the file's bytes, not by the name
 * or the declared Content-Type, and the size by a limit per route. Whatever is refused is a 4xx with a message that
 * says what is wrong, and leaves the database as it was. Ticket attachments arrive through the bot, not this API
 * (domain/src/files/attachment-limits.ts checks them); the API only serves them, with `nosniff`.
 */
const MB = 1024 * 1024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const bytes = (...parts: (number[] | string)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

/** What people upload by mistake: first bytes of each format, then filler. */
const IMPOSTORS: Record<string, { body: Buffer; says: RegExp }> = {
  png: {
    body: bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'IHDR'.repeat(20)),
    says: /PNG image/,
  },
  jpeg: { body: bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF'.repeat(20)), says: /JPEG image/ },
  pdf: { body: bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n'), says: /PDF document/ },
  xls: {
    body: bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], [0, 0, 0, 0]),
    says: /Excel 97–2003/,
  },
  exe: { body: bytes('MZ', [0x90, 0, 3, 0, 0, 0, 4, 0]), says: /Windows program/ },
  binary: { body: bytes('Адрес'.normalize(), [0, 1, 2, 3, 0, 0, 255, 254, 0]), says: /binary file/ },
};

describe.each(STAND_BACKENDS)('uploads [$database] [$kv]', (backends) => {
  let t: TestApi;
  let admin: Client;

  const counts = async () => {
    const [row] = await t.db.sql.query<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM import_batches) AS batches, (SELECT count(*)::int FROM payments) AS payments,
              (SELECT count(*)::int FROM houses) AS houses, (SELECT count(*)::int FROM audit_logs) AS audits`,
    );
    return row;
  };

  const upload = (
    url: string,
    contentType: string,
    payload: Buffer | string,
    query: Record<string, string>,
  ) => admin.request({ method: 'POST', url, query, headers: { 'content-type': contentType }, payload });
  const registry = (contentType: string, payload: Buffer | string, fileName = 'registry.csv') =>
    upload('/api/registry/import', contentType, payload, { fileName });
  const statement = (contentType: string, payload: Buffer | string, fileName = 'statement.txt') =>
    upload('/api/payments/import', contentType, payload, { fileName });

  beforeAll(async () => {
    t = await buildTestApi(backends);
    admin = await t.login('admin');
  });
  afterAll(() => t?.close());

  describe('registry import', () => {
    it('a file that is not a spreadsheet is a 400 saying what it is, whatever type or name it was sent with', async () => {
      const before = await counts();
      for (const [kind, { body, says }] of Object.entries(IMPOSTORS)) {
        for (const [type, name] of [
          ['text/csv', 'registry.csv'],
          [XLSX, 'registry.xlsx'],
          ['application/octet-stream', 'registry.xlsx'],
        ] as const) {
          const res = await registry(type, body, name);
          expect(res.statusCode, `${kind} as ${type}`).toBe(400);
          const { error } = res.json();
          expect(error.code).toBe('VALIDATION');
          expect(error.message).toMatch(says);
          expect(error.message).toMatch(/XLSX or CSV/);
          expect(error.details).toMatchObject({ what: 'file_type', fields: { body: 'file_type' } });
        }
      }
      expect(await counts()).toEqual(before);
    });

    it('real spreadsheets pass the check whatever they are declared as: XLSX, UTF-8 CSV and UTF-16 CSV', async () => {
      const rows = [
        { house_address: 'ул. Загрузок, 1', premises_number: '1', area: '40', account_number: '700001' },
      ];
      const csv = writeRegistryCsv(rows, { headers: 'ru' });
      const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')]);
      const files: [string, Buffer][] = [
        [XLSX, Buffer.from(await writeRegistryXlsx(rows))],
        ['application/octet-stream', Buffer.from(await writeRegistryXlsx(rows))],
        ['text/csv', Buffer.from(csv)],
        ['text/csv', utf16],
      ];
      for (const [type, body] of files) {
        const res = await admin.request({
          method: 'POST',
          url: '/api/registry/import',
          query: { fileName: 'registry', dryRun: 'true' },
          headers: { 'content-type': type },
          payload: body,
        });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toMatchObject({ errors: 0, rows: 1, applied: false, dryRun: true });
      }
    });

    it('an XLSX cut short is refused as unreadable in the report, and nothing is written', async () => {
      const before = await counts();
      const whole = Buffer.from(
        await writeRegistryXlsx([
          { house_address: 'ул. Обрыва, 1', premises_number: '1', area: '40', account_number: '1' },
        ]),
      );
      const res = await registry(XLSX, whole.subarray(0, Math.floor(whole.length / 2)), 'registry.xlsx');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ applied: false, issues: [{ row: 0, code: 'file.unreadable' }] });
      expect(await counts()).toEqual(before);
    });

    it('a declared type the route does not take is 415; JSON or an empty body is 400', async () => {
      for (const type of ['image/png', 'multipart/form-data; boundary=x', 'application/xml']) {
        const res = await registry(type, 'Адрес;Квартира\n');
        expect(res.statusCode, type).toBe(415);
        expect(res.json().error.message).toMatch(/Unsupported Media Type/i);
      }
      const json = await admin.request({
        method: 'POST',
        url: '/api/registry/import',
        query: { fileName: 'registry.csv' },
        payload: { rows: [] },
      });
      expect(json.statusCode).toBe(400);
      expect(json.json().error.message).toMatch(/send the file as the request body/);
      const empty = await registry('text/csv', '');
      expect(empty.statusCode).toBe(400);
    });

    it('a file over 30 MB is a 413 before it is read', async () => {
      const before = await counts();
      const res = await registry('text/csv', Buffer.alloc(30 * MB + 1, 0x41));
      expect(res.statusCode).toBe(413);
      expect(res.json().error).toMatchObject({
        code: 'PAYLOAD_TOO_LARGE',
        message: expect.stringMatching(/too large/i),
      });
      expect(await counts()).toEqual(before);
    });
  });

  describe('bank statement import', () => {
    it('a file that is not text is a 400 saying what it is and what to export instead', async () => {
      const before = await counts();
      for (const [kind, { body, says }] of Object.entries(IMPOSTORS)) {
        for (const type of ['text/plain', 'application/octet-stream']) {
          const res = await statement(type, body);
          expect(res.statusCode, `${kind} as ${type}`).toBe(400);
          const { error } = res.json();
          expect(error.message).toMatch(says);
          expect(error.message).toMatch(/1CClientBankExchange/);
        }
      }
      // An XLSX is a ZIP: not a statement either.
      const xlsx = await statement('application/octet-stream', Buffer.from(await writeRegistryXlsx([])));
      expect(xlsx.statusCode).toBe(400);
      expect(xlsx.json().error.message).toMatch(/ZIP archive/);
      expect(await counts()).toEqual(before);
    });

    it('text that is not a 1C statement is a 400 from the parser, naming the expected first line', async () => {
      const before = await counts();
      const res = await statement('text/plain', 'Дата;Сумма;Назначение\n01.11.2026;100.00;л/с 1\n');
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toMatch(/not a 1C bank statement.*1CClientBankExchange/);
      expect(await counts()).toEqual(before);
    });

    it('a declared type the route does not take is 415, and a file over 20 MB is 413', async () => {
      for (const type of ['image/jpeg', 'text/csv', 'multipart/form-data; boundary=x']) {
        const res = await statement(type, '1CClientBankExchange\n');
        expect(res.statusCode, type).toBe(415);
      }
      const before = await counts();
      const big = await statement('text/plain', Buffer.alloc(20 * MB + 1, 0x41));
      expect(big.statusCode).toBe(413);
      expect(big.json().error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(await counts()).toEqual(before);
    });
  });
});
