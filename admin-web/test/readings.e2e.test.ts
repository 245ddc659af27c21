import { resources } from '@domovoy/locales';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HouseList } from '../src/api/houses.ts';
import type { HouseReadings } from '../src/api/readings.ts';
import { formatCount, formatPercent } from '../src/format.ts';
import { currentPeriod, formatPeriod, shiftPeriod } from '../src/readings/periods.ts';
import { formatReadingValue } from '../src/readings/values.ts';
import { type BrowserSession, hasChromium, launchBrowser } from './browser.ts';
import { ensureBuiltExclusively } from './exclusive-build.ts';
import { type PanelStand, signIn, startPanelStand, waitForText } from './stand.ts';

const ru = resources.ru.web;

async function api<T>(page: Page, stand: PanelStand, path: string): Promise<T> {
  const response = await page.request.get(`${stand.url}/api${path}`);
  expect(response.status(), path).toBe(200);
  return (await response.json()) as T;
}

/** Waits until the results on screen are the answer for exactly this query (not a placeholder). */
async function waitForResults(
  page: Page,
  q: { house: string; period: string; filter?: string; search?: string; page?: number },
): Promise<void> {
  const selector = [
    '[data-testid="readings-results"]',
    `[data-house="${q.house}"]`,
    `[data-period="${q.period}"]`,
    `[data-filter="${q.filter ?? 'all'}"]`,
    `[data-search="${q.search ?? ''}"]`,
    `[data-page="${q.page ?? 1}"]`,
  ].join('');
  await page.locator(selector).waitFor({ timeout: 15_000 });
}

