import { readFileSync } from 'node:fs';
import { STAND_BACKENDS } from '@domovoy/test-support/stand';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApi, type Client, type TestApi } from './helper.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../domain/test/fixtures/bank/${name}`, import.meta.url));
const SAMPLE = fixture('statement-1251.txt');
const SAMPLE_UTF8 = fixture('statement-utf8.txt');

describe.each(STAND_BACKENDS)('payments over HTTP [$database] [$kv]', (backends) => {
  let t: TestApi;
  let accountant: Client;
  let dispatcher: Client;
  const accounts = new Map<string, string>();

  beforeAll(async () => {
    t = await buildTestApi(backends);
    [accountant, dispatcher] = await Promise.all([t.login('accountant'), t.login('dispatcherA')]);
    // The fixture organisation's bank account is the sample statement's (40702810000000000001).
    const numbers = [...Array.from({ length: 41 }, (_, i) => String(100001 + i)), '0054321'];
    for (const [i, number] of numbers.entries()) {
      const premises = await t.db.prisma.premises.create({
        data: { houseId: t.fx.houseA, number: String(100 + i), area: '40.00' },
      });
      const account = await t.db.prisma.personalAccount.create({
        data: { organizationId: t.fx.orgId, premisesId: premises.id, number, inviteCode: `HTTPPAY${i}` },
      });
      accounts.set(number, account.id);
    }
  });
  afterAll(() => t?.close());

  const upload = (c: Client, body: Buffer | string, query = 'fileName=statement.txt', type = 'text/plain') =>
    c.request({
      method: 'POST',
      url: `/api/payments/import?${query}`,
      headers: { 'content-type': type },
      payload: body,
    });
  const written = async () => ({
    payments: await t.db.prisma.payment.count(),
    batches: await t.db.prisma.importBatch.count(),
  });

  it('the routes are in the OpenAPI document', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/api/payments/import',
        '/api/payments/unmatched',
        '/api/payments/{id}/match',
        '/api/payments',
        '/api/payments/{id}/reverse',
        '/api/accounts/{id}/payments',
      ]),
    );
    expect(
      spec.paths['/api/payments/import'].post.responses['200'].content['application/json'].schema,
    ).toMatchObject({ properties: { counts: { properties: { matched: { type: 'integer' } } } } });
  });

  it('a dispatcher gets 403 and a bad file gets 400 with a clear message; nothing is written', async () => {
    const forbidden = await upload(dispatcher, SAMPLE);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.code).toBe('FORBIDDEN');

    const badSum = Buffer.from(SAMPLE);
    const at = badSum.indexOf('=2999.99');
    badSum.write('=2999,9.', at, 'latin1');
    const res = await upload(accountant, badSum);
    expect(res.statusCode).toBe(400);
    const line = SAMPLE.subarray(0, at).toString('latin1').split(/\r?\n/).length;
    expect(res.json().error).toMatchObject({
      code: 'VALIDATION',
      message: `the bank statement cannot be imported: line ${line}: document 3: «Сумма=2999,9.» is not an amount in rubles such as 1234.56`,
      details: { problems: [{ line, severity: 'error', code: 'document.sum' }] },
    });

    const csv = await upload(
      accountant,
      'Дата;Сумма\n02.11.2026;100.00',
      'fileName=x.csv',
      'application/octet-stream',
    );
    expect(csv.statusCode).toBe(400);
    expect(csv.json().error.message).toContain('line 1: this is not a 1C bank statement');
    const cut = await upload(accountant, SAMPLE_UTF8.subarray(0, SAMPLE_UTF8.lastIndexOf('КонецФайла')));
    expect(cut.statusCode).toBe(400);
    expect(cut.json().error.message).toContain('the file ends without «КонецФайла»');
    const empty = await upload(accountant, '');
    expect(empty.statusCode).toBe(400);
    expect(await written()).toEqual({ payments: 0, batches: 0 });
  });

  it('an accountant imports: dry run first, then for real; the same file again adds nothing', async () => {
    const dry = await upload(accountant, SAMPLE, 'fileName=statement.txt&dryRun=true');
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({
      encoding: 'windows-1251',
      documents: 54,
      counts: { matched: 39, unmatched: 8, duplicates: 1, skippedOutgoing: 5, skippedOther: 1 },
      applied: false,
    });
    expect(await written()).toEqual({ payments: 0, batches: 0 });

    const real = await upload(accountant, SAMPLE, 'fileName=statement.txt', 'application/octet-stream');
    expect(real.statusCode).toBe(200);
    const report = real.json();
    expect(report).toMatchObject({ applied: true, counts: { matched: 39, unmatched: 8, duplicates: 1 } });
    expect(report.items.find((i: { number: string }) => i.number === '2')).toMatchObject({
      outcome: 'matched',
      accountNumber: '100002',
      accountId: accounts.get('100002'),
      period: '2026-10',
      amountKopecks: 421055,
      payerName: 'Петрова Ольга Сергеевна',
    });
    expect(await written()).toEqual({ payments: 47, batches: 1 });

    const again = (await upload(accountant, SAMPLE)).json();
    expect(again.counts).toEqual({
      matched: 0,
      unmatched: 0,
      duplicates: 48,
      skippedOutgoing: 5,
      skippedOther: 1,
    });
    expect(again.previousImport.batchId).toBe(report.batchId);
    expect(await written()).toEqual({ payments: 47, batches: 2 });
  });

  it('the unmatched queue, manual match, manual entry, reversal and the account history', async () => {
    const queue = await accountant.request({ method: 'GET', url: '/api/payments/unmatched?pageSize=100' });
    expect(queue.statusCode).toBe(200);
    expect(queue.json().items.map((p: { bankDocNumber: string }) => p.bankDocNumber)).toEqual([
      '41',
      '42',
      '43',
      '44',
      '45',
      '46',
      '47',
      '48',
    ]);
    expect((await dispatcher.request({ method: 'GET', url: '/api/payments/unmatched' })).statusCode).toBe(
      403,
    );
    const doc45 = queue.json().items.find((p: { bankDocNumber: string }) => p.bankDocNumber === '45');
    expect(doc45.suggestion).toMatchObject({ accountNumbers: ['100003', '100004'], reason: 'ambiguous' });

    const accountId = accounts.get('100004')!;
    const match = await accountant.request({
      method: 'POST',
      url: `/api/payments/${doc45.id}/match`,
      payload: { accountId, period: '2026-10' },
    });
    expect(match.statusCode, match.body).toBe(200);
    expect(match.json()).toMatchObject({ status: 'MATCHED', accountNumber: '100004', period: '2026-10' });
    const twice = await accountant.request({
      method: 'POST',
      url: `/api/payments/${doc45.id}/match`,
      payload: { accountId },
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('INVALID_STATE');
    const badPeriod = await accountant.request({
      method: 'POST',
      url: `/api/payments/${queue.json().items[0].id}/match`,
      payload: { accountId, period: '2026-13' },
    });
    expect(badPeriod.statusCode).toBe(400);

    const manual = await accountant.request({
      method: 'POST',
      url: '/api/payments',
      payload: { accountId, amount: '999.90', paidAt: '2026-11-05', comment: 'Касса' },
    });
    expect(manual.statusCode, manual.body).toBe(201);
    expect(manual.json()).toMatchObject({ source: 'MANUAL', status: 'MATCHED', amountKopecks: 99990 });
    const badAmount = await accountant.request({
      method: 'POST',
      url: '/api/payments',
      payload: { accountId, amount: '10.999', paidAt: '2026-11-05' },
    });
    expect(badAmount.statusCode).toBe(400);
    expect(badAmount.json().error.details.fields.amount).toContain('at most 2 decimals');
    expect(
      (
        await dispatcher.request({
          method: 'POST',
          url: '/api/payments',
          payload: { accountId, amount: '1', paidAt: '2026-11-05' },
        })
      ).statusCode,
    ).toBe(403);

    const history = async () =>
      (await accountant.request({ method: 'GET', url: `/api/accounts/${accountId}/payments` })).json();
    // Statement document 4 (5100.00), document 45 assigned by hand (8100.00), the cash payment (999.90).
    expect((await history()).countedKopecks).toBe(510000 + 810000 + 99990);

    const reverse = await accountant.request({
      method: 'POST',
      url: `/api/payments/${manual.json().id}/reverse`,
      payload: { reason: 'Введён по ошибке' },
    });
    expect(reverse.statusCode).toBe(200);
    expect(reverse.json()).toMatchObject({ status: 'REVERSED', reversalReason: 'Введён по ошибке' });
    const again = await accountant.request({
      method: 'POST',
      url: `/api/payments/${manual.json().id}/reverse`,
      payload: { reason: 'Введён по ошибке' },
    });
    expect(again.statusCode).toBe(409);
    const after = await history();
    expect(after.countedKopecks).toBe(510000 + 810000);
    expect(after.total).toBe(3);
    expect(
      after.items.map((p: { status: string; reversalReason: string | null }) => [p.status, p.reversalReason]),
    ).toEqual([
      ['MATCHED', null],
      ['REVERSED', 'Введён по ошибке'],
      ['MATCHED', null],
    ]);
    expect(
      (await dispatcher.request({ method: 'GET', url: `/api/accounts/${accountId}/payments` })).statusCode,
    ).toBe(403);
  });
});
