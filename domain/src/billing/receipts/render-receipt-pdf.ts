import type { SupportedLanguage } from '@domovoy/locales';
import { type CardFonts, findCardFonts } from '../../residents/staff/card-fonts.ts';
import { type FontSet, receiptFontSet } from './pdf/font-set.ts';
import { type Align, PageContent } from './pdf/page-content.ts';
import { PdfDocument } from './pdf/pdf-document.ts';
import { paymentQrMatrix } from './pdf/qr-matrix.ts';
import { type Line, linesHeight, type TextRun, type TextStyle, wrapText } from './pdf/text-layout.ts';
import {
  formatMeterValue,
  formatPeriod,
  formatQuantity,
  formatRubles,
  formatTariff,
} from './receipt-format.ts';
import { receiptText } from './receipt-texts.ts';
import type { ReceiptData, ReceiptLine, ReceiptMeterZone } from './receipt-types.ts';

export interface ReceiptRenderOptions {
  language?: SupportedLanguage;
  /** Fonts to embed; null forces the built-in Helvetica (transliterated). Default: the first installed Cyrillic TTF. */
  fonts?: CardFonts | null;
}

/** A4 portrait in points. */
const PAGE = { width: 595.28, height: 841.89, margin: 28 };
const CONTENT = PAGE.width - 2 * PAGE.margin;
const BOTTOM = PAGE.height - PAGE.margin;
/** Big enough for a version-17 QR code to scan from paper and from a 150 dpi rendering. */
const QR_SIZE = 150;
const GRID = '#8a8a8a';
const BLACK = '#000000';
const GREY = '#444444';
/** Services table: service name takes what the number columns leave. */
const COLUMNS = [
  { key: 'service', width: CONTENT - 355, align: 'left' },
  { key: 'unit', width: 40, align: 'center' },
  { key: 'volume', width: 55, align: 'right' },
  { key: 'tariff', width: 60, align: 'right' },
  { key: 'charged', width: 65, align: 'right' },
  { key: 'recalculation', width: 65, align: 'right' },
  { key: 'total', width: 70, align: 'right' },
] as const;
const METER_COLUMNS = [
  { key: 'meter', width: CONTENT - 300, align: 'left' },
  { key: 'serial', width: 100, align: 'left' },
  { key: 'previous', width: 100, align: 'right' },
  { key: 'current', width: 100, align: 'right' },
] as const;

/**
 * A PDF of receipts, one or more pages each, written by the receipt PDF writer (pdf/): fonts prepared once per
 * process, pages streamed as they are finished (`take()`), the end written by `finish()`.
 */
export class ReceiptDocument {
  readonly fonts: FontSet;
  readonly pdf: PdfDocument;
  constructor(options: ReceiptRenderOptions, title: string) {
    this.fonts = receiptFontSet(resolveFonts(options));
    this.pdf = new PdfDocument(
      this.fonts,
      { title: this.fonts.regular.printable(title), creator: 'Domovoy', created: new Date() },
      PAGE,
    );
  }

  get pageCount() {
    return this.pdf.pageCount;
  }

  /** The bytes of the pages finished since the last call. */
  take(): Buffer {
    return this.pdf.take();
  }

  /** Ends the document; returns its last bytes. */
  finish(): Buffer {
    return this.pdf.finish();
  }
}

/** One receipt as a PDF (A4, one page unless the services table is unusually long). */
export async function renderReceiptPdf(
  receipt: ReceiptData,
  options: ReceiptRenderOptions = {},
): Promise<Buffer> {
  const doc = newReceiptDocument(options, receiptTitle(receipt, options.language ?? 'ru'));
  drawReceipt(doc, receipt, options);
  const head = doc.take();
  return Buffer.concat([head, doc.finish()]);
}

/** A PDF document for receipts in the receipt fonts; each `drawReceipt` adds that receipt's pages. */
export function newReceiptDocument(options: ReceiptRenderOptions, title: string): ReceiptDocument {
  return new ReceiptDocument(options, title);
}

