import { resources } from '@domovoy/locales';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGE_STORAGE_KEY } from '../src/i18n/language.ts';
import { visibleNav } from '../src/nav.ts';
import { type BrowserSession, hasChromium, launchBrowser } from './browser.ts';
import { ensureBuiltExclusively } from './exclusive-build.ts';
import { type PanelStand, startPanelStand, waitForText } from './stand.ts';

const ru = resources.ru.web;
const en = resources.en.web;

async function navKeys(page: Page): Promise<string[]> {
  return page
    .getByTestId('nav')
    .locator('[data-testid^="nav-"]')
    .evaluateAll((links) => links.map((a) => a.getAttribute('data-testid')?.slice('nav-'.length) ?? ''));
}

// The flow needs a real browser: it runs where Debian's Chromium is installed (/usr/bin/chromium, see
// /work/shared/TOOLCHAIN.md "Browser tests") and skips elsewhere, because tests must never download a browser.
describe.skipIf(!hasChromium())('staff panel in Chromium', () => {
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

  it('the demo manager signs in, sees the dashboard, switches to English and signs out', async () => {
    if (!stand || !browser) throw new Error('stand or browser did not start');
    const { page } = browser;
    const manager = stand.logins.find((login) => login.role.toUpperCase() === 'MANAGER');
    if (!manager)
      throw new Error(`no MANAGER among the demo logins: ${stand.logins.map((l) => l.role).join(', ')}`);

    // Signed out: the panel sends us to the login page, in Russian (browser locale ru-RU).
    await page.goto(stand.url);
    await page.waitForURL(/\/login$/);
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');
    await waitForText(page.getByTestId('login-submit'), ru.login.submit);

    // Empty form: the panel explains what is missing without asking the server.
    await page.getByTestId('login-submit').click();
    await waitForText(page.getByTestId('login-form'), ru.login.email_required);
    await waitForText(page.getByTestId('login-form'), ru.login.password_required);

    // A wrong password: the server's answer in the user's words.
    await page.getByTestId('login-email').fill(manager.email);
    await page.getByTestId('login-password').fill(`${manager.password}-wrong`);
    await page.getByTestId('login-submit').click();
    await waitForText(page.getByTestId('login-error'), ru.errors.INVALID_CREDENTIALS);

    // The right password: the dashboard with the counts the API reports.
    await page.getByTestId('login-password').fill(manager.password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(`${stand.url.replace(/\/$/, '')}/`);
    await page.getByTestId('dashboard-cards').waitFor();

    const me = (await (await page.request.get(`${stand.url}/api/auth/me`)).json()) as {
      user: { fullName: string; permissions: string[] };
    };
    const counts = (await (await page.request.get(`${stand.url}/api/dashboard`)).json()) as Record<
      string,
      number
    >;
    for (const key of ['houses', 'premises', 'accounts', 'residents']) {
      const shown = (await page.getByTestId(`dashboard-count-${key}`).textContent()) ?? '';
      expect(Number(shown.replace(/\D/g, '')), key).toBe(counts[key]);
    }
    expect(counts.houses).toBeGreaterThan(0); // demo data is seeded
    await waitForText(page.getByTestId('user-name'), me.user.fullName);

    // The menu shows exactly the sections the manager's permissions allow.
    const expected = visibleNav(me.user.permissions).map((item) => item.key);
    expect(await navKeys(page)).toEqual(expected);
    expect(expected).toContain('dashboard');
    expect(expected).not.toContain('staff');
    await waitForText(page.getByTestId('nav-dashboard'), ru.nav.dashboard);

    // The manager (organisation-wide) reads the audit log.
    await page.getByTestId('nav-audit').click();
    await page.waitForURL(/\/audit$/);
    await page.getByTestId('audit-page').waitFor();
    await page.locator('[data-testid="audit-list"], [data-testid="audit-empty"]').first().waitFor();
    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('dashboard-cards').waitFor();

    // English, remembered across a reload.
    await page.getByTestId('lang-en').click();
    await waitForText(page.getByTestId('nav-dashboard'), en.nav.dashboard);
    await waitForText(page.getByTestId('dashboard-card-houses'), en.dashboard.houses);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.evaluate((key) => localStorage.getItem(key), LANGUAGE_STORAGE_KEY)).toBe('en');
    await page.reload();
    await waitForText(page.getByTestId('nav-dashboard'), en.nav.dashboard);

    // Sign out: back on the login page, in English, and the session is gone on the server too.
    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login$/);
    await waitForText(page.getByTestId('login-notice'), en.login.logged_out);
    await waitForText(page.getByTestId('login-submit'), en.login.submit);
    expect((await page.request.get(`${stand.url}/api/auth/me`)).status()).toBe(401);

    expect(browser.errors).toEqual([]);
  });
});
