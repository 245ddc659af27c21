import type { SupportedLanguage } from '@domovoy/locales';
import PDFDocument from 'pdfkit';
import { type CardFonts, findCardFonts, transliterate } from '../../residents/staff/card-fonts.ts';
import { paymentQrPng } from './payment-qr.ts';
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
/** Big enough for a version-15 QR code to scan from paper and from a 150 dpi rendering. */
const QR_SIZE = 150;
const GRID = '#8a8a8a';
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

type Align = 'left' | 'center' | 'right';

interface Pen {
  doc: PDFKit.PDFDocument;
  language: SupportedLanguage;
  /** Identity with Cyrillic fonts; transliteration for the built-in fallback. */
  text: (s: string) => string;
  t: (key: string, vars?: Record<string, string | number>) => string;
  y: number;
  /** Printed at the top of continuation pages. */
  running: string;
}

/** One receipt as a PDF (A4, one page unless the services table is unusually long). */
export async function renderReceiptPdf(
  receipt: ReceiptData,
  options: ReceiptRenderOptions = {},
): Promise<Buffer> {
  const doc = newReceiptDocument(options, receiptTitle(receipt, options.language ?? 'ru'));
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  drawReceipt(doc, receipt, options);
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}

/** A PDF document with the receipt fonts registered as `regular`, `bold` and `mono`; pages are added per receipt. */
export function newReceiptDocument(options: ReceiptRenderOptions, title: string): PDFKit.PDFDocument {
  const fonts = resolveFonts(options);
  const doc = new PDFDocument({
    autoFirstPage: false,
    size: 'A4',
    margin: 0,
    info: { Title: fonts ? title : transliterate(title), Creator: 'Domovoy' },
  });
  if (fonts) {
    doc.registerFont('regular', fonts.regular);
    doc.registerFont('bold', fonts.bold);
    doc.registerFont('mono', fonts.mono);
  } else {
    doc.registerFont('regular', 'Helvetica');
    doc.registerFont('bold', 'Helvetica-Bold');
    doc.registerFont('mono', 'Courier-Bold');
  }
  return doc;
}

/** The font used, for a response header or a log line. */
export const receiptFontName = (options: ReceiptRenderOptions) =>
  resolveFonts(options)?.name ?? 'Helvetica (transliterated)';

export function receiptTitle(receipt: ReceiptData, language: SupportedLanguage) {
  return `${receiptText(language, 'title')} ${receiptText(language, 'for_period', {
    period: formatPeriod(receipt.period.year, receipt.period.month, language),
  })}, ${receipt.payer.accountNumber}`;
}

const resolveFonts = (options: ReceiptRenderOptions) =>
  options.fonts === undefined ? findCardFonts() : options.fonts;

/**
 * Draws a receipt starting on a new page, in the order of the Minstroy order 43/pr form: payer and payee, the
 * calculation table, what to pay with the QR code, meter readings, contacts.
 */
export function drawReceipt(
  doc: PDFKit.PDFDocument,
  receipt: ReceiptData,
  options: ReceiptRenderOptions = {},
) {
  const language = options.language ?? 'ru';
  const fonts = resolveFonts(options);
  const pen: Pen = {
    doc,
    language,
    text: fonts ? (s) => s : transliterate,
    t: (key, vars) => receiptText(language, key, vars),
    y: PAGE.margin,
    running: receiptText(language, 'page', {
      account: receipt.payer.accountNumber,
      period: formatPeriod(receipt.period.year, receipt.period.month, language),
    }),
  };
  doc.addPage({ size: 'A4', margin: 0 });
  doc.fillColor('#000000').strokeColor('#000000');
  drawHeader(pen, receipt);
  drawParties(pen, receipt);
  drawServices(pen, receipt);
  drawSummary(pen, receipt);
  drawMeters(pen, receipt);
  drawContacts(pen, receipt);
}

