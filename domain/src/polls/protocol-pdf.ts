import PDFDocument from 'pdfkit';
import type { z } from 'zod';
import type { DomainDeps } from '../context.ts';
import { type CardFonts, findCardFonts, transliterate } from '../residents/staff/card-fonts.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import {
  answersText,
  decisionText,
  loadProtocol,
  PROTOCOL_TEXTS,
  type ProtocolData,
  type ProtocolTexts,
  premisesText,
  protocolDateTime,
  protocolFileName,
  type protocolInputSchema,
} from './protocol-data.ts';

export interface ProtocolPdfOptions {
  /** Fonts to embed; null forces the built-in Helvetica (transliterated). Default: the first installed Cyrillic TTF. */
  fonts?: CardFonts | null;
}

/** A4 portrait in points. */
const PAGE = { width: 595.28, height: 841.89, margin: 36 };
const CONTENT = PAGE.width - 2 * PAGE.margin;
const BOTTOM = PAGE.height - PAGE.margin;
const GRID = '#8a8a8a';

type Align = 'left' | 'center' | 'right';
interface Column {
  width: number;
  align: Align;
}

interface Pen {
  doc: PDFKit.PDFDocument;
  text: (s: string) => string;
  y: number;
}

/**
 * The protocol of a finished owners' meeting as a PDF (Minstroy order 44/pr of 28.01.2019): the meeting's
 * address, form, dates and initiator, all votes of the house and the participants' votes, the quorum, each question
 * with its threshold, the votes for / against / abstained in m² and in percent of the right base and the decision,
 * then the register of owners who voted (name, premises, share, area, votes, answers, a place to sign) and the
 * signature lines. Needs polls.manage in the house; audited.
 */
export async function getPollProtocolPdf(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof protocolInputSchema>,
  options: ProtocolPdfOptions = {},
) {
  const data = await loadProtocol(deps, actor, input, 'pdf');
  const fonts = options.fonts === undefined ? findCardFonts() : options.fonts;
  return {
    fileName: protocolFileName(data.poll, 'pdf'),
    contentType: 'application/pdf',
    body: await renderProtocolPdf(data, fonts),
    font: fonts?.name ?? 'Helvetica (transliterated)',
  };
}

