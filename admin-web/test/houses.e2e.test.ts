import { resources } from '@domovoy/locales';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HouseDetails, HouseList } from '../src/api/houses.ts';
import { formatDateTime } from '../src/format.ts';
import { isoToZonedLocal, zonedLocalToIso } from '../src/houses/zoned-time.ts';
import { type BrowserSession, hasChromium, launchBrowser } from './browser.ts';
import { ensureBuiltExclusively } from './exclusive-build.ts';
import { type PanelStand, signIn, startPanelStand, waitForText } from './stand.ts';

const ru = resources.ru.web;

async function api<T>(page: Page, stand: PanelStand, path: string): Promise<T> {
  const response = await page.request.get(`${stand.url}/api${path}`);
  expect(response.status(), path).toBe(200);
  return (await response.json()) as T;
}

const addresses = (page: Page) =>
  page
    .getByTestId('house-row')
    .evaluateAll((rows) => rows.map((r) => r.querySelector('a')?.textContent ?? ''));

// The flow needs a real browser: it runs where Debian's Chromium is installed (/usr/bin/chromium, see
// /work/shared/TOOLCHAIN.md "Browser tests") and skips elsewhere, because tests must never download a browser.
describe.skipIf(!hasChromium())('houses section in Chromium', () => {
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

  it('the manager finds a house, edits its settings and opens the readings window early', {
    timeout: 90_000,
  }, async () => {
    if (!stand || !browser) throw new Error('stand or browser did not start');
    const { page } = browser;
    await signIn(page, stand, 'MANAGER');

    // The list, a search that narrows it, one that finds nothing.
    await page.getByTestId('nav-registry').click();
    await page.waitForURL(/\/houses$/);
    const houses = await api<HouseList>(page, stand, '/houses');
    await page
      .getByTestId('house-row')
      .nth(houses.total - 1)
      .waitFor();
    expect(await addresses(page)).toEqual(houses.items.map((h) => h.address));
    const house = houses.items.find((h) => h.address.includes('корп')) ?? houses.items[0];
    if (!house) throw new Error('no houses');
    await page.getByTestId('houses-search').fill('корп');
    await page.waitForURL(/q=/);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="house-row"]').length === 1);
    expect(await addresses(page)).toEqual([house.address]);
    await page.getByTestId('houses-search').fill('нет такой улицы');
    await page.getByTestId('houses-empty').waitFor();
    await waitForText(page.getByTestId('houses-empty'), ru.houses.no_results_title);

    // The house page: the form holds the current settings.
    await page.getByTestId('houses-search').fill('');
    await page.locator(`[data-testid="house-row"][data-house-id="${house.id}"]`).click();
    await page.waitForURL(new RegExp(`/houses/${house.id}$`));
    await page.getByTestId('house-form').waitFor();
    expect(await page.getByTestId('page-title').textContent()).toBe(house.address);
    expect(await page.getByTestId('house-phone').inputValue()).toBe(house.emergencyPhone ?? '');
    expect(await page.getByTestId('house-end-day').inputValue()).toBe(String(house.readingsWindowEndDay));

    // The panel's own checks: nothing is sent while the form is wrong.
    let patches = 0;
    page.on('request', (request) => {
      if (request.method() === 'PATCH') patches++;
    });
    await page.getByTestId('house-start-day').fill('27');
    await page.getByTestId('house-phone').fill('звоните');
    await page.getByTestId('house-save').click();
    await waitForText(page.getByTestId('house-form'), ru.houses.error.window_order);
    await waitForText(page.getByTestId('house-form'), ru.houses.error.phone);
    expect(patches).toBe(0);
    await page.getByTestId('house-reset').click();

    // The server's field errors land on their fields (the answer is stubbed: the panel checks everything first).
    await page.route('**/api/houses/*', (route) =>
      route.request().method() === 'PATCH'
        ? route.fulfill({
            status: 400,
            contentType: 'application/json',
            body: JSON.stringify({
              error: {
                code: 'VALIDATION',
                message: 'invalid input',
                details: { fields: { emergencyPhone: 'phone: digits, spaces, +, (, ) and - only' } },
              },
            }),
          })
        : route.fallback(),
    );
    await page.getByTestId('house-phone').fill('+7 (495) 000-00-00');
    await page.getByTestId('house-save').click();
    await waitForText(page.getByTestId('house-form'), ru.houses.error.phone);
    await page.unroute('**/api/houses/*');

    // A real change: saved, confirmed, and still there after a reload.
    const phone = '+7 495 111-22-33';
    await page.getByTestId('house-phone').fill(phone);
    await page.getByTestId('house-pass-approval').check({ force: true });
    await page.getByTestId('house-save').click();
    await waitForText(page.locator('.mantine-Notifications-root'), ru.houses.saved);
    const saved = await api<HouseDetails>(page, stand, `/houses/${house.id}`);
    expect(saved).toMatchObject({ emergencyPhone: phone, requirePassApproval: true });
    await page.reload();
    await page.getByTestId('house-form').waitFor();
    expect(await page.getByTestId('house-phone').inputValue()).toBe(phone);
    expect(await page.getByTestId('house-pass-approval').isChecked()).toBe(true);

    // Open the readings window early until the day after tomorrow, 20:00 house time, after confirming.
    const until = `${isoToZonedLocal(new Date(Date.now() + 2 * 86_400_000).toISOString(), house.timezone).slice(0, 10)}T20:00`;
    await page.getByTestId('house-early-until').fill(until);
    await page.getByTestId('house-open-early').click();
    await page.getByTestId('early-confirm').click();
    const status = page.getByTestId('house-early-status');
    await status.waitFor();
    const instant = zonedLocalToIso(until, house.timezone);
    if (!instant) throw new Error(`not a local time: ${until}`);
    const expected = formatDateTime(instant, 'ru', house.timezone);
    await waitForText(status, expected);

    // And close it again.
    await page.getByTestId('house-close-early').click();
    await page.getByTestId('early-confirm').click();
    await status.waitFor({ state: 'detached' });
    await waitForText(page.locator('.mantine-Notifications-root'), ru.houses.early.closed);

    expect(browser.errors).toEqual([]);
  });

  it('the chair sees their house read-only', { timeout: 60_000 }, async () => {
    if (!stand || !browser) throw new Error('stand or browser did not start');
    const chair = stand.logins.find((l) => l.role.toUpperCase() === 'CHAIR');
    if (!chair) throw new Error('no CHAIR among the demo logins');
    const context = await browser.browser.newContext({ locale: 'ru-RU' });
    try {
      const page = await context.newPage();
      await signIn(page, stand, 'CHAIR');
      await page.goto(`${stand.url}/houses`);
      await page.getByTestId('house-row').first().waitFor();
      expect(await addresses(page)).toEqual([chair.houses]);
      await page.getByTestId('house-row').first().click();
      await page.getByTestId('house-facts').waitFor();
      expect(await page.getByTestId('house-form').count()).toBe(0);
      expect(await page.getByTestId('house-open-early').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