function drawHeader(pen: Pen, receipt: ReceiptData) {
  const { doc, text, t } = pen;
  const period = formatPeriod(receipt.period.year, receipt.period.month, pen.language);
  doc
    .font('bold')
    .fontSize(13)
    .text(text(`${t('title')} ${t('for_period', { period })}`), PAGE.margin, pen.y, { width: CONTENT });
  pen.y = doc.y + 1;
  doc.font('regular').fontSize(7.5).fillColor('#444444');
  doc.text(text(t('subtitle')), PAGE.margin, pen.y, { width: CONTENT });
  pen.y = doc.y + 2;
  if (receipt.status === 'DRAFT') {
    doc.font('bold').fontSize(9).fillColor('#b00020');
    doc.text(text(t('draft')), PAGE.margin, pen.y, { width: CONTENT });
    pen.y = doc.y + 2;
  }
  doc.fillColor('#000000');
  pen.y += 4;
}

function drawParties(pen: Pen, receipt: ReceiptData) {
  const { doc, text, t } = pen;
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
  doc.font('regular').fontSize(7.5).fillColor('#444444');
  doc.text(text(t('payer.account')), PAGE.margin + 6, left + 2, { width: half - 12 });
  doc.font('bold').fontSize(15).fillColor('#000000');
  doc.text(payer.accountNumber, PAGE.margin + 6, doc.y, { width: half - 12 });
  const leftBottom = doc.y + 4;
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
  doc.lineWidth(0.6).strokeColor(GRID);
  doc.rect(PAGE.margin, top - 4, half, bottom - top + 4).stroke();
  doc.rect(PAGE.margin + half + gap, top - 4, half, bottom - top + 4).stroke();
  doc.strokeColor('#000000');
  pen.y = bottom + 10;
}

/** A titled list of "label: value" lines; returns the y below it. */
function block(pen: Pen, x: number, y: number, width: number, heading: string, rows: [string, string][]) {
  const { doc, text } = pen;
  doc.font('bold').fontSize(8.5).fillColor('#000000');
  doc.text(text(heading), x + 6, y, { width: width - 12 });
  let cursor = doc.y + 2;
  for (const [label, value] of rows) {
    doc.fontSize(8);
    if (label) {
      doc
        .font('regular')
        .fillColor('#444444')
        .text(text(`${label}: `), x + 6, cursor, {
          width: width - 12,
          continued: true,
        });
      doc.font('regular').fillColor('#000000').text(text(value));
    } else {
      doc
        .font('bold')
        .fillColor('#000000')
        .text(text(value), x + 6, cursor, { width: width - 12 });
    }
    cursor = doc.y + 1;
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
  const { doc, text, t } = pen;
  const { totals } = receipt;
  const captionHeight = 30;
  ensure(pen, QR_SIZE + captionHeight + 24);
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
    doc.font('regular').fontSize(9).fillColor('#000000');
    doc.text(text(line.label), PAGE.margin, y, { width: width - amountWidth - 6 });
    const below = doc.y;
    doc.text(formatRubles(line.amount), PAGE.margin + width - amountWidth, y, {
      width: amountWidth,
      align: 'right',
      lineBreak: false,
    });
    y = below + 1;
    if (line.note) {
      doc
        .fontSize(7.5)
        .fillColor('#444444')
        .text(text(line.note), PAGE.margin + 10, y, { width: width - 10 });
      y = doc.y + 1;
    }
  }
  doc.lineWidth(0.8).strokeColor('#000000');
  doc
    .moveTo(PAGE.margin, y + 2)
    .lineTo(PAGE.margin + width, y + 2)
    .stroke();
  y += 6;
  doc.font('bold').fontSize(12).fillColor('#000000');
  doc.text(text(t('summary.total')), PAGE.margin, y, { width: width - amountWidth - 6 });
  doc.text(
    `${formatRubles(totals.totalToPayKopecks)} ${text(t('summary.currency'))}`,
    PAGE.margin + width - amountWidth - 40,
    y,
    { width: amountWidth + 40, align: 'right', lineBreak: false },
  );
  y = doc.y + 4;
  if (totals.totalToPayKopecks < 0n) {
    doc.font('regular').fontSize(8).fillColor('#444444');
    doc.text(text(t('summary.overpaid')), PAGE.margin, y, { width });
    y = doc.y + 2;
  }
  const qrX = PAGE.margin + CONTENT - QR_SIZE;
  doc.image(paymentQrPng(receipt.qr.payload), qrX, top - 4, { width: QR_SIZE, height: QR_SIZE });
  doc.font('regular').fontSize(7).fillColor('#444444');
  doc.text(text(t('qr.caption')), qrX, top - 4 + QR_SIZE + 2, { width: QR_SIZE, align: 'center' });
  doc.fillColor('#000000');
  pen.y = Math.max(y, doc.y) + 10;
}

