import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, hasChromium, launchBrowser } from './browser.ts';
import { ensureBuiltExclusively } from './exclusive-build.ts';

/**
 * The acceptance chain of tickets (issue 6) through the real application — bot, API with the built panel, and the
 * outbox worker in one process — with Telegram played by the Bot API emulator and the dispatcher by Chromium:
 * a resident opens a ticket with an album of two photos; the dispatcher sees it arrive live, replies and assigns
 * the executor; the resident gets the reply; the executor accepts, works and finishes it in the bot; the resident
 * confirms and rates it; the panel shows the rating.
 */

type Backend = { database: 'pglite' | 'postgres'; kv: 'memory' | 'redis' };
const BACKENDS: Backend[] = [
  { database: 'pglite', kv: 'memory' },
  ...(process.env.DATABASE_URL && process.env.REDIS_URL
    ? [{ database: 'postgres', kv: 'redis' } as const]
    : []),
];

/** What the test reads of a bot message (see test-support's BotMessage). */
interface BotMessage {
  text?: string;
  caption?: string;
}

/** A Telegram user of the emulator (test-support's TestUser), as far as this test uses it. */
interface TestUser {
  readonly id: number;
  readonly user: Record<string, unknown>;
  send(text: string): Promise<unknown>;
  tap(label: string): Promise<void>;
  lastReply(options?: { timeoutMs?: number }): Promise<string>;
  replies(): BotMessage[];
  inlineButtons(): string[];
}

/** The emulator's internals a user album needs (see sendAlbum). */
interface EmulatorCore {
  files: { addPhotoWithSizes(bytes: Buffer): unknown[] };
  store: {
    addMessage(chatId: number, content: Record<string, unknown>, options: { fromBot: boolean }): unknown;
    apiMessage(record: unknown): Record<string, unknown>;
  };
  deliver(update: { message: Record<string, unknown> }): Promise<unknown>;
}

interface SqlDb {
  sql: { query<T>(text: string, params?: unknown[]): Promise<T[]> };
  destroy(): Promise<void>;
}

interface ChainStand {
  url: string;
  db: SqlDb;
  user(languageCode: string, options?: { firstName?: string }): TestUser;
  stop(): Promise<void>;
}

const DISPATCHER = { email: 'dispatcher@demo.domovoy.local', password: 'demo-dispatcher-2026' };
const EXECUTOR = {
  email: 'executor@demo.domovoy.local',
  password: 'demo-executor-2026',
  fullName: 'Гусев Павел Юрьевич',
};

/** Server modules are imported at run time so the panel's typecheck does not pull in the server's sources. */
const load = <T>(specifier: string) => import(/* @vite-ignore */ specifier) as Promise<T>;

/**
 * The app as `npm start` runs it with every role (APP_ROLES=bot,api,worker) on the demo data, the bot in webhook
 * mode against the emulator, files in a scratch folder, the real clock (the live inbox tells created from changed
 * tickets by their timestamps).
 */