async function choose(page: Page, selectTestId: string, option: string): Promise<void> {
  await page.getByTestId(selectTestId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** "1 323,939" (as shown in Russian) → thousandths, exactly. */
function toMilli(shown: string): number {
  const [integer = '0', fraction = ''] = shown
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(',', '.')
    .split('.');
  return Number(integer) * 1000 + Number(fraction.padEnd(3, '0').slice(0, 3));
}

function fromMilli(milli: number): string {
  const fraction = String(milli % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  return fraction ? `${Math.floor(milli / 1000)}.${fraction}` : String(Math.floor(milli / 1000));
}

interface MeterRow {
  meterId: string;
  account: string;
  type: string;
  shown: string;
}

/** The submitted single-zone meters on screen, with the value as the table shows it. */
async function submittedMeters(page: Page): Promise<MeterRow[]> {
  return page
    .locator('[data-testid="readings-meter-row"][data-submitted="true"][data-zones="1"]')
    .evaluateAll((rows) =>
      rows.map((row) => ({
        meterId: row.getAttribute('data-meter-id') ?? '',
        account: row.getAttribute('data-account') ?? '',
        type: row.getAttribute('data-type') ?? '',
        shown: row.querySelector('[data-testid="meter-values"]')?.textContent ?? '',
      })),
    );
}

// The flow needs a real browser: it runs where Debian's Chromium is installed (/usr/bin/chromium, see
// /work/shared/TOOLCHAIN.md "Browser tests") and skips elsewhere, because tests must never download a browser.
describe.skipIf(!hasChromium())('readings section in Chromium', () => {
  let stand: PanelStand | undefined;
  let browser: BrowserSession | undefined;

  beforeAll(async () => {
    await ensureBuiltExclusively();
    stand = await startPanelStand();
    browser = await launchBrowser({ locale: 'ru-RU' });
  });

  afterAll(async () => {
    await browser?.close();
    await stand?.stop();
  });

  // Under ~35 s on a busy two-core machine; the limit leaves room above the root config's 30 s default.
  it('the accountant reviews last month and enters this month’s readings', { timeout: 90_000 }, async () => {
    if (!stand || !browser) throw new Error('stand or browser did not start');
    const { page } = browser;
    await signIn(page, stand, 'ACCOUNTANT');

    await page.getByTestId('nav-readings').click();
    await page.waitForURL(/\/readings\?house=/);

    // Pick the second house (the first is the default) and last month.
    const houses = await api<HouseList>(page, stand, '/houses');
    expect(houses.total).toBe(2);
    const house = houses.items[1];
    if (!house) throw new Error('no second house');
    const thisMonth = currentPeriod(new Date(), house.timezone);
    const lastMonth = shiftPeriod(thisMonth, -1);
    await choose(page, 'readings-house', house.address);
    await page.waitForURL((url) => url.searchParams.get('house') === house.id);
    await choose(page, 'readings-period', formatPeriod(lastMonth, 'ru'));
    await waitForResults(page, { house: house.id, period: lastMonth });

    // The stats the API reports, in Russian number format.
    const last = await api<HouseReadings>(page, stand, `/houses/${house.id}/readings?period=${lastMonth}`);
    expect(last.stats.accounts).toBeGreaterThan(0);
    const stat = (key: string) => page.getByTestId(`readings-stat-${key}-value`).textContent();
    expect(await stat('accounts')).toBe(formatCount(last.stats.accounts, 'ru'));
    expect(await stat('submitted')).toBe(formatCount(last.stats.submitted, 'ru'));
    expect(await stat('rate')).toBe(formatPercent(last.stats.rate, 'ru'));
    expect(await stat('anomalies')).toBe(formatCount(last.stats.anomalies, 'ru'));

    // "Not submitted": only accounts with a missing meter, as many as the API counts.
    await page.getByTestId('readings-filter-missing').click();
    await waitForResults(page, { house: house.id, period: lastMonth, filter: 'missing' });
    const missing = await api<HouseReadings>(
      page,
      stand,
      `/houses/${house.id}/readings?period=${lastMonth}&filter=missing`,
    );
    expect(missing.total).toBeGreaterThan(0);
    expect(missing.total).toBeLessThan(last.stats.accounts);
    const totalText = (await page.getByTestId('readings-total').textContent()) ?? '';
    expect(Number(totalText.replace(/\D/g, ''))).toBe(missing.total);
    const accountHasMissing = await page.locator('[data-testid="readings-meter-row"]').evaluateAll((rows) => {
      const seen: Record<string, boolean> = {};
      for (const row of rows) {
        const account = row.getAttribute('data-account') ?? '';
        seen[account] =
          (seen[account] ?? false) || row.querySelector('[data-testid="meter-missing"]') !== null;
      }
      return seen;
    });
    expect(Object.keys(accountHasMissing).length).toBeGreaterThan(0);
    expect(Object.entries(accountHasMissing).filter(([, has]) => !has)).toEqual([]);

    // Back to everyone: an account with two submitted single-zone meters, a cold-water one among them.
    await page.getByTestId('readings-filter-all').click();
    await waitForResults(page, { house: house.id, period: lastMonth });
    const rows = await submittedMeters(page);
    const cold = rows.find(
      (r) => r.type === 'COLD_WATER' && rows.some((o) => o.account === r.account && o.meterId !== r.meterId),
    );
    if (!cold) throw new Error('no account with a cold-water meter and another meter submitted last month');
    const other = rows.find((r) => r.account === cold.account && r.meterId !== cold.meterId) as MeterRow;

    // This month: nothing submitted yet for that account.
    await choose(page, 'readings-period', formatPeriod(thisMonth, 'ru'));
    await waitForResults(page, { house: house.id, period: thisMonth });
    await page.getByTestId('readings-search').fill(cold.account);
    await waitForResults(page, { house: house.id, period: thisMonth, search: cold.account });
    const coldRow = page.locator(`[data-testid="readings-meter-row"][data-meter-id="${cold.meterId}"]`);
    await coldRow.getByTestId('meter-missing').waitFor();

    // Enter: the dialog shows last month's value; a lower one is refused with the server's reason.
    await coldRow.getByTestId('meter-enter').click();
    const modal = page.getByTestId('reading-modal');
    await waitForText(modal.getByTestId('reading-previous'), cold.shown);
    const previous = toMilli(cold.shown);
    const input = modal.getByTestId('reading-value-0');
    await input.fill(formatReadingValue(fromMilli(Math.max(0, previous - 1000)), 'ru', false));
    await modal.getByTestId('reading-save').click();
    await waitForText(modal, ru.meter_readings.value_error.below_previous);

    // A plausible higher value (typed with a Russian decimal comma) is saved and shown in the table.
    const entered = fromMilli(previous + 1250);
    await input.fill(formatReadingValue(entered, 'ru', false));
    await modal.getByTestId('reading-save').click();
    await modal.waitFor({ state: 'detached' });
    await waitForText(coldRow.getByTestId('meter-values'), formatReadingValue(entered, 'ru'));
    expect(await coldRow.getAttribute('data-submitted')).toBe('true');

    // An implausible jump on the other meter: the server asks to confirm, the accountant confirms anyway.
    const otherRow = page.locator(`[data-testid="readings-meter-row"][data-meter-id="${other.meterId}"]`);
    await otherRow.getByTestId('meter-enter').click();
    const jump = fromMilli(toMilli(other.shown) + 20_000_000);
    await modal.getByTestId('reading-value-0').fill(formatReadingValue(jump, 'ru', false));
    await modal.getByTestId('reading-save').click();
    const confirmations = modal.getByTestId('reading-confirmations');
    await waitForText(confirmations, ru.meter_readings.confirmation.high_consumption);
    await modal.getByTestId('reading-confirm-anyway').click();
    await modal.waitFor({ state: 'detached' });
    await otherRow.getByTestId('meter-anomaly').waitFor();
    await waitForText(otherRow.getByTestId('meter-values'), formatReadingValue(jump, 'ru'));
    await page.getByTestId('readings-stat-anomalies-value').filter({ hasText: /^1$/ }).waitFor();

    // The server has both.
    const saved = await api<HouseReadings>(
      page,
      stand,
      `/houses/${house.id}/readings?period=${thisMonth}&search=${cold.account}`,
    );
    const meters = saved.items.flatMap((a) => a.meters);
    expect(meters.find((m) => m.meterId === cold.meterId)?.values).toEqual([{ zone: 1, value: entered }]);
    expect(meters.find((m) => m.meterId === other.meterId)).toMatchObject({
      anomaly: true,
      source: 'STAFF',
      values: [{ zone: 1, value: jump }],
    });

    expect(browser.errors).toEqual([]);
  });

  it('a dispatcher sees only their own house and cannot enter readings', { timeout: 60_000 }, async () => {
    if (!stand || !browser) throw new Error('stand or browser did not start');
    const dispatcher = stand.logins.find((l) => l.role.toUpperCase() === 'DISPATCHER');
    if (!dispatcher) throw new Error('no DISPATCHER among the demo logins');
    const context = await browser.browser.newContext({
      locale: 'ru-RU',
      viewport: { width: 390, height: 844 },
    });
    try {
      const page = await context.newPage();
      await signIn(page, stand, 'DISPATCHER');
      await page.goto(`${stand.url}/readings`);
      await page.waitForURL(/\/readings\?house=/);
      await page.locator('[data-testid="readings-results"][data-filter="all"]').waitFor();
      // A phone gets one card per account rather than the wide table.
      await page.getByTestId('readings-account-card').first().waitFor();
      expect(await page.getByTestId('readings-table').count()).toBe(0);

      await page.getByTestId('readings-house').click();
      const options = page.getByRole('option');
      await options.first().waitFor();
      expect(await options.allTextContents()).toEqual([dispatcher.houses]);
      await page.keyboard.press('Escape');

      // readings.read without readings.write: no "enter" buttons.
      expect(await page.getByTestId('meter-enter').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
