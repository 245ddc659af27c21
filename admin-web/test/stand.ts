import type { Locator, Page } from 'playwright-core';

/**
 * What `@domovoy/test-support/panel-stand` provides: the app (API + built panel + demo data) on a free port. A test
 * that uses more of it (its database, its configuration) extends this interface with what it reads.
 */
export interface PanelStand {
  url: string;
  logins: { role: string; email: string; password: string; houses: string }[];
  stop(): Promise<void>;
}

export type Backend = 'pglite' | 'postgres';

/** As test-support's DATABASE_BACKENDS: the embedded database always, PostgreSQL too when DATABASE_URL is set. */
export const BACKENDS: Backend[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/**
 * Imported at run time through a variable so that the panel's typecheck (DOM, bundler resolution) does not pull in
 * the server's sources; the interface is the contract.
 */
export async function startPanelStand<S extends PanelStand = PanelStand>(
  options: { database?: Backend } = {},
): Promise<S> {
  const specifier = '@domovoy/test-support/panel-stand';
  const module = (await import(/* @vite-ignore */ specifier)) as {
    startPanelStand(options: { database?: Backend }): Promise<S>;
  };
  return module.startPanelStand(options);
}

/** Waits until the element shows this text (playwright-core has no auto-retrying expect). */
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
