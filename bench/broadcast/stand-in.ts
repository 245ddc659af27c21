import { createServer, type Server } from 'node:http';

export interface StandInCounters {
  /** Accepted sends per chat: more than one for a chat is a duplicate (each recipient gets one message). */
  deliveredByChat: Map<string, number>;
  accepted: number;
  tooManyGlobal: number;
  tooManyPerChat: number;
  paidFlag: number;
  firstAt: number;
  lastAt: number;
}

/**
 * A local Bot API stand-in (node:http): answers the sending methods like Telegram, enforcing a global token bucket
 * (`ratePerSecond`, burst of one second's worth) and 1 message per second per chat. Over a limit it answers 429
 * with parameters.retry_after, as Telegram does.
 */
export async function startStandIn(ratePerSecond: number): Promise<{
  url: string;
  counters: StandInCounters;
  reset(ratePerSecond: number): void;
  close(): Promise<void>;
}> {
  let rate = ratePerSecond;
  let tokens = rate;
  let refilledAt = performance.now();
  const lastByChat = new Map<string, number>();
  const counters: StandInCounters = {
    deliveredByChat: new Map(),
    accepted: 0,
    tooManyGlobal: 0,
    tooManyPerChat: 0,
    paidFlag: 0,
    firstAt: 0,
    lastAt: 0,
  };
  let messageId = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      let params: Record<string, unknown> = {};
      try {
        params = chunks.length
          ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>)
          : {};
      } catch {
        return reply(400, { ok: false, error_code: 400, description: 'Bad Request: cannot parse JSON' });
      }
      const chat = String(params.chat_id ?? '');
      const now = performance.now();
      tokens = Math.min(rate, tokens + ((now - refilledAt) / 1000) * rate);
      refilledAt = now;
      if (tokens < 1) {
        counters.tooManyGlobal += 1;
        return reply(429, {
          ok: false,
          error_code: 429,
          description: 'Too Many Requests: retry after 1',
          parameters: { retry_after: Math.max(1, Math.ceil((1 - tokens) / rate)) },
        });
      }
      const last = lastByChat.get(chat);
      if (last !== undefined && now - last < 1000) {
        counters.tooManyPerChat += 1;
        return reply(429, {
          ok: false,
          error_code: 429,
          description: 'Too Many Requests: retry after 1',
          parameters: { retry_after: 1 },
        });
      }
      tokens -= 1;
      lastByChat.set(chat, now);
      counters.accepted += 1;
      if (params.allow_paid_broadcast === true) counters.paidFlag += 1;
      counters.deliveredByChat.set(chat, (counters.deliveredByChat.get(chat) ?? 0) + 1);
      if (counters.firstAt === 0) counters.firstAt = now;
      counters.lastAt = now;
      messageId += 1;
      return reply(200, {
        ok: true,
        result: {
          message_id: messageId,
          date: Math.floor(Date.now() / 1000),
          chat: { id: Number(chat), type: 'private' },
          ...(typeof params.text === 'string' ? { text: params.text } : {}),
        },
      });
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    counters,
    reset: (next) => {
      rate = next;
      tokens = next;
      refilledAt = performance.now();
      lastByChat.clear();
      counters.deliveredByChat.clear();
      Object.assign(counters, {
        accepted: 0,
        tooManyGlobal: 0,
        tooManyPerChat: 0,
        paidFlag: 0,
        firstAt: 0,
        lastAt: 0,
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