export async function renderProtocolPdf(data: ProtocolData, fonts: CardFonts | null): Promise<Buffer> {
  const t = PROTOCOL_TEXTS[data.language];
  const text = fonts ? (s: string) => s : transliterate;
  const doc = new PDFDocument({
    autoFirstPage: false,
    size: 'A4',
    margin: 0,
    info: { Title: text(`${t.title} ${t.subtitle}, ${data.poll.address}`), Creator: 'Domovoy' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  if (fonts) {
    doc.registerFont('regular', fonts.regular);
    doc.registerFont('bold', fonts.bold);
  } else {
    doc.registerFont('regular', 'Helvetica');
    doc.registerFont('bold', 'Helvetica-Bold');
  }
  doc.addPage({ size: 'A4', margin: 0 });
  const pen: Pen = { doc, text, y: PAGE.margin };
  drawHeader(pen, t, data);
  drawQuestions(pen, t, data);
  drawRegister(pen, t, data);
  drawSignatures(pen, t);
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}

function ensureSpace(pen: Pen, height: number) {
  if (pen.y + height <= BOTTOM) return;
  pen.doc.addPage({ size: 'A4', margin: 0 });
  pen.y = PAGE.margin;
}

function paragraph(
  pen: Pen,
  value: string,
  options: { bold?: boolean; size?: number; align?: Align; gap?: number } = {},
) {
  const { doc } = pen;
  doc.font(options.bold ? 'bold' : 'regular').fontSize(options.size ?? 10);
  const height = doc.heightOfString(pen.text(value), { width: CONTENT });
  ensureSpace(pen, height);
  doc
    .fillColor('#000000')
    .text(pen.text(value), PAGE.margin, pen.y, { width: CONTENT, align: options.align ?? 'left' });
  pen.y += height + (options.gap ?? 4);
}

function field(pen: Pen, label: string, value: string) {
  paragraph(pen, `${label}: ${value}`);
}

function drawHeader(pen: Pen, t: ProtocolTexts, data: ProtocolData) {
  const { poll, results } = data;
  paragraph(pen, t.title, { bold: true, size: 14, align: 'center', gap: 2 });
  paragraph(pen, t.subtitle, { bold: true, size: 11, align: 'center', gap: 10 });
  paragraph(pen, poll.title, { bold: true, size: 11, align: 'center', gap: 10 });
  field(pen, t.address, poll.address);
  field(pen, t.form, t.forms[poll.meetingForm ?? 'ABSENTEE']);
  field(pen, t.start, protocolDateTime(poll.startsAt, poll.timezone));
  field(pen, t.end, protocolDateTime(poll.endsAt, poll.timezone));
  if (poll.initiator) field(pen, t.initiator, poll.initiator);
  field(pen, t.manager, data.organization);
  field(pen, t.totalVotes, `${results.totalVotes} ${t.m2} (100 %)`);
  field(
    pen,
    t.participants,
    `${results.participantVotes} ${t.m2} (${results.participantPercent ?? '0.00'} %)`,
  );
  field(pen, t.participantsCount, String(results.participants));
  paragraph(pen, `${t.quorum}: ${results.quorum ? t.quorumYes : t.quorumNo}`, { bold: true, gap: 12 });
}

function drawQuestions(pen: Pen, t: ProtocolTexts, data: ProtocolData) {
  paragraph(pen, t.agenda, { bold: true, size: 11, gap: 6 });
  const columns: Column[] = [
    { width: CONTENT - 240, align: 'left' },
    { width: 120, align: 'right' },
    { width: 120, align: 'right' },
  ];
  for (const q of data.results.questions) {
    paragraph(pen, `${q.position}. ${q.text}`, { bold: true, gap: 2 });
    paragraph(pen, `${t.threshold}: ${t.thresholds[q.threshold]}`, { size: 9, gap: 4 });
    const base = q.base === 'VOTERS' ? t.base.VOTERS : t.base[q.base];
    const rows = [
      ['', t.votes, base],
      ...q.options.map((o) => [
        o.decision ? t.decisions[o.decision] : o.text,
        o.votes ?? String(o.count),
        o.percent ?? '—',
      ]),
    ];
    table(pen, columns, rows, { header: true });
    paragraph(pen, `${t.decision}: ${decisionText(t, q.decision)}`, { bold: true, gap: 10 });
  }
}

function drawRegister(pen: Pen, t: ProtocolTexts, data: ProtocolData) {
  ensureSpace(pen, 60);
  paragraph(pen, t.register, { bold: true, size: 11, gap: 6 });
  if (data.register.length === 0) {
    paragraph(pen, t.noVoters, { gap: 12 });
    return;
  }
  const fixed = [22, 108, 58, 34, 54, 54, 100];
  const columns: Column[] = [
    { width: fixed[0]!, align: 'right' },
    { width: fixed[1]!, align: 'left' },
    { width: fixed[2]!, align: 'left' },
    { width: fixed[3]!, align: 'center' },
    { width: fixed[4]!, align: 'right' },
    { width: fixed[5]!, align: 'right' },
    { width: fixed[6]!, align: 'left' },
    { width: CONTENT - fixed.reduce((a, b) => a + b, 0), align: 'left' },
  ];
  const c = t.columns;
  table(
    pen,
    columns,
    [
      [c.n, c.owner, c.premises, c.share, c.area, c.votes, c.answers, c.signature],
      ...data.register.map((row, i) => [
        String(i + 1),
        row.ownerName,
        premisesText(t, row),
        row.share,
        row.area,
        row.votes,
        answersText(t, row),
        '',
      ]),
    ],
    { header: true, minRowHeight: 22, size: 8 },
  );
  pen.y += 12;
}

function drawSignatures(pen: Pen, t: ProtocolTexts) {
  for (const role of t.signatures) {
    ensureSpace(pen, 28);
    pen.doc.font('regular').fontSize(10).fillColor('#000000');
    pen.doc.text(pen.text(role), PAGE.margin, pen.y, { width: 200 });
    pen.doc
      .moveTo(PAGE.margin + 210, pen.y + 11)
      .lineTo(PAGE.margin + CONTENT, pen.y + 11)
      .lineWidth(0.5)
      .strokeColor('#000000')
      .stroke();
    pen.y += 28;
  }
}

/** A bordered table; a row that does not fit moves to a new page, where the header row is repeated. */
function table(
  pen: Pen,
  columns: Column[],
  rows: string[][],
  options: { header?: boolean; minRowHeight?: number; size?: number } = {},
) {
  const { doc } = pen;
  const size = options.size ?? 9;
  const pad = 3;
  const heightOf = (row: string[], bold: boolean) => {
    doc.font(bold ? 'bold' : 'regular').fontSize(size);
    const tallest = Math.max(
      ...row.map((cell, i) =>
        doc.heightOfString(pen.text(cell || ' '), { width: columns[i]!.width - 2 * pad }),
      ),
    );
    return Math.max(tallest + 2 * pad, options.minRowHeight ?? 0);
  };
  const draw = (row: string[], bold: boolean) => {
    const height = heightOf(row, bold);
    if (pen.y + height > BOTTOM) {
      doc.addPage({ size: 'A4', margin: 0 });
      pen.y = PAGE.margin;
      if (options.header && !bold) draw(rows[0]!, true);
    }
    let x = PAGE.margin;
    doc
      .font(bold ? 'bold' : 'regular')
      .fontSize(size)
      .fillColor('#000000');
    row.forEach((cell, i) => {
      const column = columns[i]!;
      doc.lineWidth(0.5).strokeColor(GRID).rect(x, pen.y, column.width, height).stroke();
      doc.text(pen.text(cell), x + pad, pen.y + pad, { width: column.width - 2 * pad, align: column.align });
      x += column.width;
    });
    pen.y += height;
  };
  rows.forEach((row, i) => {
    draw(row, Boolean(options.header) && i === 0);
  });
  pen.y += 4;
}
