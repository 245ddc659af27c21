import { resources } from '@domovoy/locales';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxPage, TicketDetail } from '../src/api/tickets.ts';
import { type BrowserSession, hasChromium, launchBrowser } from './browser.ts';
import { ensureBuiltExclusively } from './exclusive-build.ts';
import { BACKENDS, type PanelStand, signIn, startPanelStand } from './stand.ts';

/** The panel stand, and its database: `db.sql` runs SQL on it. */
interface TicketsStand extends PanelStand {
  db: {
    sql: { query<T>(text: string, params?: unknown[]): Promise<T[]> };
  };
}

/** A resident opens a ticket the way the bot does it (the domain's use-case), on the stand's database. */
async function residentOpensTicket(
  stand: TicketsStand,
  input: { telegramUserId: bigint; accountId: string; description: string },
): Promise<{ id: string; number: number }> {
  const specifier = '@domovoy/domain';
  const domain = (await import(/* @vite-ignore */ specifier)) as {
    createResidentTicket(
      deps: { db: unknown },
      input: { telegramUserId: bigint; accountId: string; category: string; description: string },
    ): Promise<{ id: string; number: number }>;
  };
  return domain.createResidentTicket({ db: stand.db }, { ...input, category: 'PLUMBING' });
}

const ru = resources.ru.web;

async function api<T>(page: Page, stand: PanelStand, path: string): Promise<T> {
  const response = await page.request.get(`${stand.url}/api${path}`);
  expect(response.status(), path).toBe(200);
  return (await response.json()) as T;
}

