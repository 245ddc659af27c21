import { resources } from '@domovoy/locales';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, hasChromium, launchBrowser } from './browser.ts';
import { ensureBuiltExclusively } from './exclusive-build.ts';
import { BACKENDS, type Backend, type PanelStand, signIn } from './stand.ts';

/** The panel stand, with its configuration (its file store is where uploads land) and database (`db.sql`). */
interface AnnouncementsStand extends PanelStand {
  config: { bot: Record<string, unknown> };
  db: { sql: { query<T>(text: string, params?: unknown[]): Promise<T[]> } };
}

/** The Bot API stand-in: every message the bot sent, per chat. */
interface Emulator {
  apiRoot: string;
  user(): { id: number };
  sent(): { method: string; chatId: number; text?: string }[];
  calls(method: string): { params: Record<string, unknown>; ok: boolean }[];
  fileBytes(fileId: string): Promise<Buffer>;
  close(): Promise<void>;
}

interface Stoppable {
  start(): void;
  stop(): Promise<void>;
}

interface Kv {
  store: { get(key: string): Promise<string | undefined> };
  close(): Promise<void>;
}

/**
 * Server-side pieces, imported at run time so the panel's typecheck does not pull in the server's sources (see
 * panel.e2e.test.ts): the panel stand, the Bot API emulator, and an outbox worker delivering to it — the same
 * worker the app's worker role runs, here next to the API-only stand.
 */
async function serverModules() {
  const load = (specifier: string) => import(/* @vite-ignore */ specifier);
  const [stand, support, backends, domain, app] = await Promise.all([
    load('@domovoy/test-support/panel-stand'),
    load('@domovoy/test-support'),
    load('@domovoy/test-support/backends'),
    load('@domovoy/domain'),
    load('@domovoy/app'),
  ]);
  return {
    startPanelStand: stand.startPanelStand as (o: { database: Backend }) => Promise<AnnouncementsStand>,
    startBotApiEmulator: support.startBotApiEmulator as (o: { token: string }) => Promise<Emulator>,
    createTestKv: backends.createTestKv as (backend: 'memory' | 'redis') => Promise<Kv>,
    startOutboxWorker: (stand: AnnouncementsStand, kv: Kv, emu: Emulator): Stoppable =>
      new domain.OutboxWorker({
        db: stand.db,
        kv,
        // The worker role's own transport: it uploads the stand's stored photo rather than sending its URL.
        transport: app.createOutboxTransport(
          { ...stand.config, bot: { ...stand.config.bot, token: TOKEN, apiRoot: emu.apiRoot } },
          stand.db,
          kv,
          TOKEN,
        ),
        workerId: 'e2e-announcements',
        limits: {
          globalPerSecond: 30,
          perChatPerSecond: 1,
          batchSize: 50,
          leaseSeconds: 10,
          maxAttempts: 5,
          idleDelayMs: 100,
        },
      }),
  };
}

const TOKEN = '4242:announcements-e2e';
/** The rate limits in Redis when the real servers are there, as the app shares them between workers. */
const kvFor = (backend: Backend) => (backend === 'postgres' && process.env.REDIS_URL ? 'redis' : 'memory');
const ru = resources.ru.web;
/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

