import { resources } from '@domovoy/locales';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HouseList } from '../src/api/houses.ts';
import type { PremisesMeter } from '../src/api/meters.ts';
import type { Page as ListPage, PremisesDetails, PremisesListItem } from '../src/api/registry.ts';
import type { RegistryImportReport } from '../src/api/registry-import.ts';
import { todayIn } from '../src/format.ts';
import { createI18n } from '../src/i18n/index.ts';
import { issueText } from '../src/registry/import-report.ts';
import { type BrowserSession, hasChromium, launchBrowser } from './browser.ts';
import { ensureBuiltExclusively } from './exclusive-build.ts';
import { BACKENDS, type PanelStand, signIn, startPanelStand, waitForText } from './stand.ts';

const ru = resources.ru.web;
const i18n = createI18n('ru');

async function api<T>(page: Page, stand: PanelStand, path: string): Promise<T> {
  const response = await page.request.get(`${stand.url}/api${path}`);
  expect(response.status(), path).toBe(200);
  return (await response.json()) as T;
}

async function choose(page: Page, selectTestId: string, option: string): Promise<void> {
  await page.getByTestId(selectTestId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The error text Mantine shows under the input with this test id. */
function fieldError(page: Page, testId: string): Locator {
  return page.locator(
    `.mantine-InputWrapper-root:has([data-testid="${testId}"]) .mantine-InputWrapper-error`,
  );
}

const subNav = (page: Page, key: string) =>
  page.locator(`[data-testid="subnav-registry"] [data-page="${key}"]`);

/** A registry file as Excel in the Russian locale writes CSV: `;` between cells, decimal commas. */
function registryCsv(rows: string[][]): Buffer {
  const header = [
    'house_address',
    'entrance',
    'premises_number',
    'area',
    'account_number',
    'owner_name',
    'owner_share',
  ];
  return Buffer.from(`${[header, ...rows].map((r) => r.join(';')).join('\r\n')}\r\n`, 'utf8');
}

const dayAfter = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

// Debian's Chromium (/usr/bin/chromium) drives the panel; without it the flow skips (tests never download one).
describe.skipIf(!hasChromium()).each(BACKENDS)('registry pages in Chromium [%s]', (backend) => {
  let stand: PanelStand | undefined;
  let browser: BrowserSession | undefined;
  /** The premises the manager creates, for the accountant's read-only look. */
  let createdPremisesId = '';

  beforeAll(async () => {
    await ensureBuiltExclusively();
    stand = await startPanelStand({ database: backend });
    browser = await launchBrowser({ locale: 'ru-RU' });
  });

  afterAll(async () => {
    await browser?.close();
    await stand?.stop();
  });

  it('the manager fills the registry: entrance, premises with an account, owner share, meter replacement, import', {
    timeout: 120_000,
  }, async () => {
    if (!stand || !browser) throw new Error('stand or browser did not start');
    const { page } = browser;
    await signIn(page, stand, 'MANAGER');
    const houses = await api<HouseList>(page, stand, '/houses');
    const house = houses.items[0];
    if (!house) throw new Error('no houses');
    const today = todayIn(house.timezone);

    // The registry's own pages are listed under its menu entry, the import among them for a manager.
    await page.getByTestId('nav-registry').click();
    await page.waitForURL(/\/houses$/);
    await subNav(page, 'import').waitFor();
    await subNav(page, 'entrances').click();
    await page.waitForURL(
      (url) => url.pathname === '/registry/entrances' && url.searchParams.get('house') === house.id,
    );

    // An entrance: a taken number is refused next to the field, a new one is listed.
    await page.getByTestId('entrance-row').first().waitFor();
    const entrances = await page.getByTestId('entrance-row').count();
    const number = String(entrances + 1);
    await page.getByTestId('entrance-add').click();
    await page.getByTestId('entrance-number').fill('1');
    await page.getByTestId('entrance-floors').fill('9');
    await page.getByTestId('entrance-save').click();
    await waitForText(fieldError(page, 'entrance-number'), ru.entrances.error.taken);
    await page.getByTestId('entrance-number').fill(number);
    await page.getByTestId('entrance-save').click();
    await page.locator(`[data-testid="entrance-row"][data-number="${number}"]`).waitFor();

    // Premises with an account: a bad area is explained by the server next to the field, and nothing is saved.
    await subNav(page, 'premises').click();
    await page.getByTestId('premises-row').first().waitFor();
    await page.getByTestId('premises-add').click();
    await page.getByTestId('premises-number').fill('999');
    await page.getByTestId('premises-area').fill('много');
    await page.getByTestId('premises-floor').fill('3');
    await choose(page, 'premises-entrance', ru.entrances.name.replace('{{number}}', number));
    const accountNumber = '987650000001';
    await page.getByTestId('account-number').fill(accountNumber);
    await page.getByTestId('account-payer').fill('Тестова Анна Петровна');
    await page.getByTestId('account-persons').fill('2');
    await page.getByTestId('premises-save').click();
    await waitForText(fieldError(page, 'premises-area'), ru.premises.error.area);
    const none = await api<ListPage<PremisesListItem>>(
      page,
      stand,
      `/houses/${house.id}/premises?search=999`,
    );
    expect(none.items.filter((p) => p.number === '999')).toEqual([]);
    await page.getByTestId('premises-area').fill('45,5');
    await page.getByTestId('premises-save').click();
    await page.waitForURL(/\/registry\/premises\/[^/?]+$/);
    createdPremisesId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
    await page.getByTestId('premises-page').waitFor();
    await waitForText(page.getByTestId('page-title'), 'Квартира 999');
    await page.locator(`[data-testid="account-row"][data-number="${accountNumber}"]`).waitFor();
    const created = await api<PremisesDetails>(page, stand, `/premises/${createdPremisesId}`);
    expect(created).toMatchObject({
      number: '999',
      area: '45.50',
      floor: 3,
      entranceNumber: Number(number),
      accounts: [{ number: accountNumber, payerName: 'Тестова Анна Петровна', registeredPersons: 2 }],
    });

    // An owner with a half share, then the share edited: too much is refused, a third is saved.
    await page.getByTestId('owner-add').click();
    await page.getByTestId('owner-name').fill('Тестова Анна Петровна');
    await page.getByTestId('ownership-share').fill('1/2');
    await page.getByTestId('add-owner-save').click();
    const ownerRow = page.locator('[data-testid="ownership-row"][data-owner="Тестова Анна Петровна"]');
    await waitForText(ownerRow.getByTestId('ownership-share-value'), '1/2');
    await ownerRow.getByTestId('ownership-edit').click();
    await page.getByTestId('ownership-share').fill('3/2');
    await page.getByTestId('share-save').click();
    await waitForText(fieldError(page, 'ownership-share'), ru.ownerships.error.share_over_one);
    await page.getByTestId('ownership-share').fill('1/3');
    await page.getByTestId('share-save').click();
    await waitForText(ownerRow.getByTestId('ownership-share-value'), '1/3');
    await waitForText(page.getByTestId('shares-total'), '1/3');
    const shared = await api<PremisesDetails>(page, stand, `/premises/${createdPremisesId}`);
    expect(shared.ownerships.map((o) => [o.owner.fullName, o.share])).toEqual([
      ['Тестова Анна Петровна', '1/3'],
    ]);

    // A meter, then its replacement: the old one's closing value, the new one's opening value.
    const due = dayAfter(today, 4 * 365);
    await page.getByTestId('meter-add').click();
    await page.getByTestId('meter-serial').fill('ХВ-777');
    await page.getByTestId('meter-due').fill(due);
    await page.getByTestId('meter-opening-0').fill('10');
    await page.getByTestId('meter-save').click();
    const oldRow = page.locator('[data-testid="meter-row"][data-serial="ХВ-777"]');
    await oldRow.waitFor();
    await oldRow.getByTestId('meter-replace').click();
    await page.getByTestId('replace-closing-0').fill('12,5');
    await page.getByTestId('replace-serial').fill('ХВ-778');
    await page.getByTestId('replace-due').fill(dayAfter(today, 6 * 365));
    await page.getByTestId('replace-opening-0').fill('0,25');
    await page.getByTestId('replace-save').click();
    await page.locator('[data-testid="meter-row"][data-serial="ХВ-778"][data-status="ACTIVE"]').waitFor();
    await page.locator('[data-testid="meter-row"][data-serial="ХВ-777"][data-status="RETIRED"]').waitFor();
    const meters = (
      await api<{ items: PremisesMeter[] }>(page, stand, `/premises/${createdPremisesId}/meters`)
    ).items;
    const retired = meters.find((m) => m.serial === 'ХВ-777');
    const replacement = meters.find((m) => m.serial === 'ХВ-778');
    expect(retired).toMatchObject({ status: 'RETIRED', retiredAt: today, replacedById: replacement?.id });
    expect(retired?.lastReading?.values).toEqual([{ zone: 1, value: '12.5' }]);
    expect(replacement).toMatchObject({ status: 'ACTIVE', initialValues: ['0.25'], replacesId: retired?.id });

    // The import: a file with a bad row is checked, each bad row listed with its reason, nothing written.
    await subNav(page, 'import').click();
    await page.waitForURL(/\/registry\/import$/);
    const address = 'г. Москва, ул. Тестовая, д. 1';
    const good = (n: number) => [address, '1', String(n), '45,5', `98766000000${n}`, `Жилец ${n}`, '1'];
    await page.getByTestId('import-file-input').setInputFiles({
      name: 'registry.csv',
      mimeType: 'text/csv',
      buffer: registryCsv([good(1), [address, '1', '2', '-3', '987660000002', 'Жилец 2', '1']]),
    });
    await waitForText(page.getByTestId('import-file-name'), 'registry.csv');
    const checked = page.waitForResponse((r) => r.url().includes('/api/registry/import?'));
    await page.getByTestId('import-check').click();
    const report = (await (await checked).json()) as RegistryImportReport;
    await page.locator('[data-testid="import-report"][data-step="fix"]').waitFor();
    expect(await page.getByTestId('import-run').isDisabled()).toBe(true);
    const errors = report.issues.filter((issue) => issue.severity === 'error');
    expect(errors.map((issue) => [issue.row, issue.column])).toEqual([[3, 'area']]);
    const listed = page.locator('[data-testid="import-issue"][data-severity="error"]');
    expect(await listed.count()).toBe(1);
    expect(await listed.first().getAttribute('data-row')).toBe('3');
    const expected = issueText(errors[0] as (typeof errors)[number]);
    const reason = 'text' in expected ? expected.text : i18n.t(expected.key, expected.values);
    expect(reason).not.toMatch(/\{\{/);
    expect(await listed.first().getByTestId('import-issue-reason').textContent()).toBe(reason);
    const notWritten = await api<HouseList>(page, stand, `/houses?search=${encodeURIComponent('Тестовая')}`);
    expect(notWritten.total).toBe(0);

    // A clean file: checked, then imported, with the counts shown.
    await page.getByTestId('import-file-input').setInputFiles({
      name: 'registry-fixed.csv',
      mimeType: 'text/csv',
      buffer: registryCsv([good(1), good(2)]),
    });
    await waitForText(page.getByTestId('import-file-name'), 'registry-fixed.csv');
    await page.getByTestId('import-check').click();
    await page.locator('[data-testid="import-report"][data-step="ready"]').waitFor();
    await waitForText(page.locator('[data-testid="import-summary-row"][data-entity="premises"]'), '2');
    await page.getByTestId('import-run').click();
    await page.locator('[data-testid="import-report"][data-step="done"]').waitFor({ timeout: 20_000 });
    expect(
      await page
        .locator('[data-testid="import-summary-row"][data-entity="premises"]')
        .getByTestId('import-create')
        .textContent(),
    ).toBe('2');
    const imported = await api<HouseList>(page, stand, `/houses?search=${encodeURIComponent('Тестовая')}`);
    expect(imported.items.map((h) => [h.address, h.premisesCount])).toEqual([[address, 2]]);

    expect(browser.errors).toEqual([]);
  });

  it('an accountant reads the registry without any button to change it', { timeout: 60_000 }, async () => {
    if (!stand || !browser) throw new Error('stand or browser did not start');
    if (!createdPremisesId) throw new Error('the manager’s flow did not create premises');
    const context = await browser.browser.newContext({
      locale: 'ru-RU',
      viewport: { width: 1280, height: 800 },
    });
    try {
      const page = await context.newPage();
      await signIn(page, stand, 'ACCOUNTANT');
      await page.goto(`${stand.url}/registry/entrances`);
      await page.getByTestId('entrance-row').first().waitFor();
      // registry.read without registry.write: the pages, but no import and no changes.
      await subNav(page, 'premises').waitFor();
      expect(await subNav(page, 'import').count()).toBe(0);
      for (const id of ['entrance-add', 'entrance-edit', 'entrance-delete']) {
        expect(await page.getByTestId(id).count(), id).toBe(0);
      }

      await page.goto(`${stand.url}/registry/premises/${createdPremisesId}`);
      await page.getByTestId('premises-page').waitFor();
      await page.getByTestId('meter-row').first().waitFor();
      await page.getByTestId('ownership-row').first().waitFor();
      for (const id of [
        'premises-edit',
        'premises-delete',
        'account-add',
        'account-edit',
        'account-delete',
        'owner-add',
        'ownership-edit',
        'ownership-delete',
        'meter-add',
        'meter-replace',
        'meter-retire',
        'invite-reissue',
      ]) {
        expect(await page.getByTestId(id).count(), id).toBe(0);
      }

      await page.goto(`${stand.url}/registry/import`);
      await page.getByTestId('no-access').waitFor();
    } finally {
      await context.close();
    }
  });
});