// Debian's Chromium (/usr/bin/chromium) drives the panel; without it the flow skips (tests never download one).
describe.skipIf(!hasChromium()).each(BACKENDS)('tickets in Chromium [%s]', (backend) => {
  let stand: TicketsStand | undefined;
  let browser: BrowserSession | undefined;

  beforeAll(async () => {
    await ensureBuiltExclusively();
    stand = await startPanelStand<TicketsStand>({ database: backend });
    browser = await launchBrowser({ locale: 'ru-RU' });
  });

  afterAll(async () => {
    await browser?.close();
    await stand?.stop();
  });

  it('a dispatcher sees a new ticket arrive live, opens it, replies, assigns an executor and sees the history', {
    timeout: 150_000,
  }, async () => {
    if (!stand || !browser) throw new Error('stand or browser did not start');
    const { page, errors } = browser;
    await signIn(page, stand, 'DISPATCHER');

    // A resident of the dispatcher's house who linked the bot (the demo has none: the bot would have made one).
    const me = await api<{ user: { fullName: string; grants: { houseId: string | null }[] } }>(
      page,
      stand,
      '/auth/me',
    );
    const houseId = me.user.grants[0]?.houseId;
    if (!houseId) throw new Error('the demo dispatcher has no house');
    const [flat] = await stand.db.sql.query<{ account_id: string }>(
      `SELECT a.id AS account_id FROM personal_accounts a JOIN premises p ON p.id = a.premises_id
       WHERE p.house_id = $1 AND a.closed_at IS NULL ORDER BY p.number LIMIT 1`,
      [houseId],
    );
    if (!flat) throw new Error('no open account in the house');
    const telegramUserId = 770_000_123n;
    await stand.db.sql.query(
      `INSERT INTO residents (id, telegram_user_id, chat_id, first_name, last_name, language_code)
       VALUES ('e2e-resident', $1, $1, 'Анна', 'Жителева', 'ru')`,
      [telegramUserId.toString()],
    );
    await stand.db.sql.query(
      `INSERT INTO resident_account_links (id, resident_id, account_id, role, linked_via)
       VALUES ('e2e-link', 'e2e-resident', $1, 'OWNER', 'INVITE')`,
      [flat.account_id],
    );

    // The inbox, connected to the live stream.
    await page.getByTestId('nav-tickets').click();
    await page.waitForURL((url) => url.pathname === '/tickets');
    await page.locator('[data-testid="tickets-live"][data-state="open"]').waitFor({ timeout: 20_000 });
    await page.getByTestId('ticket-row').first().waitFor();
    const before = await api<InboxPage>(page, stand, '/tickets');
    // A marker in the page: it survives only if the page is not reloaded.
    await page.evaluate(() => {
      (window as unknown as { e2eMarker: number }).e2eMarker = 42;
    });

    // Meanwhile a resident opens a ticket in the bot.
    const description = 'Течёт смеситель на кухне, вода под раковиной';
    const ticket = await residentOpensTicket(stand, {
      telegramUserId,
      accountId: flat.account_id,
      description,
    });
    const row = page.locator(`[data-testid="ticket-row"][data-id="${ticket.id}"]`);
    await row.waitFor({ timeout: 20_000 });
    await row.locator('[data-testid="ticket-fresh"]').waitFor();
    expect(await row.textContent()).toContain(description);
    expect(await page.evaluate(() => (window as unknown as { e2eMarker?: number }).e2eMarker)).toBe(42);
    const newCounter = page.getByTestId('tickets-counter-NEW');
    await expect
      .poll(async () => Number(await newCounter.getAttribute('data-count')), { timeout: 10_000 })
      .toBe(before.counters.NEW + 1);

    // The ticket page.
    await row.click();
    await page.waitForURL((url) => url.pathname === `/tickets/${ticket.id}`);
    await page
      .getByTestId('page-title')
      .filter({ hasText: `№${ticket.number}` })
      .waitFor();
    expect(await page.getByTestId('ticket-description').textContent()).toBe(description);
    expect(await page.getByTestId('ticket-resident').textContent()).toContain('Анна Жителева');

    // A reply goes to the resident: a message in the thread and an outbox row for their chat.
    const reply = 'Здравствуйте! Сантехник придёт сегодня до 18:00.';
    await page.getByTestId('ticket-reply-text').fill(reply);
    await page.getByTestId('ticket-reply-send').click();
    await page.locator('[data-testid="ticket-message"]', { hasText: reply }).waitFor();
    const outbox = await stand.db.sql.query<{ chat_id: string; kind: string; text: string }>(
      `SELECT chat_id::text, kind, payload->'params'->>'text' AS text FROM outbox_messages
       WHERE resident_id = 'e2e-resident' AND kind = 'TICKET_REPLY'`,
    );
    expect(outbox).toEqual([
      { chat_id: telegramUserId.toString(), kind: 'TICKET_REPLY', text: expect.stringContaining(reply) },
    ]);

    // An internal note stays with staff: marked in the thread, nothing more in the outbox.
    await page.getByTestId('ticket-reply-mode').getByText(ru.tickets.reply.mode_note).click();
    await page.getByTestId('ticket-reply-text').fill('Перекрыть стояк в подвале');
    await page.getByTestId('ticket-reply-send').click();
    await page.locator('[data-testid="ticket-message"][data-internal="true"]').waitFor();
    const replies = await stand.db.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox_messages WHERE resident_id = 'e2e-resident' AND kind = 'TICKET_REPLY'`,
    );
    expect(replies[0]?.n).toBe(1);

    // Accept it, then assign the executor.
    await page.getByTestId('ticket-transition-ACCEPTED').click();
    await page.getByTestId('transition-confirm').click();
    await page
      .locator('[data-testid="ticket-badges"] [data-testid="ticket-status"][data-status="ACCEPTED"]')
      .waitFor();
    const detail = await api<TicketDetail>(page, stand, `/tickets/${ticket.id}`);
    const assignees = await api<{ items: { id: string; fullName: string; executor: boolean }[] }>(
      page,
      stand,
      `/tickets/assignees?houseId=${detail.houseId}`,
    );
    const executorName = assignees.items.find((a) => a.executor)?.fullName;
    if (!executorName) throw new Error('no executor to assign');
    await page.getByTestId('ticket-assignee-select').click();
    await page.getByRole('option', { name: new RegExp(`^${executorName}`) }).click();
    await page.getByTestId('ticket-assign').click();
    await page.getByTestId('ticket-assignee').filter({ hasText: executorName }).waitFor();

    // The history: created by the resident, accepted and assigned by the dispatcher, with names.
    const history = page.getByTestId('ticket-history-item');
    await page.locator('[data-testid="ticket-history-item"][data-field="assignee"]').waitFor();
    const fields = await history.evaluateAll((items) => items.map((i) => i.getAttribute('data-field')));
    expect(fields).toEqual(['status', 'status', 'assignee']);
    const assigned = await page
      .locator('[data-testid="ticket-history-item"][data-field="assignee"]')
      .textContent();
    expect(assigned).toContain(executorName);
    expect(assigned).toContain(me.user.fullName);
    const statuses = await stand.db.sql.query<{ kind: string }>(
      `SELECT kind FROM outbox_messages WHERE resident_id = 'e2e-resident' ORDER BY id`,
    );
    // The resident heard about the reply, the acceptance and the executor.
    expect(statuses.map((s) => s.kind)).toEqual(['TICKET_REPLY', 'TICKET_STATUS', 'TICKET_STATUS']);

    // Back in the inbox the ticket shows its executor.
    await page.getByTestId('ticket-back').click();
    await page
      .locator(`[data-testid="ticket-row"][data-id="${ticket.id}"]`)
      .filter({ hasText: executorName })
      .waitFor();
    expect(errors).toEqual([]);
  });
});