// Debian's Chromium (/usr/bin/chromium) drives the panel; without it the flow skips (tests never download one).
describe.skipIf(!hasChromium()).each(BACKENDS)('announcements in Chromium [%s]', (backend) => {
  let stand: AnnouncementsStand | undefined;
  let browser: BrowserSession | undefined;
  let emu: Emulator | undefined;
  let kv: Kv | undefined;
  let worker: Stoppable | undefined;
  let modules: Awaited<ReturnType<typeof serverModules>>;

  beforeAll(async () => {
    modules = await serverModules();
    await ensureBuiltExclusively();
    stand = await modules.startPanelStand({ database: backend });
    emu = await modules.startBotApiEmulator({ token: TOKEN });
    kv = await modules.createTestKv(kvFor(backend));
    worker = modules.startOutboxWorker(stand, kv, emu);
    worker.start();
    browser = await launchBrowser({ locale: 'ru-RU' });
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.stop();
    await kv?.close();
    await emu?.close();
    await stand?.stop();
  });

  it('a manager sends an announcement with a photo to one house, previews the count and watches it delivered', {
    timeout: 150_000,
  }, async () => {
    if (!stand || !browser || !emu) throw new Error('the stand, the browser or the emulator did not start');
    const { page, errors } = browser;

    // Residents who linked the bot: three in the first demo house, one in the other (who must get nothing).
    const houses = await stand.db.sql.query<{ id: string; address: string }>(
      'SELECT id, address FROM houses ORDER BY address',
    );
    const [house, other] = houses;
    if (!house || !other) throw new Error('the demo has fewer than two houses');
    const accounts = async (houseId: string, n: number) =>
      (
        await stand!.db.sql.query<{ id: string }>(
          `SELECT a.id FROM personal_accounts a JOIN premises p ON p.id = a.premises_id
           WHERE p.house_id = $1 AND a.closed_at IS NULL ORDER BY p.number LIMIT $2`,
          [houseId, n],
        )
      ).map((a) => a.id);
    const link = async (n: number, accountId: string) => {
      const user = emu!.user();
      await stand!.db.sql.query(
        `INSERT INTO residents (id, telegram_user_id, chat_id, first_name, language_code)
         VALUES ($1, $2, $2, 'Житель', 'ru')`,
        [`e2e-ann-${n}`, String(user.id)],
      );
      await stand!.db.sql.query(
        `INSERT INTO resident_account_links (id, resident_id, account_id, role, linked_via)
         VALUES ($1, $2, $3, 'OWNER', 'INVITE')`,
        [`e2e-ann-link-${n}`, `e2e-ann-${n}`, accountId],
      );
      return user.id;
    };
    const inHouse = await accounts(house.id, 3);
    const chats: number[] = [];
    for (const [i, accountId] of inHouse.entries()) chats.push(await link(i, accountId));
    const [elsewhere] = await accounts(other.id, 1);
    await link(99, elsewhere as string);
    const [seeded] = await stand.db.sql.query<{ n: number }>(
      `SELECT count(DISTINCT r.id)::int AS n FROM residents r
       JOIN resident_account_links l ON l.resident_id = r.id AND l.active
       JOIN personal_accounts a ON a.id = l.account_id JOIN premises p ON p.id = a.premises_id
       WHERE p.house_id = $1 AND r.reachable`,
      [house.id],
    );
    const residents = seeded?.n ?? 0;
    expect(residents).toBe(3);

    await signIn(page, stand, 'MANAGER');
    await page.getByTestId('nav-broadcasts').click();
    await page.waitForURL((url) => url.pathname === '/broadcasts');
    await page.getByTestId('announcements-empty').waitFor();

    // Compose: text, one house, the recipient count before sending.
    await page.getByTestId('announcement-add').click();
    await page.waitForURL((url) => url.pathname === '/broadcasts/new');
    // Nothing typed yet: the form says what is missing and sends nothing.
    await page.getByTestId('announcement-submit').click();
    await page.getByText(ru.announcements.form_errors.text).waitFor();
    const text = 'Завтра с 10:00 до 14:00 отключат холодную воду: ремонт стояка.';
    await page.getByTestId('announcement-title').fill('Отключение воды');
    await page.getByTestId('announcement-text').fill(text);
    // A photo from the computer: stored by the API, sent by the address Telegram fetches it from.
    await page.getByTestId('announcement-attachment').getByText(ru.announcements.attachment.photo).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('announcement-upload').click();
    await (await chooser).setFiles({ name: 'scheme.png', mimeType: 'image/png', buffer: PNG });
    const fileField = page.getByTestId('announcement-file');
    await expect
      .poll(() => fileField.inputValue(), { timeout: 10_000 })
      .toContain('/api/public/announcement-files/');
    const photoUrl = await fileField.inputValue();
    await page.getByTestId('announcement-house').click();
    await page.getByRole('option', { name: house.address, exact: true }).click();
    await page.getByTestId('announcement-preview').click();
    const count = page.getByTestId('announcement-preview-count');
    await count.waitFor();
    expect(Number(await count.getAttribute('data-count'))).toBe(residents);

    // Send now, after the confirmation that names the same number.
    await page.getByTestId('announcement-submit').click();
    const confirmCount = page.getByTestId('announcement-confirm-count');
    await confirmCount.waitFor();
    expect(Number(await confirmCount.getAttribute('data-count'))).toBe(residents);
    await page.getByTestId('confirm-ok').click();
    await page.waitForURL(
      (url) => /^\/broadcasts\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith('/new'),
    );
    const id = new URL(page.url()).pathname.split('/').pop() as string;
    await page.locator('[data-testid="announcement-status"][data-status="SENT"]').waitFor();

    // The counters follow the outbox worker's deliveries to the Bot API emulator until every message is sent.
    const counters = page.locator(`[data-testid="delivery-counters"][data-announcement-id="${id}"]`);
    await page
      .locator(`[data-testid="delivery-counters"][data-announcement-id="${id}"][data-done="true"]`)
      .waitFor({ timeout: 30_000 });
    const counter = async (name: string) =>
      Number(await counters.getByTestId(`delivery-${name}`).getAttribute('data-count'));
    expect(await counter('sent')).toBe(residents);
    expect(await counter('pending')).toBe(0);
    expect(await counter('failed')).toBe(0);
    expect(await counter('blocked')).toBe(0);

    // Exactly one message per resident of the house, none elsewhere.
    const sent = emu.sent();
    expect(sent).toHaveLength(residents);
    expect(sent.map((m) => m.chatId).sort()).toEqual([...chats].sort());
    expect(new Set(sent.map((m) => m.method))).toEqual(new Set(['sendPhoto']));
    // Telegram is never asked to fetch our URL: the worker uploads the photo, then sends the file_id it got back.
    const photoSha = photoUrl.split('/').pop();
    const fileId = await kv?.store.get(`tgfile:4242:announcement:${photoSha}`);
    expect(fileId).toBeTruthy();
    expect(Buffer.compare(await emu.fileBytes(fileId as string), PNG)).toBe(0);
    const calls = emu.calls('sendPhoto').filter((c) => c.ok);
    expect(calls).toHaveLength(residents);
    for (const call of calls) {
      expect(String(call.params.photo)).not.toContain('http');
      expect(call.params.caption).toBe(`Отключение воды\n\n${text}`);
    }
    expect(calls.some((c) => String(c.params.photo).startsWith('attach://'))).toBe(true);
    // What Telegram would fetch, without the panel's session: the very bytes uploaded.
    const fetched = await fetch(photoUrl);
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('content-type')).toBe('image/png');
    expect(Buffer.compare(Buffer.from(await fetched.arrayBuffer()), PNG)).toBe(0);

    // The list shows it as sent, with the same counters.
    await page.getByTestId('announcement-back').click();
    const row = page.locator(`[data-testid="announcement-row"][data-id="${id}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('SENT');
    await row
      .locator(`[data-testid="delivery-sent"][data-count="${residents}"]`)
      .waitFor({ timeout: 10_000 });
    expect(errors).toEqual([]);
  });

  it('a manager publishes a news item and adds an FAQ entry, both listed', { timeout: 90_000 }, async () => {
    if (!stand || !browser) throw new Error('the stand or the browser did not start');
    const { page, errors } = browser;
    await page.goto(`${stand.url}/broadcasts`);
    // Signed in already when the first test ran in this browser; on its own, sign in first.
    await page.locator('[data-testid="tab-news"], [data-testid="login-email"]').first().waitFor();
    if (new URL(page.url()).pathname.startsWith('/login')) {
      await signIn(page, stand, 'MANAGER');
      await page.goto(`${stand.url}/broadcasts`);
    }
    await page.getByTestId('tab-news').click();
    await page.waitForURL((url) => url.pathname === '/broadcasts/news');
    await page.getByTestId('news-empty').waitFor();
    // The demo comes with the usual questions already.
    await page.getByTestId('faq-row').first().waitFor();
    const entriesBefore = await page.getByTestId('faq-row').count();

    await page.getByTestId('news-add').click();
    await page.getByTestId('news-title').fill('Субботник');
    await page.getByTestId('news-text').fill('В субботу в 10:00 убираем двор, инвентарь выдадим.');
    await page.getByTestId('news-save').click();
    await page.getByTestId('news-item-title').filter({ hasText: 'Субботник' }).waitFor();

    await page.getByTestId('faq-add').click();
    await page.getByTestId('faq-save').click();
    await page.getByText(ru.news.faq.form_errors.question).waitFor();
    await page.getByTestId('faq-question').fill('Когда передавать показания?');
    await page.getByTestId('faq-answer').fill('С 20 по 25 число каждого месяца, в боте.');
    await page.getByTestId('faq-save').click();
    await page.getByTestId('faq-row-question').filter({ hasText: 'Когда передавать показания?' }).waitFor();
    expect(await page.getByTestId('faq-row').count()).toBe(entriesBefore + 1);

    // Both are the real records: the news item in the feed (not pushed to anyone), the entry published.
    const news = await stand.db.sql.query<{ recipient_count: number; status: string }>(
      `SELECT recipient_count, status::text FROM announcements WHERE title = 'Субботник'`,
    );
    expect(news).toEqual([{ recipient_count: 0, status: 'SENT' }]);
    const faq = await stand.db.sql.query<{ published: boolean; language: string }>(
      `SELECT published, language FROM faq_entries WHERE question = 'Когда передавать показания?'`,
    );
    expect(faq).toEqual([{ published: true, language: 'ru' }]);
    // A news item is not an announcement: the announcements tab does not list it.
    await page.getByTestId('tab-announcements').click();
    await page
      .locator('[data-testid="announcements-list"], [data-testid="announcements-empty"]')
      .first()
      .waitFor();
    expect(await page.getByTestId('announcement-row').filter({ hasText: 'Субботник' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
