import type { i18n } from 'i18next';
import { ApiError } from './api/client.ts';
import { retryDelay } from './i18n/language.ts';

/**
 * The text to show for a failed request: `errors.<code>` from web.json when there is one, else a generic text.
 * Rate limits add when to try again, from `details.retryAfterSeconds`.
 */
export function describeError(error: unknown, i18n: Pick<i18n, 't' | 'exists'>): string {
  const code = error instanceof ApiError ? error.code : 'UNKNOWN';
  // Server codes are UPPER_SNAKE; lower-case keys under errors.* are the panel's own helper texts.
  const key = `errors.${code}`;
  let text = /^[A-Z][A-Z0-9_]*$/.test(code) && i18n.exists(key) ? i18n.t(key) : i18n.t('errors.generic');
  if (code === 'RATE_LIMITED') {
    const seconds = error instanceof ApiError ? error.details.retryAfterSeconds : undefined;
    if (typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0) {
      const { key: unit, count } = retryDelay(seconds);
      text += ` ${i18n.t('errors.try_again_in', { time: i18n.t(unit, { count }) })}`;
    } else {
      text += ` ${i18n.t('errors.try_again_later')}`;
    }
  }
  return text;
}

/** Field names the server flagged in a VALIDATION error (`details.fields`), whatever their messages. */
export function invalidFields(error: unknown): string[] {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION') return [];
  const fields = error.details.fields;
  if (!fields || typeof fields !== 'object') return [];
  return Array.isArray(fields)
    ? fields.filter((f): f is string => typeof f === 'string')
    : Object.keys(fields);
}