async function startChainStand(backend: Backend): Promise<ChainStand> {
  const support = await load<{
    startBotApiEmulator(options: { token: string }): Promise<{
      token: string;
      apiRoot: string;
      user(options: { languageCode: string; firstName?: string }): TestUser;
      close(): Promise<void>;
    }>;
  }>('@domovoy/test-support');
  const backends = await load<{
    createTestDatabase(kind: Backend['database']): Promise<SqlDb>;
    createTestKv(kind: Backend['kv']): Promise<{ close(): Promise<void> }>;
  }>('@domovoy/test-support/backends');
  const { freePort } = await load<{ freePort(): Promise<number> }>('@domovoy/test-support/stand');
  const { seedDemo } = await load<{ seedDemo(db: SqlDb): Promise<unknown> }>('@domovoy/domain');
  const platform = await load<{
    loadConfig(env: Record<string, string>): { logLevel: string };
    createLogger(level: string): unknown;
  }>('@domovoy/platform');
  const { startApp } = await load<{
    startApp(
      config: unknown,
      logger: unknown,
      injected: { db: SqlDb; kv: unknown },
    ): Promise<{ stop(): Promise<void> }>;
  }>('@domovoy/app');

  const emu = await support.startBotApiEmulator({ token: '123456:TEST-chain-token' });
  const dataDir = await mkdtemp(join(tmpdir(), 'domovoy-ticket-chain-'));
  const db = await backends.createTestDatabase(backend.database);
  await seedDemo(db);
  const kv = await backends.createTestKv(backend.kv);
  const port = await freePort();
  const config = platform.loadConfig({
    APP_ROLES: 'bot,api,worker',
    BOT_TOKEN: emu.token,
    TELEGRAM_API_ROOT: emu.apiRoot,
    BOT_MODE: 'webhook',
    WEBHOOK_SECRET: 'chain-webhook-secret-0123456789',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
  });
  const app = await startApp(config, platform.createLogger(config.logLevel), { db, kv });
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    user: (languageCode, options = {}) => emu.user({ languageCode, ...options }),
    stop: async () => {
      await app.stop();
      await emu.close();
      await kv.close();
      await db.destroy();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * An album: photos sharing a media_group_id, each its own update, as Telegram delivers them. The emulator's users
 * send single photos only, so this goes through its core the way TestUser.sendPhoto does.
 */
async function sendAlbum(user: TestUser, photos: Buffer[]): Promise<void> {
  const core = (user as unknown as { core: EmulatorCore }).core;
  const groupId = `album-${user.id}-${Date.now()}`;
  for (const bytes of photos) {
    const photo = core.files.addPhotoWithSizes(bytes);
    const record = core.store.addMessage(
      user.id,
      { from: user.user, photo, media_group_id: groupId },
      { fromBot: false },
    );
    (user as unknown as { markAction(description: string): void }).markAction('sendAlbum');
    await core.deliver({ message: core.store.apiMessage(record) });
  }
}

/** A one-colour PNG, so the panel has a real image to show. */
function png(size: number, rgb: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = (crcTable[(c ^ b) & 0xff] as number) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => rgb).flat())]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: size }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Waits for a message the worker delivers through the outbox. */
const delivered = (user: TestUser, match: RegExp) =>
  expect
    .poll(() => user.replies().some((m) => match.test(m.text ?? m.caption ?? '')), { timeout: 20_000 })
    .toBe(true);

