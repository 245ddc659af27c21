/** A Bot API error answer: `{ ok: false, error_code, description, parameters? }`. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: { retry_after?: number; migrate_to_chat_id?: number },
  ) {
    super(description);
    this.name = 'ApiError';
  }

  toJSON(): Record<string, unknown> {
    return {
      ok: false,
      error_code: this.code,
      description: this.description,
      ...(this.parameters ? { parameters: this.parameters } : {}),
    };
  }
}

export const badRequest = (what: string): ApiError => new ApiError(400, `Bad Request: ${what}`);
export const forbidden = (what: string): ApiError => new ApiError(403, `Forbidden: ${what}`);
export const unauthorized = (): ApiError => new ApiError(401, 'Unauthorized');
export const methodNotFound = (): ApiError => new ApiError(404, 'Not Found: method not found');
export const conflict = (what: string): ApiError => new ApiError(409, `Conflict: ${what}`);
export const tooManyRequests = (retryAfter: number): ApiError =>
  new ApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
export const chatNotFound = (): ApiError => badRequest('chat not found');
