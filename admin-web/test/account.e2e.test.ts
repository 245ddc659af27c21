import { resources } from '@domovoy/locales';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, hasChromium, launchBrowser } from './browser.ts';
import { ensureBuiltExclusively } from './exclusive-build.ts';
import { type PanelStand, startPanelStand, waitForText } from './stand.ts';

const ru = resources.ru.web;
const NEW_PASSWORD = 'сирень трамвай закат';

describe.skipIf(!hasChromium())('changing one’s own password in the panel', () => {
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

  it('from the user menu: the form explains each refusal, then the new password works and the old one not', async () => {
    if (!stand || !browser) throw new Error('stand or browser did not start');
    const { page } = browser;
    const accountant = stand.logins.find((l) => l.role.toUpperCase() === 'ACCOUNTANT');
    if (!accountant) throw new Error('no ACCOUNTANT among the demo logins');

    await page.goto(`${stand.url}/login`);
    await page.getByTestId('login-email').fill(accountant.email);
    await page.getByTestId('login-password').fill(accountant.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('user-menu').waitFor();

    await page.getByTestId('user-menu').click();
    await page.getByTestId('change-password').click();
    await page.waitForURL(/\/account\/password$/);
    await waitForText(page.getByTestId('page-title'), ru.account.title);
    const form = page.getByTestId('password-form');

    // Empty: the form says what is missing without asking the server.
    await page.getByTestId('password-submit').click();
    await waitForText(page.getByTestId('error-currentPassword'), ru.account.current_required);
    await waitForText(page.getByTestId('error-newPassword'), ru.account.new_required);

    // Too short and not repeated the same.
    await page.getByTestId('current-password').fill(accountant.password);
    await page.getByTestId('new-password').fill('короткий');
    await page.getByTestId('confirm-password').fill('другой');
    await page.getByTestId('password-submit').click();
    await waitForText(
      page.getByTestId('error-newPassword'),
      ru.password_rules.too_short.replace('{{min}}', '12'),
    );
    await waitForText(page.getByTestId('error-confirm'), ru.account.confirm_mismatch);

    // Long enough but common: the server's reason, in the user's words, under the field.
    await page.getByTestId('new-password').fill('Password2026!');
    await page.getByTestId('confirm-password').fill('Password2026!');
    await page.getByTestId('password-submit').click();
    await waitForText(page.getByTestId('error-newPassword'), ru.password_rules.common);

    // A wrong current password: said under that field.
    await page.getByTestId('current-password').fill(`${accountant.password}-wrong`);
    await page.getByTestId('new-password').fill(NEW_PASSWORD);
    await page.getByTestId('confirm-password').fill(NEW_PASSWORD);
    await page.getByTestId('password-submit').click();
    await waitForText(page.getByTestId('error-currentPassword'), ru.account.wrong_current);

    // Right: changed, the form is cleared, and this session goes on.
    await page.getByTestId('current-password').fill(accountant.password);
    await page.getByTestId('password-submit').click();
    await waitForText(page.locator('.mantine-Notifications-root'), ru.account.changed);
    expect(await page.getByTestId('new-password').inputValue()).toBe('');
    expect((await page.request.get(`${stand.url}/api/auth/me`)).status()).toBe(200);
    expect(await form.count()).toBe(1);

    const signIn = (password: string) =>
      page.request.post(`${stand?.url}/api/auth/login`, { data: { email: accountant.email, password } });
    expect((await signIn(accountant.password)).status()).toBe(401);
    expect((await signIn(NEW_PASSWORD)).status()).toBe(200);

    expect(browser.errors).toEqual([]);
  });
});
