import {
  ApiError,
  apiDownload,
  apiRequest,
  apiUpload,
  attachmentName,
  csrfHeaders,
  toApiError,
} from '../../api/client.ts';
import { queryString } from '../../api/houses.ts';

/**
 * The billing API as the panel uses it: admin-api/src/routes/api/{billing,payments,penalties,receipts}.ts, and the
 * exports, dashboard and house finances routes. Money is integer kopecks (JSON numbers); tariffs are kopecks per
 * unit as text with up to 4 decimals.
 */

/**
 * The permission to change billing (tariffs, charge runs, adjustments, penalties, spending). Joined rather than
 * written as one string: the panel's text check takes every dotted literal under a web.json section name (here
 * `billing`) for a text key.
 */
export const WRITE_BILLING = ['billing', 'write'].join('.');

export const SERVICE_KINDS = ['BY_METER', 'BY_AREA', 'PER_PERSON', 'FIXED'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];
export const METER_TYPES = ['COLD_WATER', 'HOT_WATER', 'ELECTRICITY', 'GAS', 'HEAT'] as const;
export type MeterType = (typeof METER_TYPES)[number];
export type ChargeKind = 'REGULAR' | 'AVERAGE' | 'NORMATIVE' | 'RECALCULATION' | 'ADJUSTMENT';

export interface Tariff {
  id: string;
  validFrom: string;
  validTo: string | null;
  zone: number | null;
  /** Kopecks per unit, up to 4 decimals: "4327" is 43.27 ₽. */
  priceKopecks: string;
  source: string | null;
}

export interface Normative {
  id: string;
  validFrom: string;
  validTo: string | null;
  value: string;
  source: string | null;
}

export interface Service {
  id: string;
  houseId: string;
  code: string;
  name: string;
  kind: ServiceKind;
  meterType: MeterType | null;
  unit: string;
  position: number;
  active: boolean;
  tariffs: Tariff[];
  normatives: Normative[];
}

export interface ServiceBody {
  code: string;
  name: string;
  kind: ServiceKind;
  meterType?: MeterType | null;
  unit: string;
}

export interface TariffBody {
  validFrom: string;
  validTo?: string | null;
  zone?: number | null;
  priceKopecks: string;
  source?: string | null;
  supersede?: boolean;
}

export interface NormativeBody {
  validFrom: string;
  validTo?: string | null;
  value: string;
  source?: string | null;
  supersede?: boolean;
}

export interface ChargeWarning {
  code: string;
  serviceCode: string;
  accounts: number;
}

interface ChargeTotals {
  houseId: string;
  period: string;
  accounts: number;
  lines: number;
  amountKopecks: number;
  byKind: Record<string, { lines: number; amountKopecks: number }>;
  warnings: ChargeWarning[];
}

interface Change {
  amountKopecks: number;
  previousKopecks: number;
  changeKopecks: number;
  /** One decimal; null when last month had nothing. */
  changePercent: number | null;
}

export interface ChargePreview extends ChargeTotals {
  previousPeriod: string;
  services: ({ serviceId: string; code: string; name: string; lines: number } & Change)[];
  changedAccounts: {
    thresholdPercent: number;
    total: number;
    items: ({ accountId: string; accountNumber: string; premisesNumber: string } & Change)[];
  };
}

export interface ChargeRun extends ChargeTotals {
  billingPeriodId: string;
  replacedLines: number;
  adjustments: { lines: number; amountKopecks: number };
  services: {
    serviceId: string;
    code: string;
    name: string;
    position: number;
    lines: number;
    amountKopecks: number;
  }[];
}

export interface ClosedPeriod {
  houseId: string;
  period: string;
  billingPeriodId: string;
  status: 'CLOSED';
  closedAt: string;
  lines: number;
  amountKopecks: number;
}

export interface ChargeLine {
  id: string;
  period: string;
  serviceId: string;
  serviceCode: string;
  serviceName: string;
  unit: string;
  kind: ChargeKind;
  correctsPeriod: string | null;
  volume: string | null;
  zone: number | null;
  tariffKopecks: string | null;
  amountKopecks: number;
  comment: string | null;
}

