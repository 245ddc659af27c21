import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer as createHttpServer, request, type Server } from 'node:http';
import { connect, createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKv, type Kv } from '@domovoy/platform';
import { type BotApiEmulator, startBotApiEmulator } from '@domovoy/test-support';
import { createTestDatabase, type TestDatabase } from '@domovoy/test-support/backends';
import { type AppProcess, freePort, runApp } from './run-app.ts';

/**
 * A small production-shaped deployment on loopback for the scale-out and fault tests: N app instances (api+bot,
 * webhook mode) behind a round-robin proxy, M workers, one scratch PostgreSQL database and one Redis database,
 * and the Bot API emulator — each process a real `npm start` child. A TCP proxy can sit in front of Redis and an
 * HTTP one in front of the Bot API, so a test can cut them without touching the shared servers; the database can
 * live on a private PostgreSQL server (private-postgres.ts) that a test really restarts.
 */

export const CLUSTER_TOKEN_PREFIX = '555';
export const WEBHOOK_SECRET = 'cluster-webhook-secret-0123456789';

export function clusterSkipReason(): string | undefined {
  if (!process.env.DATABASE_URL || !process.env.REDIS_URL)
    return 'needs DATABASE_URL and REDIS_URL (several processes must share PostgreSQL and Redis)';
  return undefined;
}

// ---------------------------------------------------------------- TCP proxy (Redis)

export interface TcpProxy {
  port: number;
  /** Live client connections. */
  connections(): number;
  /** Drops every connection and refuses new ones for ms (the server is unreachable); resolves when it is back. */
  outage(ms: number): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const port = await freePort();
  let server: NetServer;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = createNetServer((client) => {
        const upstream = connect(targetPort, targetHost);
        sockets.add(client);
        sockets.add(upstream);
        const drop = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on('error', drop).on('close', drop);
        upstream.on('error', drop).on('close', drop);
        client.pipe(upstream).pipe(client);
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      sockets.clear();
      server.close(() => resolve());
    });
  await listen();
  return {
    port,
    connections: () => [...sockets].filter((s) => s.remotePort !== targetPort).length,
    outage: async (ms) => {
      await stop();
      await new Promise((r) => setTimeout(r, ms));
      await listen();
    },
    close: stop,
  };
}

// ---------------------------------------------------------------- webhook proxy (round-robin)

export interface Balancer {
  url: string;
  /** update_id → backends (indexes) that received it, in order. */
  routes: Map<number, number[]>;
  /** chat id → its updates in arrival order: the backend that got each first, and the message text if any. */
  chats: Map<number, { updateId: number; backend: number; text?: string }[]>;
  redelivered(): number;
  close(): Promise<void>;
}

