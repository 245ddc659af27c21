import { badRequest } from '../errors.ts';
import type { UploadedFile } from '../http/multipart.ts';

/**
 * Typed access to call parameters. Values may arrive as JSON values, or as strings (query string,
 * urlencoded and multipart bodies, where objects are JSON-serialized) — both are accepted, as Telegram does.
 */
export class Params {
  constructor(
    readonly raw: Record<string, unknown>,
    readonly files: Map<string, UploadedFile> = new Map(),
  ) {}

  has(name: string): boolean {
    const value = this.raw[name];
    return value !== undefined && value !== null && value !== '';
  }

  string(name: string): string | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw badRequest(`parameter "${name}" must be a string`);
  }

  number(name: string): number | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null || value === '') return undefined;
    const num = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
    if (!Number.isFinite(num)) throw badRequest(`parameter "${name}" must be a number`);
    return num;
  }

  bool(name: string): boolean | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === '1' || value === 1) return true;
    if (value === 'false' || value === '0' || value === 0) return false;
    throw badRequest(`parameter "${name}" must be a boolean`);
  }

  /** An object/array parameter, JSON-decoding strings. */
  json<T>(name: string, parseError = `can't parse ${name} JSON object`): T | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') return value as T;
    try {
      return JSON.parse(value) as T;
    } catch {
      throw badRequest(parseError);
    }
  }

  /** `chat_id` as a number; `@username` strings are not resolvable for private chats. */
  chatId(name = 'chat_id'): number {
    const value = this.raw[name];
    if (value === undefined || value === null || value === '') throw badRequest(`${name} is empty`);
    const num = typeof value === 'number' ? value : Number(value);
    if (!Number.isInteger(num)) throw badRequest('chat not found');
    return num;
  }

  requireNumber(name: string, emptyMessage = `${name} is empty`): number {
    const value = this.number(name);
    if (value === undefined) throw badRequest(emptyMessage);
    return value;
  }

  requireString(name: string, emptyMessage = `${name} is empty`): string {
    const value = this.string(name);
    if (value === undefined || value === '') throw badRequest(emptyMessage);
    return value;
  }
}
