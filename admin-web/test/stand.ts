import type { Locator, Page } from 'playwright-core';

/** What `@domovoy/test-support/panel-stand` provides: the app (API + built panel + demo data) on a free port. */
export interface PanelStand {
  url: string;
  logins: { role: string; email: string; password: string; houses: string }[];
  stop(): Promise<void>;
}

/** Imported at run time so the panel's typecheck does not pull in the server's sources (see panel.e2e.test.ts). */
export async function startPanelStand(): Promise<PanelStand> {
  const specifier = '@domovoy/test-support/panel-stand';
  const module = (await import(/* @vite-ignore */ specifier)) as { startPanelStand(): Promise<PanelStand> };
  return module.startPanelStand();
}

export async function waitForText(locator: Locator, text: string, timeout = 10_000): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout });
}

/** Signs in through the login page as the demo login of the role (ADMIN, MANAGER, …). */
export async function signIn(page: Page, stand: PanelStand, role: string): Promise<void> {
  const login = stand.logins.find((l) => l.role.toUpperCase() === role);
  if (!login) throw new Error(`no ${role} among the demo logins`);
  await page.goto(`${stand.url}/login`);
  await page.getByTestId('login-email').fill(login.email);
  await page.getByTestId('login-password').fill(login.password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}