export interface AccountCharges {
  accountId: string;
  accountNumber: string;
  periods: { period: string; status: 'DRAFT' | 'CLOSED'; totalKopecks: number; lines: ChargeLine[] }[];
}

export interface AdjustmentBody {
  period: string;
  serviceId: string;
  correctsPeriod: string;
  amountKopecks: number;
  comment: string;
}

export type PaymentStatus = 'MATCHED' | 'UNMATCHED' | 'REVERSED';

export interface Payment {
  id: string;
  accountId: string | null;
  accountNumber: string | null;
  houseId: string | null;
  premisesNumber: string | null;
  amountKopecks: number;
  paidAt: string;
  source: 'BANK_IMPORT' | 'MANUAL' | 'TELEGRAM' | 'ACQUIRING';
  status: PaymentStatus;
  period: string | null;
  bankDocNumber: string | null;
  bankDocDate: string | null;
  payerName: string | null;
  purpose: string | null;
  reversedAt: string | null;
}

export interface UnmatchedPayment extends Payment {
  suggestion: {
    accountNumbers: string[];
    reason: 'no-account-number' | 'account-not-found' | 'ambiguous' | null;
    accounts: { id: string; number: string; houseId: string }[];
  };
}

export interface Paged<T> {
  total: number;
  page: number;
  pageSize: number;
  items: T[];
}

export interface AccountPayments extends Paged<Payment & { reversalReason: string | null }> {
  account: { id: string; number: string; houseId: string };
  countedKopecks: number;
}

export interface StatementItem {
  line: number;
  number: string;
  date: string | null;
  amountKopecks: number | null;
  payerName: string;
  purpose: string;
  outcome: 'matched' | 'unmatched' | 'duplicate' | 'skipped';
  reason: string | null;
  accountNumber: string | null;
}

export interface ImportReport {
  fileName: string;
  encoding: string;
  accounts: string[];
  dateFrom: string | null;
  dateTo: string | null;
  documents: number;
  counts: {
    matched: number;
    unmatched: number;
    duplicates: number;
    skippedOutgoing: number;
    skippedOther: number;
  };
  amounts: { matchedKopecks: number; unmatchedKopecks: number };
  items: StatementItem[];
  warnings: { line: number; severity: 'error' | 'warning'; code: string; message: string }[];
  dryRun: boolean;
  applied: boolean;
}

export interface ManualPaymentBody {
  accountId: string;
  /** Roubles as "1234.56". */
  amount: string;
  paidAt: string;
  period?: string | null;
  comment?: string | null;
  payerName?: string | null;
}

export interface PenaltyLine {
  period: string;
  paidAt: string | null;
  portionKopecks: number;
  from: string;
  to: string;
  days: number;
  dayFrom: number;
  dayTo: number;
  fraction: '1/300' | '1/130';
  rateDate: string;
  keyRateBp: number;
  rateBp: number;
  amountKopecks: number;
}

export interface PenaltyReport {
  accountId: string;
  accountNumber: string;
  houseId: string;
  asOf: string;
  totalKopecks: number;
  unallocatedKopecks: number;
  periods: {
    period: string;
    dueDate: string;
    debtKopecks: number;
    paidKopecks: number;
    unpaidKopecks: number;
    penaltyKopecks: number;
  }[];
  lines: PenaltyLine[];
  conventions: { code: string; text: string }[];
}

export interface PostedPenalties {
  billingPeriodId: string;
  period: string;
  asOf: string;
  accounts: number;
  rows: number;
  totalKopecks: number;
  replacedRows: number;
}

/** The ageing buckets in days overdue, as the dashboard sends them. */
export const AGEING_BUCKETS = ['0-30', '31-90', '91-180', '181-365', '365+'] as const;

