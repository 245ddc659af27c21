import { resources } from '@domovoy/locales';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HouseList } from '../src/api/houses.ts';
import type { Page } from '../src/api/registry.ts';
import type { Organization } from '../src/pages/organization/api.ts';
import type { StaffMember } from '../src/pages/staff/api.ts';
import { type BrowserSession, hasChromium, launchBrowser } from './browser.ts';
import { ensureBuiltExclusively } from './exclusive-build.ts';
import { type PanelStand, signIn, startPanelStand, waitForText } from './stand.ts';

const ru = resources.ru.web;
const FIRST_PASSWORD = 'сирень трамвай закат 7';

/** Signs in outside the browser, so the admin's own session cookie stays as it is: the HTTP status. */
const loginStatus = async (url: string, email: string, password: string) =>
  (
    await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    })
  ).status;

describe.skipIf(!hasChromium())('staff accounts and the organisation in the panel', () => {
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

  it('the admin adds a dispatcher for one house, who can sign in; disabling them ends that', {
    timeout: 120_000,
  }, async () => {
    if (!stand || !browser) throw new Error('stand or browser did not start');
    const { page } = browser;
    const url = stand.url;
    const login = (email: string, password: string) => loginStatus(url, email, password);
    await signIn(page, stand, 'ADMIN');

    await page.getByTestId('nav-staff').click();
    await page.waitForURL(/\/staff$/);
    const listed = (await (
      await page.request.get(`${url}/api/staff?pageSize=100`)
    ).json()) as Page<StaffMember>;
    await page.getByTestId('staff-row').first().waitFor();
    expect(await page.getByTestId('staff-row').count()).toBe(listed.total);
    // Nobody disables themselves: the admin's own row has no such button.
    const admin = stand.logins.find((l) => l.role.toUpperCase() === 'ADMIN')!;
    const own = listed.items.find((m) => m.email === admin.email)!;
    await expect
      .poll(() =>
        page.locator(`[data-testid="staff-row"][data-id="${own.id}"] [data-testid="staff-toggle"]`).count(),
      )
      .toBe(0);

    // The form says what is missing before asking the server.
    await page.getByTestId('staff-add').click();
    await page.getByTestId('staff-save').click();
    await waitForText(page.getByTestId('staff-form'), ru.staff.form_errors.email);
    await waitForText(page.getByTestId('staff-form'), ru.staff.form_errors.full_name);

    await page.getByTestId('staff-email').fill('Dispatcher.New@Demo.test');
    await page.getByTestId('staff-full-name').fill('Смирнова Ольга');
    await page.getByTestId('staff-phone').fill('+7 900 000-00-01');
    // A password the server refuses for its rules: the reason is shown at the field, nothing is created.
    await page.getByTestId('staff-password').fill('dispatcher.new-2026');
    const houses = (await (await page.request.get(`${url}/api/houses?pageSize=1`)).json()) as HouseList;
    const house = houses.items[0]!;
    await page.getByTestId('staff-grant-house').click();
    await page.getByRole('option', { name: house.address, exact: true }).click();
    await page.getByTestId('staff-save').click();
    await waitForText(page.getByTestId('staff-form'), ru.password_rules.contains_email);
    expect(await login('dispatcher.new@demo.test', 'dispatcher.new-2026')).toBe(401);

    await page.getByTestId('staff-password').fill(FIRST_PASSWORD);
    await page.getByTestId('staff-save').click();
    await page.getByTestId('staff-form').waitFor({ state: 'detached' });
    const row = page.getByTestId('staff-row').filter({ hasText: 'Смирнова Ольга' });
    await waitForText(row.getByTestId('staff-role'), `${ru.roles.DISPATCHER} · ${house.address}`);
    expect(await login('dispatcher.new@demo.test', FIRST_PASSWORD)).toBe(200);

    // Disabling asks first, then the account is out and hidden unless disabled ones are shown.
    await row.getByTestId('staff-toggle').click();
    await waitForText(page.getByTestId('confirm-dialog'), 'Смирнова Ольга');
    await page.getByTestId('confirm-ok').click();
    await row.waitFor({ state: 'detached' });
    expect(await login('dispatcher.new@demo.test', FIRST_PASSWORD)).toBe(401);
    await page.getByTestId('staff-show-disabled').click();
    await waitForText(
      page.getByTestId('staff-row').filter({ hasText: 'Смирнова Ольга' }).getByTestId('staff-row-disabled'),
      ru.staff.disabled_badge,
    );

    // The audit log shows both changes under the admin's name; one object's history holds exactly them.
    await page.getByTestId('nav-audit').click();
    await page.waitForURL(/\/audit$/);
    await page.getByTestId('audit-action').fill('staff.');
    const disabled = page.locator('[data-testid="audit-row"][data-action="staff.update"]').first();
    await waitForText(disabled, ru.audit.actions.staff__update);
    await waitForText(disabled, ru.audit.entities.staff_user);
    await disabled.getByTestId('audit-details-toggle').click();
    const change = page.locator('[data-testid="audit-change"][data-field="active"]');
    await waitForText(change, 'true');
    await waitForText(change, 'false');
    await disabled.getByTestId('audit-object').click();
    await page.getByTestId('audit-object-filter').waitFor();
    await expect
      .poll(async () =>
        (await page.getByTestId('audit-row').evaluateAll((rows) => rows.map((r) => r.dataset.action))).join(),
      )
      .toBe('staff.update,staff.create');
    const adminRow = page.getByTestId('audit-row').last();
    await waitForText(adminRow, own.fullName);

    // Filters that match nothing say so; a reversed range is caught before asking the server.
    await page.getByTestId('audit-action').fill('poll.');
    await page.getByTestId('audit-empty').waitFor();
    await page.getByTestId('audit-from').fill('2030-01-02');
    await page.getByTestId('audit-to').fill('2030-01-01');
    await waitForText(page.getByTestId('audit-page'), ru.audit.range_error);
  });

  it('the admin corrects the bank details: a wrong control key is named at the field, the change asks first', {
    timeout: 120_000,
  }, async () => {
    if (!stand || !browser) throw new Error('stand or browser did not start');
    const { page } = browser;
    const url = stand.url;
    // Still signed in as the admin from the test above.
    await page.goto(url);
    const before = (await (await page.request.get(`${url}/api/organization`)).json()) as Organization;

    await page.getByTestId('nav-organization').click();
    await page.waitForURL(/\/organization$/);
    const account = page.getByTestId('organization-bankAccount');
    expect(await account.inputValue()).toBe(before.bankAccount);
    // One digit off: the shape is right, so only the server's key check catches it.
    const last = Number(before.bankAccount.at(-1));
    await account.fill(`${before.bankAccount.slice(0, -1)}${(last + 1) % 10}`);
    await page.getByTestId('organization-save').click();
    await waitForText(page.getByTestId('confirm-dialog'), ru.organization.confirm_bank_text.slice(0, 40));
    await page.getByTestId('confirm-ok').click();
    await waitForText(page.getByTestId('organization-form'), ru.organization.error.key_mismatch);
    expect(
      ((await (await page.request.get(`${url}/api/organization`)).json()) as Organization).bankAccount,
    ).toBe(before.bankAccount);

    // Back to the right account, and a new bank name: saved after the confirmation.
    await account.fill(before.bankAccount);
    await page.getByTestId('organization-bankName').fill('АО «Новый банк»');
    await page.getByTestId('organization-save').click();
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('confirm-dialog').waitFor({ state: 'detached' });
    await expect
      .poll(
        async () =>
          ((await (await page.request.get(`${url}/api/organization`)).json()) as Organization).bankName,
      )
      .toBe('АО «Новый банк»');
    // A blank required field is caught before asking the server.
    await page.getByTestId('organization-name').fill('');
    await page.getByTestId('organization-save').click();
    await waitForText(page.getByTestId('organization-form'), ru.organization.error.required);
  });

  it('the admin resets a manager’s forgotten password: a generated one, shown once, and the old one stops working', {
    timeout: 120_000,
  }, async () => {
    if (!stand || !browser) throw new Error('stand or browser did not start');
    const { page } = browser;
    const url = stand.url;
    const manager = stand.logins.find((l) => l.role.toUpperCase() === 'MANAGER')!;
    const login = (password: string) => loginStatus(url, manager.email, password);
    await page.goto(`${url}/staff`);
    const row = page.locator('[data-testid="staff-row"]').filter({ hasText: manager.email });
    await row.getByTestId('staff-reset').click();
    // A password the rules refuse is named at the field.
    await page.getByTestId('staff-reset-input').fill('123456789012');
    await page.getByTestId('staff-reset-save').click();
    await waitForText(page.getByTestId('staff-reset-form'), ru.password_rules.common);
    await page.getByTestId('staff-reset-generate').click();
    const generated = await page.getByTestId('staff-reset-input').inputValue();
    expect(generated).toMatch(/^\S{4}-\S{4}-\S{4}-\S{4}$/);
    await page.getByTestId('staff-reset-save').click();
    await waitForText(page.getByTestId('staff-reset-password'), generated);
    await page.getByTestId('staff-reset-close').click();
    expect(await login(generated)).toBe(200);
    expect(await login(manager.password)).toBe(401);
  });
});
