import { ApiError, tooManyRequests } from '../errors.ts';
import type { FailureSpec, InjectedError } from '../types.ts';

interface ActiveFailure {
  spec: FailureSpec;
  remaining: number;
}

/** What the dispatcher must do for an injected failure. */
export type InjectedOutcome =
  | { kind: 'error'; error: ApiError }
  | { kind: 'drop'; afterMs: number; execute: boolean };

export function toOutcome(error: InjectedError): InjectedOutcome {
  if ('timeoutMs' in error)
    return { kind: 'drop', afterMs: error.timeoutMs, execute: error.execute ?? false };
  switch (error.code) {
    case 429:
      return { kind: 'error', error: tooManyRequests(error.retryAfter) };
    case 403:
      return {
        kind: 'error',
        error: new ApiError(403, error.description ?? 'Forbidden: bot was blocked by the user'),
      };
    case 400:
      return {
        kind: 'error',
        error: new ApiError(400, error.description ?? 'Bad Request: injected failure'),
      };
    case 500:
      return { kind: 'error', error: new ApiError(500, 'Internal Server Error') };
    case 502:
      return { kind: 'error', error: new ApiError(502, 'Bad Gateway') };
  }
}

/** failNext() registry: the first matching rule fails the call and counts down. */
export class ErrorInjector {
  private failures: ActiveFailure[] = [];

  add(spec: FailureSpec): void {
    const times = spec.times ?? 1;
    if (!Number.isInteger(times) || times < 1)
      throw new Error(`failNext: times must be a positive integer, got ${times}`);
    this.failures.push({ spec, remaining: times });
  }

  /** Consumes and returns the failure for this call, if one matches. */
  take(method: string, chatId: number | undefined): InjectedOutcome | undefined {
    const index = this.failures.findIndex(({ spec }) => {
      if (spec.method !== undefined) {
        if (spec.method.toLowerCase() !== method.toLowerCase()) return false;
      } else if (method.toLowerCase() === 'getupdates') {
        return false;
      }
      return spec.chatId === undefined || spec.chatId === chatId;
    });
    const failure = this.failures[index];
    if (!failure) return undefined;
    failure.remaining -= 1;
    if (failure.remaining <= 0) this.failures.splice(index, 1);
    return toOutcome(failure.spec.error);
  }

  get pending(): number {
    return this.failures.reduce((sum, f) => sum + f.remaining, 0);
  }

  clear(): void {
    this.failures = [];
  }
}