/** The font used, for a response header or a log line. */
export const receiptFontName = (options: ReceiptRenderOptions) =>
  resolveFonts(options)?.name ?? 'Helvetica (transliterated)';

export function receiptTitle(receipt: ReceiptData, language: SupportedLanguage) {
  return `${receiptText(language, 'title')} ${receiptText(language, 'for_period', {
    period: formatPeriod(receipt.period.year, receipt.period.month, language),
  })}, ${receipt.payer.accountNumber}`;
}

/** The installed fonts, looked up once: a bulk run asks for every receipt. */
let installedFonts: CardFonts | null | undefined;

const resolveFonts = (options: ReceiptRenderOptions) => {
  if (options.fonts !== undefined) return options.fonts;
  if (installedFonts === undefined) installedFonts = findCardFonts();
  return installedFonts;
};

interface TextOptions {
  width: number;
  bold?: boolean;
  size: number;
  color?: string;
  align?: Align;
}

/** The drawing state of one receipt: the page being drawn and the cursor. */
class Pen {
  page: PageContent;
  y = PAGE.margin;
  private readonly styles = new Map<string, TextStyle>();

  constructor(
    private readonly doc: ReceiptDocument,
    readonly language: SupportedLanguage,
    /** Printed at the top of continuation pages. */
    private readonly running: string,
  ) {
    this.page = new PageContent(PAGE.height);
  }

  t = (key: string, vars?: Record<string, string | number>) => receiptText(this.language, key, vars);

  style(bold: boolean, size: number, color: string): TextStyle {
    const id = `${bold ? 'b' : 'r'}${size}${color}`;
    let style = this.styles.get(id);
    if (!style) {
      const { regular, bold: boldFont } = this.doc.fonts;
      style = { font: bold ? boldFont : regular, key: bold ? 'F2' : 'F1', size, color };
      this.styles.set(id, style);
    }
    return style;
  }

  /** Text wrapped to `o.width` at (x, y); returns the y below it. */
  text(text: string, x: number, y: number, o: TextOptions): number {
    return this.page.lines(this.wrap(text, o), x, y, o.width, o.align);
  }

  /** Styled runs in one paragraph (a grey label followed by its value). */
  runs(runs: TextRun[], x: number, y: number, width: number): number {
    return this.page.lines(wrapText(runs, width), x, y, width);
  }

  wrap(text: string, o: TextOptions): Line[] {
    return wrapText([{ style: this.style(o.bold ?? false, o.size, o.color ?? BLACK), text }], o.width);
  }

  /** Starts a continuation page when `height` does not fit below the cursor. */
  ensure(height: number) {
    if (this.y + height <= BOTTOM) return;
    this.finishPage();
    this.page = new PageContent(PAGE.height);
    this.y =
      this.text(this.running, PAGE.margin, PAGE.margin, { width: CONTENT, size: 7.5, color: GREY }) + 6;
  }

  finishPage() {
    this.doc.pdf.addPage(this.page.bytes());
  }
}

/**
 * Draws a receipt starting on a new page, in the order of the Minstroy order 43/pr form: payer and payee, the
 * calculation table, what to pay with the QR code, meter readings, contacts.
 */
export function drawReceipt(doc: ReceiptDocument, receipt: ReceiptData, options: ReceiptRenderOptions = {}) {
  const language = options.language ?? 'ru';
  const pen = new Pen(
    doc,
    language,
    receiptText(language, 'page', {
      account: receipt.payer.accountNumber,
      period: formatPeriod(receipt.period.year, receipt.period.month, language),
    }),
  );
  drawHeader(pen, receipt);
  drawParties(pen, receipt);
  drawServices(pen, receipt);
  drawSummary(pen, receipt);
  drawMeters(pen, receipt);
  drawContacts(pen, receipt);
  pen.finishPage();
}