export interface BillingDashboard {
  houseId: string;
  asOf: string;
  months: {
    period: string;
    chargedKopecks: number;
    paidKopecks: number;
    /** Percent with one decimal as text ("97.5"), null for a month with nothing charged. */
    collectionRatePercent: string | null;
    collectionRateTenths?: number | null;
  }[];
  totalDebtKopecks?: number;
  debtAgeing: { bucket: string; accounts: number; debtKopecks: number }[];
  topDebtors: {
    accountId: string;
    accountNumber: string;
    premisesNumber: string;
    debtKopecks: number;
    /** The oldest unpaid month, YYYY-MM. */
    since: string | null;
  }[];
}

export interface FinanceMonth {
  period: string;
  chargedKopecks: number;
  collectedKopecks: number;
  collectionRatePercent: string | null;
  collectionRateTenths?: number | null;
  debtKopecks: number;
  spendingKopecks: number;
  spendingCount: number;
}

export interface HouseFinances {
  houseId: string;
  asOf: string;
  months: FinanceMonth[];
}

export interface SpendingLine {
  id: string;
  houseId: string;
  date: string;
  title: string;
  contractor: string | null;
  amountKopecks: number;
  /** The attached document (a photo of the act, a PDF), if any. */
  document: { fileName: string; mimeType: string } | null;
}

export interface SpendingPage extends Paged<SpendingLine> {
  totalKopecks: number;
}

export interface SpendingBody {
  date: string;
  title: string;
  contractor: string | null;
  amountKopecks: number;
}

const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

// ── Services and tariffs ──────────────────────────────────────────────────────────────────────────────────────

export const servicesKey = (houseId: string) => ['billing', 'services', houseId] as const;

export function fetchServices(houseId: string, signal?: AbortSignal) {
  return apiRequest<{ items: Service[] }>(
    `/houses/${houseId}/services${queryString({ includeInactive: 'true' })}`,
    withSignal(signal),
  );
}

export const createService = (houseId: string, body: ServiceBody) =>
  apiRequest<Service>(`/houses/${houseId}/services`, { method: 'POST', body });

export const updateService = (serviceId: string, body: { active?: boolean; name?: string }) =>
  apiRequest<Service>(`/services/${serviceId}`, { method: 'PATCH', body });

export const addTariff = (serviceId: string, body: TariffBody) =>
  apiRequest<Tariff>(`/services/${serviceId}/tariffs`, { method: 'POST', body });

export const addNormative = (serviceId: string, body: NormativeBody) =>
  apiRequest<Normative>(`/services/${serviceId}/normatives`, { method: 'POST', body });

// ── Charges ───────────────────────────────────────────────────────────────────────────────────────────────────

export const previewKey = (houseId: string, period: string) =>
  ['billing', 'preview', houseId, period] as const;

export const previewCharges = (houseId: string, period: string) =>
  apiRequest<ChargePreview>(`/houses/${houseId}/charges/preview`, {
    method: 'POST',
    body: { period, limit: 50 },
  });

export const runCharges = (houseId: string, period: string) =>
  apiRequest<ChargeRun>(`/houses/${houseId}/charges/run`, { method: 'POST', body: { period } });

export const closePeriod = (houseId: string, period: string) =>
  apiRequest<ClosedPeriod>(`/houses/${houseId}/periods/${period}/close`, { method: 'POST' });

export const addAdjustment = (accountId: string, body: AdjustmentBody) =>
  apiRequest<ChargeLine>(`/accounts/${accountId}/adjustments`, { method: 'POST', body });

export const accountChargesKey = (accountId: string) => ['billing', 'account-charges', accountId] as const;

export const fetchAccountCharges = (accountId: string, signal?: AbortSignal) =>
  apiRequest<AccountCharges>(`/accounts/${accountId}/charges`, withSignal(signal));

// ── Payments ──────────────────────────────────────────────────────────────────────────────────────────────────

export const unmatchedKey = (query: { search: string; page: number }) =>
  ['billing', 'unmatched', query] as const;

export const fetchUnmatched = (
  query: { search: string; page: number; pageSize: number },
  signal?: AbortSignal,
) =>
  apiRequest<Paged<UnmatchedPayment> & { totalKopecks: number }>(
    `/payments/unmatched${queryString({ search: query.search.trim(), page: query.page, pageSize: query.pageSize })}`,
    withSignal(signal),
  );

