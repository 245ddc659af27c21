import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeRegistryCsv, writeRegistryXlsx } from '@domovoy/domain';
import { STAND_BACKENDS } from '@domovoy/test-support/stand';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApi, type Client, type TestApi } from './helper.ts';

/**
 * File uploads (registry import, bank statement import, announcement files, spending documents): the size is
 * bounded twice — a body limit per route, refused by Fastify before anything is read, and the attachment limit of
 * the file's kind, refused by the domain — and the type by what the route's parsers take and the domain accepts.
 * Whatever is refused is a 4xx with a message that says what is wrong, and leaves the database and the file store as
 * they were. Ticket attachments arrive through the bot, not this API (domain/src/files/attachment-limits.ts checks
 * them); the API only serves them, with `nosniff`.
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
const impostor = (name: string) => {
  const found = IMPOSTORS[name];
  if (!found) throw new Error(`no impostor ${name}`);
  return found.body;
};

/** `size` bytes that start with `header`: big files that still look like their format to a signature check. */
const sized = (header: Buffer, size: number) => {
  const body = Buffer.alloc(size);
  header.copy(body);
  return body;
};
const PNG_SIGNATURE = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** A 1×1 PNG, a JPEG and a WebP header, a PDF: the smallest files each kind really is. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF\0', [1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);
const WEBP = bytes(
  'RIFF',
  [0x1a, 0, 0, 0],
  'WEBPVP8L',
  [0x0d, 0, 0, 0, 0x2f, 0, 0, 0, 0x10, 0x07, 0x10, 0x11],
);
const PDF = bytes('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

describe.each(STAND_BACKENDS)('uploads [$database] [$kv]', (backends) => {
  let t: TestApi;
  let admin: Client;
  let dir: string;

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

  /** What an accepted file leaves behind: its FileObject row, its bytes on disk, an audit entry, a line's document. */
  const fileState = async () => ({
    fileObjects: await t.db.prisma.fileObject.count(),
    onDisk: (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length,
    audits: await t.db.prisma.auditLog.count(),
    documents: await t.db.prisma.houseSpending.count({ where: { documentStorageKey: { not: null } } }),
  });

  beforeAll(async () => {
    t = await buildTestApi(backends);
    // buildTestApi's DATA_DIR is the repository's ./data: this run's files go to a scratch folder, where they can be
    // counted. The store is made on first use, so this is in time.
    dir = await mkdtemp(join(tmpdir(), 'domovoy-api-uploads-'));
    t.app.deps.config.files.dir = dir;
    admin = await t.login('admin');
  });
  afterAll(async () => {
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

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

  describe('announcement files', () => {
    const announcementFile = (kind: 'photo' | 'document', contentType: string, payload: Buffer | string) =>
      upload('/api/announcements/files', contentType, payload, { kind });

    it('one small file of each kind is stored: a photo as what its bytes are, a document as declared', async () => {
      const before = await fileState();
      for (const [kind, type, body, mimeType] of [
        ['photo', 'image/png', PNG, 'image/png'],
        ['photo', 'image/webp', WEBP, 'image/webp'],
        // The photo's type is read from its bytes: a JPEG sent as PNG is kept as a JPEG.
        ['photo', 'image/png', JPEG, 'image/jpeg'],
        ['document', 'application/pdf', PDF, 'application/pdf'],
      ] as const) {
        const res = await announcementFile(kind, type, body);
        expect(res.statusCode, `${kind} ${type}: ${res.body}`).toBe(201);
        expect(res.json()).toMatchObject({ mimeType, size: body.length });
      }
      expect(await fileState()).toEqual({
        ...before,
        fileObjects: before.fileObjects + 4,
        onDisk: before.onDisk + 4,
        audits: before.audits + 4,
      });
    });

    it('a photo up to 10 MB is stored; over it, and under the 20 MB body limit, the domain refuses it', async () => {
      const limit = sized(PNG_SIGNATURE, 10 * MB);
      const ok = await announcementFile('photo', 'image/png', limit);
      expect(ok.statusCode, ok.body).toBe(201);
      expect(ok.json().size).toBe(10 * MB);

      const before = await fileState();
      for (const size of [10 * MB + 1, 12 * MB, 20 * MB]) {
        const res = await announcementFile('photo', 'image/png', sized(PNG_SIGNATURE, size));
        expect(res.statusCode, `${size} bytes`).toBe(400);
        expect(res.json().error).toEqual({
          code: 'VALIDATION',
          message: 'a photo may be at most 10 MB',
          details: { what: 'attachment_too_large', kind: 'PHOTO', maxMb: 10 },
        });
      }
      expect(await fileState()).toEqual(before);
    });

    it('a body over 20 MB is a 413 before it is read, photo or document, and nothing is kept', async () => {
      const before = await fileState();
      for (const [kind, type, header] of [
        ['photo', 'image/png', PNG_SIGNATURE],
        ['photo', 'image/jpeg', JPEG],
        ['document', 'application/pdf', PDF],
        ['document', 'text/csv', Buffer.from('a;b\n')],
      ] as const) {
        const res = await announcementFile(kind, type, sized(header, 20 * MB + 1));
        expect(res.statusCode, `${kind} ${type}`).toBe(413);
        expect(res.json().error).toEqual({
          code: 'PAYLOAD_TOO_LARGE',
          message: expect.stringMatching(/too large/i),
        });
      }
      expect(await fileState()).toEqual(before);
    });

    it('a declared type the route has no parser for is 415; octet-stream is read, but no document type', async () => {
      const before = await fileState();
      for (const kind of ['photo', 'document'] as const) {
        for (const type of [
          'text/html',
          'image/svg+xml',
          'image/gif',
          'application/zip',
          'application/x-msdownload',
        ]) {
          const res = await announcementFile(kind, type, kind === 'photo' ? PNG : PDF);
          expect(res.statusCode, `${kind} as ${type}`).toBe(415);
          expect(res.json().error).toEqual({
            code: 'UNSUPPORTED_MEDIA_TYPE',
            message: expect.stringMatching(/Unsupported Media Type/i),
          });
        }
      }
      // A document is kept under the type it was declared with, so one that says nothing is refused.
      const unnamed = await announcementFile('document', 'application/octet-stream', PDF);
      expect(unnamed.statusCode).toBe(400);
      expect(unnamed.json().error).toMatchObject({
        code: 'VALIDATION',
        details: { what: 'attachment_type', kind: 'DOCUMENT', mimeType: 'application/octet-stream' },
      });
      expect(await fileState()).toEqual(before);
    });

    it('a photo whose bytes are not JPEG, PNG or WebP is refused whatever image type it declares', async () => {
      const before = await fileState();
      // A RIFF file that is not WebP (a WAV) shares the WebP's first four bytes.
      const wav = bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt ', [16, 0, 0, 0]);
      for (const [what, type, body] of [
        ['a PDF', 'image/png', impostor('pdf')],
        ['a program', 'image/jpeg', impostor('exe')],
        ['binary bytes', 'image/jpeg', impostor('binary')],
        ['an old Excel file', 'image/webp', impostor('xls')],
        ['a WAV', 'image/webp', wav],
        [
          'SVG markup',
          'image/png',
          Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ],
        ['a PDF', 'application/octet-stream', impostor('pdf')],
      ] as const) {
        const res = await announcementFile('photo', type, body);
        expect(res.statusCode, `${what} as ${type}`).toBe(400);
        expect(res.json().error).toEqual({
          code: 'VALIDATION',
          message: 'a photo must be a JPEG, PNG or WebP image',
          details: { what: 'attachment_type', kind: 'PHOTO' },
        });
      }
      expect(await fileState()).toEqual(before);
    });

    it('a text document is kept byte for byte, also in Windows-1251', async () => {
      // "Отключение воды" in Windows-1251: not UTF-8, so a text parser would have replaced every letter.
      const cp1251 = Buffer.from([
        0xce, 0xf2, 0xea, 0xeb, 0xfe, 0xf7, 0xe5, 0xed, 0xe8, 0xe5, 0x20, 0xe2, 0xee, 0xe4, 0xfb,
      ]);
      const res = await announcementFile('document', 'text/plain', cp1251);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({
        mimeType: 'text/plain',
        size: cp1251.length,
        sha256: createHash('sha256').update(cp1251).digest('hex'),
      });
    });

    it('a document whose bytes are not of its declared type is refused: no HTML or program under a PDF or Word name', async () => {
      const before = await fileState();
      const html = Buffer.from('<html><script>alert(1)</script></html>');
      for (const [type, body] of [
        ['application/pdf', html],
        ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', impostor('exe')],
        ['image/png', PDF],
        ['application/msword', PDF],
      ] as const) {
        const res = await announcementFile('document', type, body);
        expect(res.statusCode, `${type}: ${res.body}`).toBe(400);
        expect(res.json().error).toMatchObject({
          code: 'VALIDATION',
          details: { what: 'attachment_type', mimeType: type },
        });
      }
      expect(await fileState()).toEqual(before);
    });
  });

  describe('spending documents', () => {
    let url: string;
    const spendingDocument = (contentType: string, payload: Buffer | string, fileName = 'act.pdf') =>
      upload(url, contentType, payload, { fileName });

    beforeAll(async () => {
      const base = `/api/houses/${t.fx.houseA}/spending`;
      const line = await admin.request({
        method: 'POST',
        url: base,
        payload: { date: '2026-11-03', title: 'Ремонт подъезда', amountKopecks: 100_000 },
      });
      expect(line.statusCode, line.body).toBe(201);
      url = `${base}/${line.json().id}/document`;
    });

    it('a small PDF and a small photo are attached, each replacing the one before', async () => {
      for (const [type, body, fileName] of [
        ['application/pdf', PDF, 'Акт №1.pdf'],
        ['image/png', PNG, 'чек.png'],
        ['image/jpeg', JPEG, 'фото.jpg'],
      ] as const) {
        const before = await fileState();
        const res = await spendingDocument(type, body, fileName);
        expect(res.statusCode, `${type}: ${res.body}`).toBe(200);
        expect(res.json().document).toEqual({ fileName, mimeType: type });
        expect(await fileState()).toEqual({
          fileObjects: before.fileObjects + 1,
          onDisk: before.onDisk + 1,
          audits: before.audits + 1,
          documents: 1,
        });
      }
    });

    it('a photo over 10 MB is refused by the domain, under the 20 MB body limit', async () => {
      const before = await fileState();
      for (const [type, header] of [
        ['image/png', PNG_SIGNATURE],
        ['image/jpeg', JPEG],
      ] as const) {
        const res = await spendingDocument(type, sized(header, 12 * MB), 'photo');
        expect(res.statusCode, type).toBe(400);
        expect(res.json().error).toEqual({
          code: 'VALIDATION',
          message: 'a photo may be at most 10 MB',
          details: { what: 'attachment_too_large', kind: 'PHOTO', maxMb: 10 },
        });
      }
      expect(await fileState()).toEqual(before);
    });

    it('a body over 20 MB is a 413 before it is read, whatever its declared type, and nothing is kept', async () => {
      const before = await fileState();
      for (const [type, header] of [
        ['application/pdf', PDF],
        ['image/png', PNG_SIGNATURE],
        ['application/octet-stream', PDF],
      ] as const) {
        const res = await spendingDocument(type, sized(header, 20 * MB + 1));
        expect(res.statusCode, type).toBe(413);
        expect(res.json().error).toEqual({
          code: 'PAYLOAD_TOO_LARGE',
          message: expect.stringMatching(/too large/i),
        });
      }
      expect(await fileState()).toEqual(before);
    });

    it('a declared type other than a photo or a PDF is a 400 attachment_type, even on PDF bytes', async () => {
      const before = await fileState();
      // Every type reaches the domain (the route parses any body), so the refusal is the domain's, not a 415.
      for (const type of [
        'image/svg+xml',
        'text/html',
        'text/plain',
        'application/octet-stream',
        'application/zip',
        'application/x-msdownload',
        'video/mp4',
        'multipart/form-data; boundary=x',
      ]) {
        const res = await spendingDocument(type, PDF);
        expect(res.statusCode, type).toBe(400);
        expect(res.json().error).toEqual({
          code: 'VALIDATION',
          message: expect.stringMatching(/is not accepted: send a photo or a PDF/),
          details: { what: 'attachment_type', kind: 'DOCUMENT', mimeType: type.split(';')[0] },
        });
      }
      // Except JSON: the routes that create lines take JSON, so its parser stays, and what arrives is no file at all.
      for (const [type, body] of [['application/json', '{"file":"act.pdf"}']] as const) {
        const res = await spendingDocument(type, body);
        expect(res.statusCode, type).toBe(400);
        expect(res.json().error).toMatchObject({
          code: 'VALIDATION',
          details: { fields: { file: 'required' } },
        });
      }
      expect(await fileState()).toEqual(before);
    });
    it('a document whose bytes are not of its declared type is refused, so a big PNG cannot pass as a PDF', async () => {
      const before = await fileState();
      for (const [type, body] of [
        ['application/pdf', Buffer.from('<html><script>alert(1)</script></html>')],
        ['application/pdf', sized(PNG_SIGNATURE, 12 * MB)],
        ['image/jpeg', impostor('binary')],
        ['image/heic', PDF],
      ] as const) {
        const res = await spendingDocument(type, body);
        expect(res.statusCode, type).toBe(400);
        expect(res.json().error).toMatchObject({
          code: 'VALIDATION',
          details: { what: 'attachment_type', mimeType: type },
        });
      }
      expect(await fileState()).toEqual(before);
    });
  });
});
