import { ApiError, csrfHeaders, toApiError } from './client.ts';
import { queryString } from './houses.ts';

/** The registry import: a spreadsheet (XLSX or CSV) sent as the request body, checked first, then applied. */

export interface RegistryIssue {
  /** Spreadsheet row number as Excel shows it (the header row counts); 0 = the file as a whole. */
  row: number;
  column?: string;
  /** The column's header as written in the file. */
  header?: string;
  severity: 'error' | 'warning';
  /** Stable code, localised by the panel (`registry_import.issue.<code>`). */
  code: string;
  /** English text, the fallback for a code the panel does not know. */
  message: string;
  params?: Record<string, string | number>;
}

export const REGISTRY_ENTITIES = [
  'houses',
  'entrances',
  'premises',
  'accounts',
  'owners',
  'ownerships',
  'meters',
  'readings',
] as const;
export type RegistryEntity = (typeof REGISTRY_ENTITIES)[number];

export interface EntityCounts {
  create: number;
  update: number;
  unchanged: number;
}

export interface RegistryImportReport {
  fileName: string;
  sha256: string;
  format: 'xlsx' | 'csv' | null;
  rows: number;
  errorRows: number;
  errors: number;
  warnings: number;
  issues: RegistryIssue[];
  /** Entities the file creates / updates / leaves; a server may add entities the panel does not list. */
  summary: Partial<Record<string, EntityCounts>>;
  dryRun: boolean;
  applied: boolean;
  batchId: string | null;
  previousImport: { batchId: string; createdAt: string } | null;
}

export const TEMPLATE_URL = '/api/registry/import/template';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The content type to send a file as: the API accepts CSV, XLSX and plain bytes and reads the format from the
 * bytes themselves, so an unknown name still goes (as bytes) and the server explains what it found.
 */
export function uploadContentType(fileName: string): string {
  const name = fileName.toLowerCase();
  if (name.endsWith('.csv')) return 'text/csv';
  if (name.endsWith('.xlsx')) return XLSX_TYPE;
  return 'application/octet-stream';
}

export interface UploadOptions {
  dryRun: boolean;
  /** Share of the file sent so far, 0…1; the server's own work after that is not reported. */
  onProgress?: (sent: number) => void;
  signal?: AbortSignal;
}

/**
 * Sends the file with XMLHttpRequest rather than fetch: only XHR reports upload progress, which matters for a
 * registry of thousands of flats on a slow line.
 */
export function uploadRegistry(file: Blob & { name: string }, options: UploadOptions) {
  const url = `/api/registry/import${queryString({ fileName: file.name, dryRun: String(options.dryRun) })}`;
  return new Promise<RegistryImportReport>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('content-type', uploadContentType(file.name));
    for (const [name, value] of Object.entries(csrfHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as RegistryImportReport);
      else reject(toApiError(xhr.status, body));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'upload failed'));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}