export const matchPayment = (paymentId: string, accountId: string) =>
  apiRequest<Payment>(`/payments/${paymentId}/match`, { method: 'POST', body: { accountId } });

export const recordPayment = (body: ManualPaymentBody) =>
  apiRequest<Payment>('/payments', { method: 'POST', body });

export const reversePayment = (paymentId: string, reason: string) =>
  apiRequest<Payment>(`/payments/${paymentId}/reverse`, { method: 'POST', body: { reason } });

export const accountPaymentsKey = (accountId: string, page: number) =>
  ['billing', 'account-payments', accountId, page] as const;

export const fetchAccountPayments = (
  accountId: string,
  page: number,
  pageSize: number,
  signal?: AbortSignal,
) =>
  apiRequest<AccountPayments>(
    `/accounts/${accountId}/payments${queryString({ status: 'all', page, pageSize })}`,
    withSignal(signal),
  );

/**
 * Sends a bank statement as the request body with XMLHttpRequest (only XHR reports upload progress). The bytes go
 * as they are: the server detects Windows-1251, CP866 or UTF-8 itself.
 */
export function uploadStatement(
  file: Blob & { name: string },
  options: { allowOtherAccount: boolean; onProgress?: (sent: number) => void },
): Promise<ImportReport> {
  const url = `/api/payments/import${queryString({
    fileName: file.name,
    allowOtherAccount: options.allowOtherAccount ? 'true' : undefined,
  })}`;
  return new Promise<ImportReport>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('content-type', 'application/octet-stream');
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
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as ImportReport);
      else reject(toApiError(xhr.status, body));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'upload failed'));
    xhr.send(file);
  });
}

// ── Penalties ─────────────────────────────────────────────────────────────────────────────────────────────────

export const penaltyKey = (accountId: string, asOf: string) =>
  ['billing', 'penalty', accountId, asOf] as const;

export const fetchPenaltyReport = (accountId: string, asOf: string, signal?: AbortSignal) =>
  apiRequest<PenaltyReport>(`/accounts/${accountId}/penalties${queryString({ asOf })}`, withSignal(signal));

export const postPenalties = (houseId: string, period: string) =>
  apiRequest<PostedPenalties>(`/houses/${houseId}/penalties`, { method: 'POST', body: { period } });

// ── Receipts and exports (files) ──────────────────────────────────────────────────────────────────────────────

export const receiptPdfPath = (accountId: string, period: string, language: string) =>
  `/accounts/${accountId}/receipts/${period}.pdf${queryString({ language })}`;

export interface ReceiptsProgress {
  /** Receipts in the file, from the server's `x-receipts` header. */
  total: number | null;
  /** Receipts received so far: counted for a ZIP (one local header each), unknown for one PDF. */
  done: number | null;
  bytes: number;
}

/** A ZIP entry starts with this local file header signature ("PK\x03\x04"). */
const ZIP_ENTRY = [0x50, 0x4b, 0x03, 0x04];

/**
 * How many times `pattern` occurs in `chunk`, counting an occurrence split from the previous chunk (`tail`: its last
 * bytes). Returns the new tail to pass with the next chunk. Pure.
 */
export function countAcross(
  tail: Uint8Array,
  chunk: Uint8Array,
  pattern: readonly number[],
): { count: number; tail: Uint8Array } {
  const bytes = new Uint8Array(tail.length + chunk.length);
  bytes.set(tail);
  bytes.set(chunk, tail.length);
  let count = 0;
  for (let i = 0; i + pattern.length <= bytes.length; i++) {
    let match = true;
    for (let j = 0; j < pattern.length; j++) {
      if (bytes[i + j] !== pattern[j]) {
        match = false;
        break;
      }
    }
    if (match) count++;
  }
  return { count, tail: bytes.slice(Math.max(0, bytes.length - (pattern.length - 1))) };
}