function drawHeader(pen: Pen, receipt: ReceiptData) {
  const { t } = pen;
  const period = formatPeriod(receipt.period.year, receipt.period.month, pen.language);
  pen.y =
    pen.text(`${t('title')} ${t('for_period', { period })}`, PAGE.margin, pen.y, {
      width: CONTENT,
      bold: true,
      size: 13,
    }) + 1;
  pen.y = pen.text(t('subtitle'), PAGE.margin, pen.y, { width: CONTENT, size: 7.5, color: GREY }) + 2;
  if (receipt.status === 'DRAFT') {
    pen.y =
      pen.text(t('draft'), PAGE.margin, pen.y, { width: CONTENT, bold: true, size: 9, color: '#b00020' }) + 2;
  }
  pen.y += 4;
}

function drawParties(pen: Pen, receipt: ReceiptData) {
  const { t } = pen;
  const gap = 12;
  const half = (CONTENT - gap) / 2;
  const top = pen.y;
  const { payer, payee } = receipt;
  const place = t(payer.premisesKind === 'FLAT' ? 'payer.flat' : 'payer.premises', {
    number: payer.premisesNumber,
  });
  const left = block(pen, PAGE.margin, top, half, t('payer.heading'), [
    [t('payer.name'), payer.name ?? t('payer.unknown')],
    [t('payer.address'), `${payer.address}, ${place}`],
    [t('payer.area'), formatQuantity(payer.area)],
    [t('payer.persons'), String(payer.registeredPersons)],
  ]);
  const label = pen.text(t('payer.account'), PAGE.margin + 6, left + 2, {
    width: half - 12,
    size: 7.5,
    color: GREY,
  });
  const leftBottom =
    pen.text(payer.accountNumber, PAGE.margin + 6, label, { width: half - 12, bold: true, size: 15 }) + 4;
  const right = block(pen, PAGE.margin + half + gap, top, half, t('payee.heading'), [
    ['', payee.name],
    [t('payee.inn_kpp'), payee.kpp ? `${payee.inn} / ${payee.kpp}` : payee.inn],
    [t('payee.address'), payee.address],
    [t('payee.bank_account'), payee.bankAccount],
    [t('payee.bank'), payee.bankName],
    [t('payee.bic'), payee.bic],
    [t('payee.corr_account'), payee.corrAccount],
  ]);
  const bottom = Math.max(leftBottom, right + 4);
  const { page } = pen;
  page.lineWidth(0.6);
  page.strokeColor(GRID);
  page.strokeRect(PAGE.margin, top - 4, half, bottom - top + 4);
  page.strokeRect(PAGE.margin + half + gap, top - 4, half, bottom - top + 4);
  page.strokeColor(BLACK);
  pen.y = bottom + 10;
}

/** A titled list of "label: value" lines; returns the y below it. */
function block(pen: Pen, x: number, y: number, width: number, heading: string, rows: [string, string][]) {
  let cursor = pen.text(heading, x + 6, y, { width: width - 12, bold: true, size: 8.5 }) + 2;
  for (const [label, value] of rows) {
    cursor = label
      ? pen.runs(
          [
            { style: pen.style(false, 8, GREY), text: `${label}: ` },
            { style: pen.style(false, 8, BLACK), text: value },
          ],
          x + 6,
          cursor,
          width - 12,
        )
      : pen.text(value, x + 6, cursor, { width: width - 12, bold: true, size: 8 });
    cursor += 1;
  }
  return cursor;
}

function drawServices(pen: Pen, receipt: ReceiptData) {
  const { t } = pen;
  heading(pen, t('table.heading'));
  const header = COLUMNS.map((c) => t(`table.${c.key}`));
  row(pen, COLUMNS, header, { bold: true, fontSize: 7, fill: '#efefef' });
  if (receipt.lines.length === 0) {
    row(pen, [{ key: 'all', width: CONTENT, align: 'center' }], [t('table.no_charges')], { fontSize: 8 });
  }
  for (const line of receipt.lines) {
    row(
      pen,
      COLUMNS,
      [
        lineName(pen, line),
        line.unit,
        line.volume === null ? '' : formatQuantity(line.volume),
        line.tariffKopecks === null ? '' : formatTariff(line.tariffKopecks),
        formatRubles(line.chargedKopecks),
        line.recalculationKopecks === 0n ? '' : formatRubles(line.recalculationKopecks),
        formatRubles(line.totalKopecks),
      ],
      { fontSize: 8 },
    );
  }
  const { totals } = receipt;
  row(
    pen,
    COLUMNS,
    [
      t('table.sum'),
      '',
      '',
      '',
      formatRubles(totals.chargedKopecks),
      formatRubles(totals.recalculationKopecks),
      formatRubles(totals.linesTotalKopecks),
    ],
    { bold: true, fontSize: 8 },
  );
  pen.y += 10;
}