function post(url: string, path: string, headers: Record<string, string>, body: Buffer) {
  return new Promise<{ status: number; body: Buffer }>((resolve, reject) => {
    const req = request(new URL(path, url), { method: 'POST', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Spreads webhook POSTs round-robin over the backends. `redeliver(update_id)` says when to play Telegram after a
 * timeout: 'parallel' sends a copy to the next backend at the same time, 'after' sends it again once the first
 * answered — both as Telegram would, the same body to a different instance.
 */
export async function startBalancer(
  backends: () => string[],
  redeliver: (updateId: number) => 'parallel' | 'after' | undefined,
): Promise<Balancer> {
  let next = 0;
  let copies = 0;
  const routes = new Map<number, number[]>();
  const chats: Balancer['chats'] = new Map();
  const server: Server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers))
        if (typeof v === 'string' && k !== 'host' && k !== 'connection') headers[k] = v;
      const update = JSON.parse(body.toString()) as {
        update_id?: number;
        message?: { chat: { id: number }; text?: string };
        callback_query?: { message?: { chat: { id: number } } };
      };
      const updateId = Number(update.update_id);
      const chatId = update.message?.chat.id ?? update.callback_query?.message?.chat.id;
      const list = backends();
      const pick = () => {
        const i = next++ % list.length;
        const seen = routes.get(updateId) ?? [];
        seen.push(i);
        routes.set(updateId, seen);
        return post(list[i]!, req.url ?? '/', headers, body);
      };
      try {
        const mode = redeliver(updateId);
        const first = pick();
        if (chatId !== undefined) {
          const log = chats.get(chatId) ?? [];
          log.push({ updateId, backend: routes.get(updateId)![0]!, text: update.message?.text });
          chats.set(chatId, log);
        }
        if (mode === 'parallel') {
          copies++;
          await Promise.all([first, pick()]);
        } else if (mode === 'after') {
          await first;
          copies++;
          await pick();
        }
        const answer = await first;
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
      } catch (error) {
        res.writeHead(502).end(String(error));
      }
    });
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${port}`,
    routes,
    chats,
    redelivered: () => copies,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

// ---------------------------------------------------------------- Bot API stand-in with faults

export type BotApiFault = 'none' | '429' | '500' | 'hang';

export interface FaultyBotApi {
  apiRoot: string;
  fault: BotApiFault;
  /** Calls answered with an injected fault, by kind. */
  injected: Record<Exclude<BotApiFault, 'none'>, number>;
  close(): Promise<void>;
}

/**
 * Forwards to the emulator, except while `fault` is set: sendMessage calls then get 429 (retry_after 1), 500, or
 * no answer at all until the fault is lifted (the client's timeout fires first). Other methods pass.
 */
export async function startFaultyBotApi(emu: BotApiEmulator): Promise<FaultyBotApi> {
  const held = new Set<() => void>();
  const api: FaultyBotApi = {
    apiRoot: '',
    fault: 'none',
    injected: { '429': 0, '500': 0, hang: 0 },
    close: async () => undefined,
  };
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const fault = api.fault;
      if (fault !== 'none' && /\/sendMessage$/i.test(req.url ?? '')) {
        api.injected[fault]++;
        if (fault === '429') {
          res.writeHead(429, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              ok: false,
              error_code: 429,
              description: 'Too Many Requests: retry after 1',
              parameters: { retry_after: 1 },
            }),
          );
        } else if (fault === '500') {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ ok: false, error_code: 500, description: 'Internal Server Error' }));
        } else {
          const release = () => res.destroy();
          held.add(release);
          res.on('close', () => held.delete(release));
        }
        return;
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers))
        if (typeof v === 'string' && k !== 'host' && k !== 'connection') headers[k] = v;
      try {
        const answer = await new Promise<{ status: number; body: Buffer; type: string }>(
          (resolve, reject) => {
            const up = request(
              new URL(req.url ?? '/', emu.apiRoot),
              { method: req.method, headers, agent: false },
              (r) => {
                const parts: Buffer[] = [];
                r.on('data', (c: Buffer) => parts.push(c));
                r.on('end', () =>
                  resolve({
                    status: r.statusCode ?? 0,
                    body: Buffer.concat(parts),
                    type: String(r.headers['content-type'] ?? 'application/json'),
                  }),
                );
              },
            );
            up.on('error', reject);
            up.end(Buffer.concat(chunks));
          },
        );
        res.writeHead(answer.status, { 'content-type': answer.type }).end(answer.body);
      } catch {
        res.destroy();
      }
    });
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  api.apiRoot = `http://127.0.0.1:${port}`;
  api.close = () =>
    new Promise<void>((r) => {
      for (const release of held) release();
      server.closeAllConnections();
      server.close(() => r());
    });
  return api;
}

// ---------------------------------------------------------------- the cluster

export interface ClusterOptions {
  instances: number;
  workers: number;
  /** Redis logical database for this test file, so parallel files and the app's fixed key prefix never meet. */
  redisDb: number;
  /** Put a TCP proxy in front of Redis (fault tests: Redis unavailable). */
  redisProxy?: boolean;
  /** The PostgreSQL server for the scratch database; default DATABASE_URL's. */
  pgServerUrl?: string;
  /** Route the processes' Bot API calls through a fault-injecting stand-in. */
  faultyBotApi?: boolean;
  redeliver?: (updateId: number) => 'parallel' | 'after' | undefined;
  env?: Record<string, string>;
  workerEnv?: Record<string, string>;
}

export interface Cluster {
  emu: BotApiEmulator;
  db: TestDatabase;
  /** The test's own client on the cluster's Redis database. */
  kv: Kv;
  /** The cluster's Redis database (direct, not through the proxy). */
  redisUrl: string;
  balancer: Balancer;
  botApi: FaultyBotApi | undefined;
  redisProxy: TcpProxy | undefined;
  instances: AppProcess[];
  workers: AppProcess[];
  /** Starts one more worker with the cluster's settings (e.g. after one was killed). */
  startWorker(): Promise<AppProcess>;
  stop(): Promise<void>;
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const token = `${CLUSTER_TOKEN_PREFIX}${randomBytes(3).readUIntBE(0, 3)}:cluster-${randomBytes(6).toString('hex')}`;
  const emu = await startBotApiEmulator({ token, handleTimeoutMs: 30_000, quietMs: 30 });
  const db = await createTestDatabase('postgres', options.pgServerUrl ?? process.env.DATABASE_URL);
  const [{ name }] = (await db.sql.query<{ name: string }>('SELECT current_database() AS name')) as [
    { name: string },
  ];
  const pgUrl = new URL(options.pgServerUrl ?? process.env.DATABASE_URL!);
  pgUrl.pathname = `/${name}`;
  const redisUrl = new URL(process.env.REDIS_URL!);
  redisUrl.pathname = `/${options.redisDb}`;
  const kv = await createKv(redisUrl.toString(), 'cluster-test');
  await kv.redis!.flushdb();

  const redisProxy = options.redisProxy
    ? await startTcpProxy(redisUrl.hostname, Number(redisUrl.port || 6379))
    : undefined;
  const appRedisUrl = new URL(redisUrl);
  if (redisProxy) appRedisUrl.host = `127.0.0.1:${redisProxy.port}`;
  const botApi = options.faultyBotApi ? await startFaultyBotApi(emu) : undefined;

  const backendUrls: string[] = [];
  const balancer = await startBalancer(() => backendUrls, options.redeliver ?? (() => undefined));
  const dataDir = await mkdtemp(join(tmpdir(), 'domovoy-cluster-'));
  const common = {
    DATABASE_URL: pgUrl.toString(),
    REDIS_URL: appRedisUrl.toString(),
    BOT_TOKEN: token,
    TELEGRAM_API_ROOT: botApi?.apiRoot ?? emu.apiRoot,
    DATA_DIR: dataDir,
    DEMO_DATA: 'off',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  const instances: AppProcess[] = [];
  const workers: AppProcess[] = [];
  const startWorker = async () => {
    const w = runApp({
      ...common,
      APP_ROLES: 'worker',
      PORT: String(await freePort()),
      ...options.workerEnv,
    });
    workers.push(w);
    await w.waitFor(/Domovoy is running/, 180_000);
    return w;
  };
  const stop = async () => {
    await Promise.all([...instances, ...workers].map((p) => p.stop()));
    await balancer.close();
    await botApi?.close();
    await redisProxy?.close();
    await emu.close();
    await kv.redis!.flushdb().catch(() => undefined);
    await kv.close();
    await db.destroy();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < options.instances; i++) {
      const port = await freePort();
      backendUrls.push(`http://127.0.0.1:${port}`);
      instances.push(
        runApp({
          ...common,
          APP_ROLES: 'api,bot',
          BOT_MODE: 'webhook',
          PUBLIC_URL: balancer.url,
          WEBHOOK_SECRET,
          PORT: String(port),
        }),
      );
    }
    const ready = instances.map((p) => p.waitFor(/Domovoy is running/, 180_000));
    await Promise.all([...ready, ...Array.from({ length: options.workers }, startWorker)]);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    emu,
    db,
    kv,
    redisUrl: redisUrl.toString(),
    balancer,
    botApi,
    redisProxy,
    instances,
    workers,
    startWorker,
    stop,
  };
}

export async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