/**
 * The house's receipts as one PDF or a ZIP. A POST that answers with a file, so not `apiDownload` (a GET). The
 * server streams the file receipt by receipt; reading it as it comes gives the progress.
 */
export async function downloadHouseReceipts(
  houseId: string,
  query: { period: string; format: 'pdf' | 'zip'; language: string },
  onProgress?: (progress: ReceiptsProgress) => void,
): Promise<{ blob: Blob; fileName: string; count: number | null }> {
  let response: Response;
  try {
    response = await fetch(`/api/houses/${houseId}/receipts${queryString(query)}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: csrfHeaders(),
    });
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
  const header = response.headers.get('x-receipts');
  const total = header !== null && /^\d+$/.test(header) ? Number(header) : null;
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let bytes = 0;
  let done = 0;
  let tail: Uint8Array = new Uint8Array(0);
  const reader = response.body?.getReader();
  if (reader) {
    for (;;) {
      const { value, done: finished } = await reader.read();
      if (finished) break;
      chunks.push(value);
      bytes += value.length;
      if (query.format === 'zip') {
        const counted = countAcross(tail, value, ZIP_ENTRY);
        done += counted.count;
        tail = counted.tail;
      }
      onProgress?.({ total, done: query.format === 'zip' ? done : null, bytes });
    }
  }
  const type = query.format === 'zip' ? 'application/zip' : 'application/pdf';
  return {
    blob: reader ? new Blob(chunks, { type }) : await response.blob(),
    fileName: attachmentName(
      response.headers.get('content-disposition'),
      `receipts-${query.period}.${query.format}`,
    ),
    count: total,
  };
}

export type ExportFormat = 'xlsx' | 'csv';

export const downloadExport = (
  houseId: string,
  what: 'charges' | 'payments',
  period: string,
  format: ExportFormat,
) =>
  apiDownload(
    `/houses/${houseId}/${what}/export${queryString({ period, format })}`,
    `${what}-${period}.${format}`,
  );

// ── Dashboard and house finances ──────────────────────────────────────────────────────────────────────────────

export const dashboardKey = (houseId: string, months: number) =>
  ['billing', 'dashboard', houseId, months] as const;

export const fetchDashboard = (houseId: string, months: number, signal?: AbortSignal) =>
  apiRequest<BillingDashboard>(
    `/houses/${houseId}/billing/dashboard${queryString({ months })}`,
    withSignal(signal),
  );

export const financesKey = (houseId: string, months: number) =>
  ['billing', 'finances', houseId, months] as const;

export const fetchFinances = (houseId: string, months: number, signal?: AbortSignal) =>
  apiRequest<HouseFinances>(`/houses/${houseId}/finances${queryString({ months })}`, withSignal(signal));

export const spendingKey = (houseId: string, page: number) => ['billing', 'spending', houseId, page] as const;

export const fetchSpending = (houseId: string, page: number, pageSize: number, signal?: AbortSignal) =>
  apiRequest<SpendingPage>(
    `/houses/${houseId}/spending${queryString({ page, pageSize })}`,
    withSignal(signal),
  );

export const spendingDocumentPath = (houseId: string, id: string) =>
  `/houses/${houseId}/spending/${id}/document`;

export const createSpending = (houseId: string, body: SpendingBody) =>
  apiRequest<SpendingLine>(`/houses/${houseId}/spending`, { method: 'POST', body });

export const updateSpending = (houseId: string, id: string, body: SpendingBody) =>
  apiRequest<SpendingLine>(`/houses/${houseId}/spending/${id}`, { method: 'PATCH', body });

export const deleteSpending = (houseId: string, id: string) =>
  apiRequest<void>(`/houses/${houseId}/spending/${id}`, { method: 'DELETE' });

/** A document for a spending line (a scan of the act or the invoice): the file is the request body. */
export const uploadSpendingDocument = (houseId: string, id: string, file: File) =>
  apiUpload<SpendingLine>(
    `/houses/${houseId}/spending/${id}/document${queryString({ fileName: file.name })}`,
    file,
  );
