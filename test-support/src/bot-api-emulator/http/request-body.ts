import { boundaryOf, parseMultipart, type UploadedFile } from './multipart.ts';

export interface ParsedRequest {
  params: Record<string, unknown>;
  files: Map<string, UploadedFile>;
}

/**
 * Turns query string + body (JSON, urlencoded or multipart/form-data) into one flat parameter object,
 * like the real Bot API does. Body values win over query-string values.
 */
export function parseRequestParams(
  query: Record<string, unknown> | undefined,
  contentType: string | undefined,
  body: Buffer | undefined,
): ParsedRequest {
  const params: Record<string, unknown> = { ...(query ?? {}) };
  const files = new Map<string, UploadedFile>();
  if (!body || body.length === 0) return { params, files };
  const type = (contentType ?? '').toLowerCase();

  if (type.startsWith('multipart/form-data')) {
    const boundary = boundaryOf(contentType ?? '');
    if (!boundary) throw new Error('multipart/form-data without boundary');
    const parsed = parseMultipart(body, boundary);
    Object.assign(params, parsed.fields);
    for (const [name, file] of parsed.files) files.set(name, file);
  } else if (type.startsWith('application/x-www-form-urlencoded')) {
    for (const [key, value] of new URLSearchParams(body.toString('utf8'))) params[key] = value;
  } else {
    // application/json, or no/unknown content type: Telegram treats it as JSON.
    const text = body.toString('utf8').trim();
    if (text.length > 0) {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) Object.assign(params, parsed);
    }
  }
  return { params, files };
}
