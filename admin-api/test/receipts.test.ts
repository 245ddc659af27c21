import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STAND_BACKENDS } from '@domovoy/test-support/stand';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../domain/src/staff/password.ts';
import { buildTestApi, type Client, PASSWORD, type TestApi } from './helper.ts';

const hasPoppler = existsSync('/usr/bin/pdftotext');
const hasUnzip = existsSync('/usr/bin/unzip');
const MAR = new Date(Date.UTC(2026, 2, 1));

describe.each(STAND_BACKENDS)('receipts API [$database] [$kv]', (backends) => {
  let t: TestApi;
  let accountant: Client;
  let accountantB: Client;
  let dispatcherA: Client;
  let accountId: string;
  let workDir: string;

  const pdfText = (pdf: Buffer) => {
    const file = join(workDir, `${Math.random().toString(36).slice(2)}.pdf`);
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
  };

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'receipts-api-'));
    t = await buildTestApi(backends);
    const p = t.db.prisma;
    // An accountant of house B only: sees no receipts of house A.
    await p.staffUser.create({
      data: {
        organizationId: t.fx.orgId,
        email: 'accountant-b@test.local',
        fullName: 'AccountantB',
        passwordHash: await hashPassword(PASSWORD),
        roles: { create: [{ role: 'ACCOUNTANT', houseId: t.fx.houseB }] },
      },
    });
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'accountant-b@test.local', password: PASSWORD },
    });
    expect(login.statusCode, login.body).toBe(200);
    const cookie = `domovoy_sid=${login.cookies.find((c) => c.name === 'domovoy_sid')?.value}`;
    const { csrfToken } = login.json() as { csrfToken: string };
    accountantB = {
      csrfToken,
      cookie,
      request: ({ csrf = true, headers, ...options }) =>
        t.app.inject({
          ...options,
          headers: { ...headers, cookie, ...(csrf ? { 'x-csrf-token': csrfToken } : {}) },
        }),
    };
    [accountant, dispatcherA] = await Promise.all([t.login('accountant'), t.login('dispatcherA')]);

    const period = await p.billingPeriod.create({ data: { houseId: t.fx.houseA, period: MAR } });
    const service = await p.service.create({
      data: {
        houseId: t.fx.houseA,
        code: 'MAINTENANCE',
        name: 'Содержание жилого помещения',
        kind: 'BY_AREA',
        unit: 'м²',
      },
    });
    for (const [n, area, kopecks] of [
      ['5', '45.00', 137250n],
      ['6', '30.00', 91500n],
    ] as const) {
      const premises = await p.premises.create({ data: { houseId: t.fx.houseA, number: n, area } });
      const account = await p.personalAccount.create({
        data: {
          organizationId: t.fx.orgId,
          premisesId: premises.id,
          number: `30000${n}`,
          inviteCode: `RCPT${n}`,
          payerName: 'Иванова Мария Сергеевна',
        },
      });
      // 45 m² × 30.50 = 1 372.50; 30 m² × 30.50 = 915.00.
      await p.charge.create({
        data: {
          accountId: account.id,
          billingPeriodId: period.id,
          period: MAR,
          serviceId: service.id,
          volume: area,
          tariffKopecks: '3050',
          amountKopecks: kopecks,
        },
      });
      if (n === '5') accountId = account.id;
    }
    await p.payment.create({
      data: {
        organizationId: t.fx.orgId,
        accountId,
        amountKopecks: 20000n,
        paidAt: new Date(Date.UTC(2026, 2, 12)),
        status: 'MATCHED',
        source: 'MANUAL',
        dedupeKey: 'receipts-api-1',
      },
    });
    await p.penalty.create({
      data: {
        accountId,
        billingPeriodId: period.id,
        calculatedAt: new Date(Date.UTC(2026, 2, 31)),
        amountKopecks: 1550n,
        details: {},
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  // 1 372.50 charged − 200.00 paid + 15.50 penalty = 1 188.00.
  const TOTAL = 118800n;

  it('gives an accountant the receipt as a PDF', async () => {
    const res = await accountant.request({
      method: 'GET',
      url: `/api/accounts/${accountId}/receipts/2026-03.pdf`,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="receipt-300005-2026-03.pdf"');
    expect(res.headers['x-total-to-pay-kopecks']).toBe(String(TOTAL));
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    if (hasPoppler) {
      const text = pdfText(res.rawPayload);
      expect(text).toContain('300005');
      expect(text).toContain('Иванова Мария Сергеевна');
      expect(text).toMatch(/Итого к оплате\s+1 188,00 руб\./);
      const english = await accountant.request({
        method: 'GET',
        url: `/api/accounts/${accountId}/receipts/2026-03.pdf?language=en`,
      });
      expect(pdfText(english.rawPayload)).toMatch(/Total to pay\s+1 188,00 RUB/);
    }
  });

  it('gives the payment QR code as a PNG that decodes to the GOST payload', async () => {
    const res = await accountant.request({
      method: 'GET',
      url: `/api/accounts/${accountId}/receipts/2026-03/qr.png`,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    const { data, info } = await sharp(res.rawPayload)
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const code = jsQR.default(
      new Uint8ClampedArray(data.buffer, data.byteOffset, data.length),
      info.width,
      info.height,
    );
    expect(code).not.toBeNull();
    const payload = new TextDecoder().decode(new Uint8Array(code!.binaryData));
    expect(payload).toMatch(
      /^ST00012\|Name=ООО «УК Тест»\|PersonalAcc=40702810000000000001\|BankName=Тестбанк\|BIC=044525000\|CorrespAcc=30101810000000000000\|/,
    );
    expect(payload).toContain(`|Sum=${TOTAL}|`);
    expect(payload).toContain('|PersAcc=300005|PaymPeriod=032026|LastName=Иванова|FirstName=Мария|');
    expect(payload).toContain('|AddAmount=1550|TechCode=02');
  });

  it('prints a whole house as one PDF or a ZIP of PDFs', async () => {
    const pdf = await accountant.request({
      method: 'POST',
      url: `/api/houses/${t.fx.houseA}/receipts?period=2026-03&format=pdf`,
    });
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe('attachment; filename="receipts-2026-03.pdf"');
    expect(pdf.headers['x-receipts']).toBe('2');
    expect(pdf.rawPayload.toString('latin1').match(/\/Type \/Page\b(?!s)/g)).toHaveLength(2);

    const zip = await accountant.request({
      method: 'POST',
      url: `/api/houses/${t.fx.houseA}/receipts?period=2026-03&format=zip`,
    });
    expect(zip.statusCode, zip.body).toBe(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    expect(zip.rawPayload.readUInt32LE(0)).toBe(0x04034b50);
    if (hasUnzip) {
      const path = join(workDir, 'house.zip');
      writeFileSync(path, zip.rawPayload);
      expect(execFileSync('unzip', ['-Z1', path]).toString().trim().split('\n')).toEqual([
        '300005-2026-03.pdf',
        '300006-2026-03.pdf',
      ]);
    }
  });

  it('refuses staff without billing.read in the house, and reports bad periods and missing data', async () => {
    const own = `/api/accounts/${accountId}/receipts/2026-03`;
    for (const client of [accountantB, dispatcherA]) {
      const pdf = await client.request({ method: 'GET', url: `${own}.pdf` });
      expect(pdf.statusCode).toBe(403);
      expect(pdf.headers['content-type']).toMatch(/^application\/json/);
      expect(pdf.json().error.code).toBe('FORBIDDEN');
      expect((await client.request({ method: 'GET', url: `${own}/qr.png` })).statusCode).toBe(403);
      const house = await client.request({
        method: 'POST',
        url: `/api/houses/${t.fx.houseA}/receipts?period=2026-03`,
      });
      expect(house.statusCode).toBe(403);
    }
    expect(
      (await accountant.request({ method: 'GET', url: `/api/accounts/${accountId}/receipts/2026-3.pdf` }))
        .statusCode,
    ).toBe(400);
    expect(
      (
        await accountant.request({
          method: 'POST',
          url: `/api/houses/${t.fx.houseA}/receipts?period=2026-03&format=rar`,
        })
      ).statusCode,
    ).toBe(400);
    const noPeriod = await accountant.request({
      method: 'GET',
      url: `/api/accounts/${accountId}/receipts/2026-04.pdf`,
    });
    expect(noPeriod.statusCode).toBe(404);
    expect(noPeriod.json().error.details).toEqual({ what: 'billingPeriod' });
    expect(
      (await accountant.request({ method: 'GET', url: '/api/accounts/nope/receipts/2026-03.pdf' }))
        .statusCode,
    ).toBe(404);
    // A file download changes nothing, yet the bulk route is a POST: it needs the CSRF token like any other.
    const noCsrf = await accountant.request({
      method: 'POST',
      url: `/api/houses/${t.fx.houseA}/receipts?period=2026-03`,
      csrf: false,
    });
    expect(noCsrf.statusCode).toBe(403);
  });

  it('documents the file responses in the OpenAPI spec', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    const pdf = spec.paths['/api/accounts/{id}/receipts/{period}.pdf'].get.responses['200'];
    expect(pdf.content['application/pdf'].schema).toEqual({ type: 'string', format: 'binary' });
    const qr = spec.paths['/api/accounts/{id}/receipts/{period}/qr.png'].get.responses['200'];
    expect(qr.content['image/png'].schema).toEqual({ type: 'string', format: 'binary' });
    const house = spec.paths['/api/houses/{id}/receipts'].post.responses['200'];
    expect(Object.keys(house.content)).toEqual(['application/pdf', 'application/zip']);
  });
});