function lineName(pen: Pen, line: ReceiptLine) {
  const { t } = pen;
  const notes: string[] = [];
  if (line.zone !== null && line.zoneCount > 1) notes.push(zoneName(pen, line.zone, line.zoneCount));
  if (line.kinds.includes('AVERAGE')) notes.push(t('table.average'));
  if (line.kinds.includes('NORMATIVE')) notes.push(t('table.normative'));
  return notes.length ? `${line.serviceName} (${notes.join(', ')})` : line.serviceName;
}

function zoneName(pen: Pen, zone: number, zones: number) {
  if (zones === 2) return pen.t(zone === 1 ? 'table.zone_day' : 'table.zone_night');
  if (zones === 3)
    return pen.t(zone === 1 ? 'table.zone_peak' : zone === 2 ? 'table.zone_half_peak' : 'table.zone_night');
  return String(zone);
}

function drawSummary(pen: Pen, receipt: ReceiptData) {
  const { t } = pen;
  const { totals } = receipt;
  const captionHeight = 30;
  pen.ensure(QR_SIZE + captionHeight + 24);
  heading(pen, t('summary.heading'));
  const top = pen.y;
  const width = CONTENT - QR_SIZE - 16;
  const amountWidth = 110;
  const lines: { label: string; amount: bigint; note?: string }[] = [
    {
      label: t('summary.debt_at_start'),
      amount: totals.debtAtStartKopecks,
      ...(totals.earlierPenaltiesKopecks !== 0n
        ? { note: t('summary.debt_penalties', { amount: formatRubles(totals.earlierPenaltiesKopecks) }) }
        : {}),
    },
    { label: t('summary.paid'), amount: -totals.paidKopecks },
    { label: t('summary.charged'), amount: totals.linesTotalKopecks },
    { label: t('summary.penalties'), amount: totals.penaltiesKopecks },
  ];
  let y = top;
  for (const line of lines) {
    const below = pen.text(line.label, PAGE.margin, y, { width: width - amountWidth - 6, size: 9 });
    pen.text(formatRubles(line.amount), PAGE.margin + width - amountWidth, y, {
      width: amountWidth,
      size: 9,
      align: 'right',
    });
    y = below + 1;
    if (line.note) {
      y = pen.text(line.note, PAGE.margin + 10, y, { width: width - 10, size: 7.5, color: GREY }) + 1;
    }
  }
  const { page } = pen;
  page.lineWidth(0.8);
  page.strokeColor(BLACK);
  page.line(PAGE.margin, y + 2, PAGE.margin + width, y + 2);
  y += 6;
  const totalBottom = pen.text(t('summary.total'), PAGE.margin, y, {
    width: width - amountWidth - 6,
    bold: true,
    size: 12,
  });
  const amountBottom = pen.text(
    `${formatRubles(totals.totalToPayKopecks)} ${t('summary.currency')}`,
    PAGE.margin + width - amountWidth - 40,
    y,
    { width: amountWidth + 40, bold: true, size: 12, align: 'right' },
  );
  y = Math.max(totalBottom, amountBottom) + 4;
  if (totals.totalToPayKopecks < 0n) {
    y = pen.text(t('summary.overpaid'), PAGE.margin, y, { width, size: 8, color: GREY }) + 2;
  }
  const qrX = PAGE.margin + CONTENT - QR_SIZE;
  page.qr(paymentQrMatrix(receipt.qr.payload), qrX, top - 4, QR_SIZE);
  const captionBottom = pen.text(t('qr.caption'), qrX, top - 4 + QR_SIZE + 2, {
    width: QR_SIZE,
    size: 7,
    color: GREY,
    align: 'center',
  });
  pen.y = Math.max(y, captionBottom) + 10;
}

