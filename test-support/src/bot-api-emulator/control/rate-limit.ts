import type { RateLimitOptions } from '../types.ts';

const WINDOW_MS = 1000;

/** Rolling one-second windows of successful sends, globally and per chat. */
export class RateLimiter {
  private global: number[] = [];
  private perChat = new Map<number, number[]>();

  constructor(private readonly options: RateLimitOptions | undefined) {}

  get enabled(): boolean {
    return this.options?.globalPerSecond !== undefined || this.options?.perChatPerSecond !== undefined;
  }

  /** Seconds to wait before this send would be allowed; undefined when it is allowed now. */
  retryAfter(chatId: number, now = Date.now()): number | undefined {
    if (!this.enabled) return undefined;
    const waits: number[] = [];
    const global = this.prune(this.global, now);
    this.global = global;
    const limitGlobal = this.options?.globalPerSecond;
    if (limitGlobal !== undefined && global.length >= limitGlobal) {
      waits.push(this.waitFor(global, limitGlobal, now));
    }
    const chat = this.prune(this.perChat.get(chatId) ?? [], now);
    this.perChat.set(chatId, chat);
    const limitChat = this.options?.perChatPerSecond;
    if (limitChat !== undefined && chat.length >= limitChat) {
      waits.push(this.waitFor(chat, limitChat, now));
    }
    if (waits.length === 0) return undefined;
    return Math.max(1, Math.ceil(Math.max(...waits) / 1000));
  }

  record(chatId: number, now = Date.now()): void {
    if (!this.enabled) return;
    this.global.push(now);
    const chat = this.perChat.get(chatId) ?? [];
    chat.push(now);
    this.perChat.set(chatId, chat);
  }

  clear(): void {
    this.global = [];
    this.perChat.clear();
  }

  private prune(times: number[], now: number): number[] {
    return times.filter((t) => now - t < WINDOW_MS);
  }

  /** ms until enough entries leave the window for one more send. */
  private waitFor(times: number[], limit: number, now: number): number {
    const blocking = times[times.length - limit] ?? now;
    return blocking + WINDOW_MS - now;
  }
}