/** The executor's one-time link code, asked for through the API as the panel's profile page does. */
async function telegramLinkCode(stand: ChainStand): Promise<string> {
  const login = await fetch(`${stand.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: EXECUTOR.email, password: EXECUTOR.password }),
  });
  expect(login.status).toBe(200);
  const sid = login.headers.getSetCookie().find((c) => c.startsWith('domovoy_sid='));
  if (!sid) throw new Error('no session cookie');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const res = await fetch(`${stand.url}/api/staff/me/telegram-code`, {
    method: 'POST',
    headers: { cookie: sid.split(';')[0] as string, 'x-csrf-token': csrfToken },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { code: string }).code;
}

async function signIn(page: Page, stand: ChainStand): Promise<void> {
  await page.goto(`${stand.url}/login`);
  await page.getByTestId('login-email').fill(DISPATCHER.email);
  await page.getByTestId('login-password').fill(DISPATCHER.password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

// Debian's Chromium (/usr/bin/chromium) drives the panel; without it the chain skips (tests never download one).
describe.skipIf(!hasChromium()).each(BACKENDS)(
  'the ticket chain bot ↔ panel ↔ executor [$database] [$kv]',
  (backend) => {
    let stand: ChainStand | undefined;
    let browser: BrowserSession | undefined;

    beforeAll(async () => {
      await ensureBuiltExclusively();
      stand = await startChainStand(backend);
      browser = await launchBrowser({ locale: 'ru-RU' });
    });

    afterAll(async () => {
      await browser?.close();
      await stand?.stop();
    });

    it('resident → dispatcher → executor → resident, with two photos, a reply and a rating', {
      timeout: 240_000,
    }, async () => {
      if (!stand || !browser) throw new Error('stand or browser did not start');
      const { page, errors } = browser;

      // The executor links Telegram with a one-time code from the panel's API.
      const executor = stand.user('ru', { firstName: 'Павел' });
      await executor.send(`/staff ${await telegramLinkCode(stand)}`);
      expect(await executor.lastReply()).toBe(
        `✅ Telegram привязан к сотруднику ${EXECUTOR.fullName}. Назначенные вам заявки: /work`,
      );

      // The dispatcher watches the live inbox of their house.
      await signIn(page, stand);
      const me = (await (await page.request.get(`${stand.url}/api/auth/me`)).json()) as {
        user: { grants: { houseId: string | null }[] };
      };
      const houseId = me.user.grants[0]?.houseId;
      if (!houseId) throw new Error('the demo dispatcher has no house');
      await page.getByTestId('nav-tickets').click();
      await page.waitForURL((url) => url.pathname === '/tickets');
      await page.locator('[data-testid="tickets-live"][data-state="open"]').waitFor({ timeout: 20_000 });
      // A marker in the page: it survives only if the page is not reloaded.
      await page.evaluate(() => {
        (window as unknown as { chainMarker: number }).chainMarker = 7;
      });

      // A resident of that house joins with the invite code from their receipt and opens a ticket with an album.
      const [flat] = await stand.db.sql.query<{ invite_code: string }>(
        `SELECT a.invite_code FROM personal_accounts a JOIN premises p ON p.id = a.premises_id
       WHERE p.house_id = $1 AND a.closed_at IS NULL AND a.invite_code IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM resident_account_links l WHERE l.account_id = a.id)
       ORDER BY p.number LIMIT 1`,
        [houseId],
      );
      if (!flat) throw new Error('no free invite code in the dispatcher’s house');
      const resident = stand.user('ru', { firstName: 'Анна' });
      await resident.send(`/start ${flat.invite_code}`);
      await resident.tap('Собственник');
      expect(resident.replies().some((m) => m.text?.startsWith('Готово! Квартира'))).toBe(true);
      const description = 'Течёт кран на кухне, вода капает под раковину';
      await resident.send('/ticket');
      await resident.send(description);
      await resident.tap('✓ Сантехника');
      await resident.tap('Нет, обычная заявка');
      await sendAlbum(resident, [png(24, [200, 40, 40]), png(32, [40, 80, 200])]);
      // One notice for the whole album, updated as its photos arrive.
      expect(await resident.lastReply()).toBe('Фото добавлено (2).');
      expect(resident.replies().filter((m) => m.text?.startsWith('Фото добавлено'))).toHaveLength(1);
      await resident.tap('✅ Создать заявку');
      const created = (await resident.lastReply()).match(/^Заявка №(\d+) создана\./);
      expect(created).not.toBeNull();
      const number = Number(created?.[1]);
      const [ticket] = await stand.db.sql.query<{ id: string }>(
        'SELECT id FROM tickets WHERE house_id = $1 AND number = $2',
        [houseId, number],
      );
      if (!ticket) throw new Error(`ticket №${number} not found`);

      // It appears in the inbox without a reload.
      const row = page.locator(`[data-testid="ticket-row"][data-id="${ticket.id}"]`);
      await row.waitFor({ timeout: 20_000 });
      expect(await row.textContent()).toContain(description);
      expect(await page.evaluate(() => (window as unknown as { chainMarker?: number }).chainMarker)).toBe(7);

      // Both photos are copied from Telegram into the file store (off the update path), then shown on the page.
      await expect
        .poll(
          async () =>
            (
              await stand!.db.sql.query<{ n: number }>(
                `SELECT count(*)::int AS n FROM ticket_attachments
               WHERE ticket_id = $1 AND kind = 'PHOTO' AND size > 0`,
                [ticket.id],
              )
            )[0]?.n,
          { timeout: 20_000 },
        )
        .toBe(2);
      await row.click();
      await page.waitForURL((url) => url.pathname === `/tickets/${ticket.id}`);
      expect(await page.getByTestId('ticket-description').textContent()).toBe(description);
      const photos = page.locator('[data-testid="ticket-details"] [data-testid="ticket-photo"]');
      await expect.poll(() => photos.count(), { timeout: 10_000 }).toBe(2);
      await expect
        .poll(
          () =>
            photos.evaluateAll((images) =>
              images.map(
                (i) => `${(i as HTMLImageElement).naturalWidth}x${(i as HTMLImageElement).naturalHeight}`,
              ),
            ),
          { timeout: 10_000 },
        )
        .toEqual(['24x24', '32x32']);

      // The dispatcher replies; the worker delivers it to the resident in Telegram.
      const reply = 'Здравствуйте! Сантехник придёт сегодня до 18:00.';
      await page.getByTestId('ticket-reply-text').fill(reply);
      await page.getByTestId('ticket-reply-send').click();
      await page.locator('[data-testid="ticket-message"]', { hasText: reply }).waitFor();
      await delivered(resident, new RegExp(`^💬 Ответ по заявке №${number}:\\n${reply}$`));
      // The page learns that Telegram took it (it looks again while a reply is on its way).
      await page
        .locator('[data-testid="ticket-message"]', { hasText: reply })
        .locator('[data-testid="ticket-message-delivery"][data-delivery="sent"]')
        .waitFor({ timeout: 15_000 });

      // …and assigns the executor, who is told in the bot.
      await page.getByTestId('ticket-assignee-select').click();
      await page.getByRole('option', { name: new RegExp(`^${EXECUTOR.fullName}`) }).click();
      await page.getByTestId('ticket-assign').click();
      await page.getByTestId('ticket-assignee').filter({ hasText: EXECUTOR.fullName }).waitFor();
      await delivered(executor, new RegExp(`^🛠 Вам назначена заявка №${number} `));

      // The executor accepts the still-new ticket, starts and finishes the work from the bot.
      const status = (value: string) =>
        page.locator(`[data-testid="ticket-badges"] [data-testid="ticket-status"][data-status="${value}"]`);
      await executor.tap('Открыть заявку');
      expect(await executor.lastReply()).toMatch(new RegExp(`^🔧 Заявка №${number} · Сантехника\\n`));
      await executor.tap('✅ Принять');
      expect(await executor.lastReply()).toBe(
        `Вы приняли заявку №${number}, её статус теперь «принята в работу».`,
      );
      await status('ACCEPTED').waitFor({ timeout: 15_000 });
      await executor.tap('▶️ В работу');
      await status('IN_PROGRESS').waitFor({ timeout: 15_000 });
      await executor.tap('✔️ Выполнено');
      expect(await executor.lastReply()).toBe(`Заявка №${number}: выполнена.`);
      await status('DONE').waitFor({ timeout: 15_000 });

      // The resident confirms and rates it in the bot.
      await delivered(
        resident,
        new RegExp(`^🛠 Заявка №${number}: выполнена — подтвердите или откройте заново\\.$`),
      );
      await resident.tap('✅ Подтвердить');
      expect(await resident.lastReply()).toBe(
        `Спасибо! Заявка №${number} закрыта. Оцените, пожалуйста, работу:`,
      );
      await resident.tap('⭐⭐⭐⭐');
      await resident.send('Пришли вовремя, всё починили');
      expect(await resident.lastReply()).toBe('Спасибо! Отзыв передан управляющей компании.');

      // The panel shows the rating on the ticket page, live.
      const rating = page.getByTestId('ticket-rating');
      await rating.waitFor({ timeout: 15_000 });
      await expect
        .poll(() => rating.textContent(), { timeout: 15_000 })
        .toBe('4 ★ — Пришли вовремя, всё починили');
      await status('CLOSED').waitFor();

      // The history has every step: created, accepted, in progress, done (the executor), closed (the resident).
      const steps = await page
        .locator('[data-testid="ticket-history-item"][data-field="status"]')
        .evaluateAll((items) => items.length);
      expect(steps).toBe(5);
      // The dispatcher's reply, before anyone accepted the ticket, was its first response: the reaction clock.
      const [closed] = await stand.db.sql.query<{ repliedFirst: boolean; status: string; rating: number }>(
        `SELECT t.reacted_at < (SELECT min(h.created_at) FROM ticket_history h
                                WHERE h.ticket_id = t.id AND h.to_value = 'ACCEPTED') AS "repliedFirst",
                t.status::text AS status, t.rating
         FROM tickets t WHERE t.id = $1`,
        [ticket.id],
      );
      expect(closed).toEqual({ repliedFirst: true, status: 'CLOSED', rating: 4 });
      expect(errors).toEqual([]);
    });
  },
);