function drawMeters(pen: Pen, receipt: ReceiptData) {
  const { t } = pen;
  pen.ensure(60);
  heading(pen, t('meters.heading'));
  row(
    pen,
    METER_COLUMNS,
    METER_COLUMNS.map((c) => t(`meters.${c.key}`)),
    { bold: true, fontSize: 7, fill: '#efefef' },
  );
  if (receipt.meters.length === 0)
    row(pen, [{ key: 'all', width: CONTENT, align: 'center' }], [t('meters.none')], { fontSize: 8 });
  for (const m of receipt.meters) row(pen, METER_COLUMNS, meterCells(pen, m), { fontSize: 8 });
  pen.y += 10;
}

function meterCells(pen: Pen, m: ReceiptMeterZone): string[] {
  const { t } = pen;
  const type = t(`meters.type_${m.type.toLowerCase()}`);
  const name = m.zones > 1 ? `${type} (${zoneName(pen, m.zone, m.zones)})` : type;
  const previous = m.previous
    ? `${formatMeterValue(m.previous.value, m.fractionDigits)} (${String(m.previous.period.getUTCMonth() + 1).padStart(2, '0')}.${m.previous.period.getUTCFullYear()})`
    : '—';
  return [
    name,
    m.serial,
    previous,
    m.current === null ? t('meters.missing') : formatMeterValue(m.current, m.fractionDigits),
  ];
}

function drawContacts(pen: Pen, receipt: ReceiptData) {
  const { t } = pen;
  pen.ensure(50);
  heading(pen, t('contacts.heading'));
  const { payee, house } = receipt;
  const office = [
    payee.shortName ?? payee.name,
    payee.address,
    payee.phone ? t('contacts.phone', { phone: payee.phone }) : null,
    payee.email ? t('contacts.email', { email: payee.email }) : null,
  ].filter((part): part is string => Boolean(part));
  const below = pen.text(`${t('contacts.office')}: ${office.join(', ')}`, PAGE.margin, pen.y, {
    width: CONTENT,
    size: 8,
  });
  pen.y =
    pen.text(
      house.emergencyPhone
        ? t('contacts.emergency', { phone: house.emergencyPhone })
        : t('contacts.emergency_unknown'),
      PAGE.margin,
      below + 2,
      { width: CONTENT, bold: true, size: 9 },
    ) + 6;
}

function heading(pen: Pen, title: string) {
  pen.ensure(30);
  pen.y = pen.text(title, PAGE.margin, pen.y, { width: CONTENT, bold: true, size: 9.5 }) + 3;
}

/** A table row with a thin grid; cells wrap, and the row is as tall as its tallest cell. */
function row(
  pen: Pen,
  columns: readonly { key: string; width: number; align: Align }[],
  cells: readonly string[],
  style: { bold?: boolean; fontSize: number; fill?: string },
) {
  const pad = 3;
  const bold = style.bold ?? false;
  const wrapped = columns.map((c, i) =>
    pen.wrap(cells[i] ?? '', { width: c.width - 2 * pad, bold, size: style.fontSize }),
  );
  const height = Math.max(...wrapped.map(linesHeight)) + 2 * pad;
  pen.ensure(height);
  const { page } = pen;
  let x = PAGE.margin;
  if (style.fill) page.fillRect(x, pen.y, CONTENT, height, style.fill);
  page.lineWidth(0.4);
  page.strokeColor(GRID);
  columns.forEach((c, i) => {
    page.strokeRect(x, pen.y, c.width, height);
    page.lines(wrapped[i] ?? [], x + pad, pen.y + pad, c.width - 2 * pad, c.align);
    x += c.width;
  });
  page.strokeColor(BLACK);
  pen.y += height;
}
