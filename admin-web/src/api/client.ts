/** The one way the panel talks to the admin API: same origin, JSON, cookie session, CSRF header on mutations. */

export interface ApiErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Turns any non-2xx response into an ApiError, whether or not the body has the API's error shape. */
export function toApiError(status: number, body: unknown): ApiError {
  const error = (body as Partial<ApiErrorBody> | undefined)?.error;
  if (error && typeof error === 'object' && typeof error.code === 'string') {
    const details = error.details && typeof error.details === 'object' ? error.details : {};
    return new ApiError(status, error.code, String(error.message ?? error.code), details);
  }
  // Not the API speaking (a proxy, a gateway, a crashed process): say what we can.
  if (status === 502 || status === 503 || status === 504) {
    return new ApiError(status, 'UNAVAILABLE', `HTTP ${status}`);
  }
  return new ApiError(status, `HTTP_${status}`, `HTTP ${status}`);
}

/** A 401 on anything but the login form: the session cookie is gone or expired. */
export function isSessionLost(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401 && error.code !== 'INVALID_CREDENTIALS';
}

let csrfToken: string | null = null;

/** The token from login or /auth/me; sent as `x-csrf-token` on every mutating request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  // Only with a body: Fastify rejects an empty body declared as JSON.
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (MUTATING.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError(0, 'NETWORK', error instanceof Error ? error.message : String(error));
  }

  return answerOf<T>(response);
}

/** The JSON answer of a response, or its error as an ApiError. */
async function answerOf<T>(response: Response): Promise<T> {
  const text = response.status === 204 ? '' : await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) throw toApiError(response.status, body);
  return body as T;
}

/** Uploads a file as the request body (its own content type), as the API's upload routes take files. */
export async function apiUpload<T>(path: string, file: File): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        'content-type': file.type || 'application/octet-stream',
        ...csrfHeaders(),
      },
      body: file,
    });
  } catch (error) {
    throw new ApiError(0, 'NETWORK', error instanceof Error ? error.message : String(error));
  }
  return answerOf<T>(response);
}

/** The CSRF header for a request made outside `apiRequest` (an upload with progress). */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

/** The file name from `content-disposition: attachment; filename="x.pdf"`, or the fallback. */
export function attachmentName(header: string | null, fallback: string): string {
  const match = header ? /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(header) : null;
  if (!match?.[1]) return fallback;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}

/**
 * A GET that answers with a file (a PDF): the bytes and the server's file name, or an ApiError with the API's
 * reason, so a refused download is explained on the page instead of saving an error as a file.
 */
export async function apiDownload(
  path: string,
  fallbackName: string,
): Promise<{ blob: Blob; fileName: string }> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, { credentials: 'same-origin' });
  } catch (error) {
    throw new ApiError(0, 'NETWORK', error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) {
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    throw toApiError(response.status, body);
  }
  return {
    blob: await response.blob(),
    fileName: attachmentName(response.headers.get('content-disposition'), fallbackName),
  };
}

/** Hands a downloaded file to the browser's "save" flow. */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download; give the browser a moment before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
