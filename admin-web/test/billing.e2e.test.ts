import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resources } from '@domovoy/locales';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HouseList } from '../src/api/houses.ts';
import type { Account, Page as ListPage } from '../src/api/registry.ts';
import { todayIn } from '../src/format.ts';
import type { BillingDashboard, ChargePreview, PenaltyReport } from '../src/pages/billing/api.ts';
import { formatMoney } from '../src/pages/billing/money.ts';
import { shiftPeriod } from '../src/readings/periods.ts';
import { type BrowserSession, hasChromium, launchBrowser } from './browser.ts';
import { ensureBuiltExclusively } from './exclusive-build.ts';
import { BACKENDS, type PanelStand, signIn, startPanelStand } from './stand.ts';

/** The panel stand, and its database for the organisation's bank account. */
interface BillingStand extends PanelStand {
  db: { prisma: { organization: { findFirstOrThrow(): Promise<{ bankAccount: string }> } } };
}

const ru = resources.ru.web;
/** Russian money as the page shows it, with its narrow no-break spaces made plain for comparing. */
const plain = (text: string | null) => (text ?? '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();
const rub = (kopecks: number) => plain(formatMoney(kopecks, 'ru'));

async function api<T>(page: Page, stand: PanelStand, path: string, body?: unknown): Promise<T> {
  const response =
    body === undefined
      ? await page.request.get(`${stand.url}/api${path}`)
      : await page.request.post(`${stand.url}/api${path}`, {
          data: body,
          headers: { 'x-csrf-token': await csrf(page, stand) },
        });
  expect(response.status(), path).toBe(200);
  return (await response.json()) as T;
}

async function csrf(page: Page, stand: PanelStand): Promise<string> {
  const me = await page.request.get(`${stand.url}/api/auth/me`);
  return ((await me.json()) as { csrfToken: string }).csrfToken;
}

/** The error text Mantine shows under the input with this test id. */
function fieldError(page: Page, testId: string): Locator {
  return page.locator(
    `.mantine-InputWrapper-root:has([data-testid="${testId}"]) .mantine-InputWrapper-error`,
  );
}

/** Types an account number into an account picker and takes the one option for it. */
async function pickAccount(page: Page, testId: string, account: Account): Promise<void> {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(account.number);
  await page
    .getByRole('option', { name: `ЛС ${account.number} · пом. ${account.premisesNumber}`, exact: true })
    .click();
}

const FIXTURE = fileURLToPath(new URL('../../domain/test/fixtures/bank/statement-utf8.txt', import.meta.url));
const FIXTURE_ACCOUNT = '40702810000000000001';

/**
 * A small 1C statement in the sample's own layout (domain/test/fixtures/bank): its header and first document as
 * the template, moved to the demo organisation's account and today, with the documents given.
 */
function statement(
  ourAccount: string,
  today: string,
  documents: { number: string; amount: string; payer: string; purpose: string }[],
): string {
  const sample = readFileSync(FIXTURE, 'utf8').replace(/\r\n/g, '\n');
  const firstDoc = sample.indexOf('СекцияДокумент=');
  const header = sample.slice(0, firstDoc);
  const template = sample.slice(
    firstDoc,
    sample.indexOf('КонецДокумента', firstDoc) + 'КонецДокумента'.length,
  );
  const day = `${today.slice(8, 10)}.${today.slice(5, 7)}.${today.slice(0, 4)}`;
  const set = (block: string, key: string, value: string) =>
    block.replace(new RegExp(`^${key}=.*$`, 'm'), `${key}=${value}`);
  const docs = documents.map((d) => {
    let block = template;
    block = set(block, 'Номер', d.number);
    block = set(block, 'Дата', day);
    block = set(block, 'ДатаПоступило', day);
    block = set(block, 'Сумма', d.amount);
    block = set(block, 'Плательщик', d.payer);
    block = set(block, 'Плательщик1', d.payer);
    block = set(block, 'НазначениеПлатежа', d.purpose);
    return block;
  });
  const head = header.replace(
    /^(ДатаНачала|ДатаКонца|ДатаСоздания)=.*$/gm,
    (_, key: string) => `${key}=${day}`,
  );
  return `${head}${docs.join('\n')}\nКонецФайла\n`.replaceAll(FIXTURE_ACCOUNT, ourAccount);
}

describe.skipIf(!hasChromium()).each(BACKENDS)('billing pages in Chromium [%s]', (backend) => {
  let stand: BillingStand | undefined;
  let browser: BrowserSession | undefined;

  beforeAll(async () => {
    await ensureBuiltExclusively();
    stand = await startPanelStand<BillingStand>({ database: backend });
    browser = await launchBrowser({ locale: 'ru-RU' });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stand?.stop();
  });

  it('the accountant adds a tariff, runs the month, imports a statement, matches a payment and sees it paid', {
    timeout: 120_000,
  }, async () => {
    if (!stand || !browser) throw new Error('stand or browser did not start');
    const { page } = browser;
    await signIn(page, stand, 'ACCOUNTANT');

    const houses = await api<HouseList>(page, stand, '/houses');
    const house = houses.items[0];
    if (!house) throw new Error('no house in the demo data');
    const today = todayIn(house.timezone);
    const period = today.slice(0, 7);
    const accounts = await api<ListPage<Account>>(
      page,
      stand,
      `/houses/${house.id}/accounts?status=open&pageSize=3`,
    );
    const [payer, other] = accounts.items;
    if (!payer || !other) throw new Error('the demo house has too few accounts');

    // ── A new service with its tariff: a wrongly typed sum is refused in Russian, "150" is 150,00 ₽ ──────────
    await page.goto(`${stand.url}/billing/tariffs?house=${house.id}`);
    await page.getByTestId('service-row').first().waitFor();
    await page.getByTestId('service-add').click();
    await page.getByTestId('service-name').fill('Шлагбаум');
    await page.getByTestId('service-code').fill('barrier');
    await page.getByTestId('service-unit').fill('мес.');
    await page.getByTestId('service-price').fill('1.500,00');
    await page.getByTestId('service-save').click();
    await fieldError(page, 'service-price').filter({ hasText: ru.billing.money.format }).waitFor();
    await page.getByTestId('service-price').fill('150');
    await page.getByTestId('service-save').click();
    await page.getByTestId('service-form').waitFor({ state: 'detached' });
    const barrier = page.locator('[data-testid="service-row"][data-code="BARRIER"]');
    await barrier.getByTestId('service-tariff-value').filter({ hasText: '150,00' }).waitFor();
    expect(plain(await barrier.getByTestId('service-tariff-value').textContent())).toContain(
      `${rub(15_000)} / мес.`,
    );

    // ── Preview: the new line is 150,00 ₽ on every open account, the total is the sum of the service lines ────
    await page.getByTestId('billing-tab-charges').click();
    await page.waitForURL(/\/billing\/charges\?house=/);
    await page.getByTestId('charges-preview').click();
    const preview = page.locator(`[data-testid="charges-preview-result"][data-period="${period}"]`);
    await preview.waitFor({ timeout: 30_000 });
    // Hand computation: a fixed service charges its tariff once per account: accounts × 15 000 kopecks.
    const expectedBarrier = accounts.total * 15_000;
    const barrierRow = preview.locator('[data-testid="preview-service-row"][data-code="BARRIER"]');
    expect(plain(await barrierRow.getByTestId('preview-service-amount').textContent())).toBe(
      rub(expectedBarrier),
    );
    const serviceAmounts = await preview
      .getByTestId('preview-service-row')
      .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-amount'))));
    const total = serviceAmounts.reduce((sum, a) => sum + a, 0);
    expect(plain(await preview.getByTestId('preview-total').textContent())).toBe(rub(total));
    const fromApi = await api<ChargePreview>(page, stand, `/houses/${house.id}/charges/preview`, { period });
    expect(fromApi.amountKopecks).toBe(total);

    // ── Run, after the confirmation: the same totals are saved ─────────────────────────────────────────────────
    await page.getByTestId('charges-run').click();
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('run-done').waitFor({ timeout: 30_000 });
    expect(plain(await page.getByTestId('run-total').textContent())).toBe(rub(total));
    expect(
      await page.locator('[data-testid="run-service-row"][data-code="BARRIER"]').getAttribute('data-amount'),
    ).toBe(String(expectedBarrier));

    // ── The dashboard before any payment of today ─────────────────────────────────────────────────────────────
    await page.getByTestId('billing-tab-dashboard').click();
    await page.getByTestId('billing-dashboard').waitFor();
    const before = await api<BillingDashboard>(
      page,
      stand,
      `/houses/${house.id}/billing/dashboard?months=12`,
    );
    const paidBefore = before.months.at(-1)?.paidKopecks ?? 0;
    expect(before.months.at(-1)?.chargedKopecks).toBe(total);
    expect(await page.getByTestId('dashboard-charged').getAttribute('data-value')).toBe(String(total));
    expect(await page.getByTestId('dashboard-paid').getAttribute('data-value')).toBe(String(paidBefore));
    expect(await page.getByTestId('chart-month').count()).toBe(12);

    // ── A 1C statement: one payment names the account, one does not ───────────────────────────────────────────
    const org = await stand.db.prisma.organization.findFirstOrThrow();
    const file = statement(org.bankAccount, today, [
      {
        number: '9101',
        amount: '1234.56',
        payer: 'Плательщиков Павел',
        purpose: `Оплата ЖКУ л/с ${payer.number}`,
      },
      { number: '9102', amount: '2000.00', payer: 'Безымянная Вера', purpose: 'Оплата коммунальных услуг' },
    ]);
    await page.getByTestId('billing-tab-payments').click();
    await page.waitForURL(/\/payments\?house=/);
    const upload = async () => {
      await page
        .getByTestId('statement-file-input')
        .setInputFiles({ name: 'statement.txt', mimeType: 'text/plain', buffer: Buffer.from(file, 'utf8') });
      await page.getByTestId('statement-import-run').click();
      await page.getByTestId('statement-report').waitFor();
    };
    const count = async (key: string) =>
      Number(await page.getByTestId(`statement-count-${key}`).textContent());
    await upload();
    expect([
      await count('imported'),
      await count('matched'),
      await count('unmatched'),
      await count('duplicates'),
    ]).toEqual([2, 1, 1, 0]);
    // The same file again adds nothing.
    await upload();
    await page.getByTestId('statement-count-duplicates').filter({ hasText: '2' }).waitFor();
    expect(await count('imported')).toBe(0);

    // ── The unmatched one, matched by hand to an account found by its number ─────────────────────────────────
    await page.getByTestId('unmatched-search').fill('Безымянная');
    const row = page.locator('[data-testid="unmatched-row"][data-doc="9102"]');
    await row.waitFor();
    await row.getByTestId('unmatched-match').click();
    await pickAccount(page, 'match-account', other);
    await page.getByTestId('match-save').click();
    await page.getByTestId('match-dialog').waitFor({ state: 'detached' });
    await page.getByTestId('unmatched-empty').waitFor();

    // ── The dashboard: today's month is paid 1 234,56 + 2 000,00 more ───────────────────────────────────────
    await page.getByTestId('billing-tab-dashboard').click();
    const paidAfter = paidBefore + 123_456 + 200_000;
    await page.locator(`[data-testid="dashboard-paid"][data-value="${paidAfter}"]`).waitFor();
    expect(plain(await page.getByTestId('dashboard-paid').textContent())).toBe(rub(paidAfter));
    expect(
      await page.locator(`[data-testid="chart-month"][data-period="${period}"]`).getAttribute('data-paid'),
    ).toBe(String(paidAfter));

    expect(browser.errors).toEqual([]);
  });

  it('the accountant follows a debtor’s penalty line by line, gets receipts and exports, reports spending', {
    timeout: 150_000,
  }, async () => {
    if (!stand || !browser) throw new Error('stand or browser did not start');
    // A browser of its own: this flow does not depend on the one above.
    const context = await browser.browser.newContext({
      locale: 'ru-RU',
      viewport: { width: 1280, height: 800 },
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await signIn(page, stand, 'ACCOUNTANT');
    const houses = await api<HouseList>(page, stand, '/houses');
    const house = houses.items[0];
    if (!house) throw new Error('no house in the demo data');
    const lastMonth = shiftPeriod(todayIn(house.timezone).slice(0, 7), -1);

    // ── The largest debtor on the dashboard opens the penalty calculation; its lines add up to the total ────────
    await page.goto(`${stand.url}/billing?house=${house.id}`);
    const debtor = page.getByTestId('debtor-row').first();
    await debtor.waitFor();
    const accountNumber = await debtor.getAttribute('data-account');
    await debtor.click();
    const report = page.getByTestId('penalty-report');
    await report.waitFor();
    const dashboard = await api<BillingDashboard>(page, stand, `/houses/${house.id}/billing/dashboard`);
    const top = dashboard.topDebtors[0];
    expect(top?.accountNumber).toBe(accountNumber);
    const penalty = await api<PenaltyReport>(
      page,
      stand,
      `/accounts/${top?.accountId}/penalties?asOf=${dashboard.asOf}`,
    );
    expect(penalty.lines.length).toBeGreaterThan(0);
    expect(penalty.lines.reduce((sum, l) => sum + l.amountKopecks, 0)).toBe(penalty.totalKopecks);
    expect(await report.getByTestId('penalty-line').count()).toBe(penalty.lines.length);
    expect(plain(await report.getByTestId('penalty-total').textContent())).toContain(
      rub(penalty.totalKopecks),
    );
    await page.keyboard.press('Escape');
    await report.waitFor({ state: 'detached' });

    // ── Receipts of last month: one account's PDF, then the whole house ─────────────────────────────────────────
    await page.goto(`${stand.url}/billing/receipts?house=${house.id}&period=${lastMonth}`);
    const accounts = await api<ListPage<Account>>(
      page,
      stand,
      `/houses/${house.id}/accounts?status=open&pageSize=1`,
    );
    const account = accounts.items[0] as Account;
    await pickAccount(page, 'receipt-account', account);
    const href = await page.getByTestId('receipt-pdf').getAttribute('href');
    expect(href).toContain(`/accounts/${account.id}/receipts/${lastMonth}.pdf`);
    const pdf = await page.request.get(`${stand.url}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');

    // The whole house as one PDF. The stand serves from this test's own process, so the page's progress cannot be
    // watched here (rendering holds the process the browser driver also runs in): the result is what is checked.
    const bulk = page.waitForEvent('download', { timeout: 90_000 });
    await page.getByTestId('receipts-generate').click({ timeout: 90_000 });
    expect((await bulk).suggestedFilename()).toMatch(/\.pdf$/);
    await page
      .getByTestId('receipts-done')
      .filter({ hasText: `${accounts.total} квитанц` })
      .waitFor();

    // ── Charges of last month exported for 1C ───────────────────────────────────────────────────────────────────
    await page.goto(`${stand.url}/billing/charges?house=${house.id}&period=${lastMonth}`);
    const csv = page.waitForEvent('download');
    await page.getByTestId('charges-export-csv').click();
    expect((await csv).suggestedFilename()).toMatch(/\.csv$/);

    // ── A spending line with its document shows in the report and in this month's figures ────────────────────
    await page.getByTestId('billing-tab-finances').click();
    await page.getByTestId('finances-months').waitFor();
    await page.getByTestId('spending-add').click();
    await page.getByTestId('spending-title').fill('Ремонт кровли');
    await page.getByTestId('spending-contractor').fill('ООО «Кровля»');
    await page.getByTestId('spending-amount').fill('12 500');
    await page.getByTestId('spending-save').click();
    const line = page.locator('[data-testid="spending-row"][data-title="Ремонт кровли"]');
    await line.waitFor();
    expect(plain(await line.textContent())).toContain(rub(1_250_000));
    await line.locator('input[type="file"]').setInputFiles({
      name: 'act.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
    });
    await line.getByTestId('spending-document').filter({ hasText: 'act.pdf' }).waitFor();
    const thisMonth = todayIn(house.timezone).slice(0, 7);
    const monthRow = page.locator(`[data-testid="finances-month"][data-period="${thisMonth}"]`);
    await expect
      .poll(async () => plain(await monthRow.textContent()), { timeout: 10_000 })
      .toContain(rub(1_250_000));

    expect(errors).toEqual([]);
    await context.close();
  });
});