function drawMeters(pen: Pen, receipt: ReceiptData) {
  const { t } = pen;
  ensure(pen, 60);
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
  const { doc, text, t } = pen;
  ensure(pen, 50);
  heading(pen, t('contacts.heading'));
  const { payee, house } = receipt;
  const office = [
    payee.shortName ?? payee.name,
    payee.address,
    payee.phone ? t('contacts.phone', { phone: payee.phone }) : null,
    payee.email ? t('contacts.email', { email: payee.email }) : null,
  ].filter((part): part is string => Boolean(part));
  doc.font('regular').fontSize(8).fillColor('#000000');
  doc.text(text(`${t('contacts.office')}: ${office.join(', ')}`), PAGE.margin, pen.y, { width: CONTENT });
  doc.font('bold').fontSize(9);
  doc.text(
    text(
      house.emergencyPhone
        ? t('contacts.emergency', { phone: house.emergencyPhone })
        : t('contacts.emergency_unknown'),
    ),
    PAGE.margin,
    doc.y + 2,
    { width: CONTENT },
  );
  pen.y = doc.y + 6;
}

function heading(pen: Pen, title: string) {
  ensure(pen, 30);
  pen.doc.font('bold').fontSize(9.5).fillColor('#000000');
  pen.doc.text(pen.text(title), PAGE.margin, pen.y, { width: CONTENT });
  pen.y = pen.doc.y + 3;
}

/** A table row with a thin grid; cells wrap, and the row is as tall as its tallest cell. */
function row(
  pen: Pen,
  columns: readonly { key: string; width: number; align: Align }[],
  cells: readonly string[],
  style: { bold?: boolean; fontSize: number; fill?: string },
) {
  const { doc, text } = pen;
  const pad = 3;
  doc.font(style.bold ? 'bold' : 'regular').fontSize(style.fontSize);
  const height =
    Math.max(
      ...columns.map((c, i) => doc.heightOfString(text(cells[i] ?? ''), { width: c.width - 2 * pad })),
    ) +
    2 * pad;
  ensure(pen, height);
  let x = PAGE.margin;
  if (style.fill) {
    doc.save().rect(x, pen.y, CONTENT, height).fill(style.fill).restore();
  }
  doc.lineWidth(0.4).strokeColor(GRID);
  columns.forEach((c, i) => {
    doc.rect(x, pen.y, c.width, height).stroke();
    doc
      .fillColor('#000000')
      .font(style.bold ? 'bold' : 'regular')
      .fontSize(style.fontSize);
    doc.text(text(cells[i] ?? ''), x + pad, pen.y + pad, { width: c.width - 2 * pad, align: c.align });
    x += c.width;
  });
  doc.strokeColor('#000000');
  pen.y += height;
}

/** Starts a continuation page when `height` does not fit below the cursor. */
function ensure(pen: Pen, height: number) {
  if (pen.y + height <= BOTTOM) return;
  pen.doc.addPage({ size: 'A4', margin: 0 });
  pen.doc.font('regular').fontSize(7.5).fillColor('#444444');
  pen.doc.text(pen.text(pen.running), PAGE.margin, PAGE.margin, { width: CONTENT });
  pen.doc.fillColor('#000000');
  pen.y = pen.doc.y + 6;
}
