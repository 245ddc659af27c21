import PDFDocument from 'pdfkit';
import { z } from 'zod';
import { writeAudit } from '../../audit/write-audit.ts';
import type { DomainDeps } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { compareNumbers, loadHouse } from '../../registry/registry-access.ts';
import { idSchema } from '../../registry/registry-fields.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';
import { inviteDeepLink } from '../invite-code.ts';
import { type CardFonts, findCardFonts, transliterate } from './card-fonts.ts';
import { qrPng } from './qr-png.ts';
import { botUsernameSchema } from './resident-link-access.ts';

export const inviteCardsInputSchema = z.object({
  houseId: idSchema,
  /** One entrance; the whole house when absent. */
  entranceId: idSchema.optional(),
  botUsername: botUsernameSchema,
  language: z.enum(['ru', 'en']).default('ru'),
});

export interface InviteCardsOptions {
  /** Fonts to embed; null forces the built-in fallback (transliterated). Default: the first installed candidate. */
  fonts?: CardFonts | null;
}

/** A4 in points, 2 × 4 cards a page with cutting guides. */
export const CARDS_PER_PAGE = 8;
const PAGE = { width: 595.28, height: 841.89, margin: 24 };
const COLUMNS = 2;
const ROWS = 4;
const CARD = {
  width: (PAGE.width - 2 * PAGE.margin) / COLUMNS,
  height: (PAGE.height - 2 * PAGE.margin) / ROWS,
  padding: 14,
  qr: 96,
};

const TEXTS = {
  ru: {
    title: 'Telegram-бот вашего дома',
    flat: 'Кв.',
    premises: 'Пом.',
    entrance: 'Подъезд',
    account: 'Лицевой счёт',
    code: 'Код приглашения',
    hint: (bot: string) =>
      `Наведите камеру телефона на QR-код — бот откроется сам. Или найдите в Telegram @${bot}, нажмите «Запустить» и отправьте код.`,
  },
  en: {
    title: 'Your building’s Telegram bot',
    flat: 'Flat',
    premises: 'Premises',
    entrance: 'Entrance',
    account: 'Personal account',
    code: 'Invite code',
    hint: (bot: string) =>
      `Point your phone camera at the QR code to open the bot. Or find @${bot} in Telegram, tap Start and send the code.`,
  },
} as const;

export interface InviteCard {
  address: string;
  entranceNumber: number | null;
  premisesKind: 'FLAT' | 'NON_RESIDENTIAL';
  premisesNumber: string;
  accountNumber: string;
  code: string;
  deepLink: string;
}

/**
 * A printable PDF of invite cards for one entrance or a whole house: one card per open personal account with the
 * address, the flat, the account number, the code to type and a QR code of the bot's deep link, to cut out and
 * drop in letterboxes. The codes are keys to the flats, so this needs `residents.manage` and is audited.
 */
export async function buildInviteCardsPdf(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof inviteCardsInputSchema>,
  options: InviteCardsOptions = {},
) {
  const args = inviteCardsInputSchema.parse(input);
  const house = await loadHouse(deps.db.prisma, actor, args.houseId, 'residents.manage');
  let entranceNumber: number | null = null;
  if (args.entranceId) {
    const entrance = await deps.db.prisma.entrance.findUnique({
      where: { id: args.entranceId },
      select: { houseId: true, number: true },
    });
    if (!entrance || entrance.houseId !== args.houseId)
      throw new AppError('NOT_FOUND', 'entrance not found', { what: 'entrance' });
    entranceNumber = entrance.number;
  }
  const accounts = await deps.db.prisma.personalAccount.findMany({
    where: {
      organizationId: actor.organizationId,
      closedAt: null,
      premises: { houseId: args.houseId, ...(args.entranceId ? { entranceId: args.entranceId } : {}) },
    },
    select: {
      number: true,
      inviteCode: true,
      premises: { select: { kind: true, number: true, entrance: { select: { number: true } } } },
    },
  });
  if (accounts.length === 0)
    throw new AppError('NOT_FOUND', 'no open personal accounts to print', { what: 'accounts' });
  const cards: InviteCard[] = accounts
    .map((a) => ({
      address: house.address,
      entranceNumber: a.premises.entrance?.number ?? null,
      premisesKind: a.premises.kind,
      premisesNumber: a.premises.number,
      accountNumber: a.number,
      code: a.inviteCode,
      deepLink: inviteDeepLink(args.botUsername, a.inviteCode),
    }))
    .sort(
      (a, b) =>
        (a.entranceNumber ?? Number.MAX_SAFE_INTEGER) - (b.entranceNumber ?? Number.MAX_SAFE_INTEGER) ||
        compareNumbers(a.premisesNumber, b.premisesNumber) ||
        a.accountNumber.localeCompare(b.accountNumber),
    );
  const fonts = options.fonts === undefined ? findCardFonts() : options.fonts;
  const body = await renderInviteCards(cards, {
    botUsername: args.botUsername,
    language: args.language,
    fonts,
  });
  await deps.db.prisma.$transaction(async (tx) => {
    await writeAudit(tx, actor, {
      action: 'house.invite_cards.print',
      entityType: 'house',
      entityId: args.houseId,
      after: { entranceId: args.entranceId ?? null, entranceNumber, cards: cards.length },
    });
  });
  return {
    fileName: `invite-codes-${entranceNumber === null ? 'house' : `entrance-${entranceNumber}`}.pdf`,
    contentType: 'application/pdf',
    body,
    cards: cards.length,
    pages: Math.ceil(cards.length / CARDS_PER_PAGE),
    font: fonts?.name ?? 'Helvetica (transliterated)',
  };
}

/** Lays the cards out, 8 to an A4 page. Exported for tests and for other printouts of the same cards. */
export async function renderInviteCards(
  cards: readonly InviteCard[],
  settings: { botUsername: string; language: 'ru' | 'en'; fonts: CardFonts | null },
): Promise<Buffer> {
  const t = TEXTS[settings.language];
  const { fonts } = settings;
  const text = fonts ? (s: string) => s : transliterate;
  const doc = new PDFDocument({
    autoFirstPage: false,
    size: 'A4',
    margin: 0,
    info: { Title: text(`${t.code} — ${cards[0]?.address ?? ''}`), Creator: 'Domovoy' },
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
    doc.registerFont('mono', fonts.mono);
  } else {
    doc.registerFont('regular', 'Helvetica');
    doc.registerFont('bold', 'Helvetica-Bold');
    doc.registerFont('mono', 'Courier-Bold');
  }
  cards.forEach((card, index) => {
    const slot = index % CARDS_PER_PAGE;
    if (slot === 0) doc.addPage({ size: 'A4', margin: 0 });
    const x = PAGE.margin + (slot % COLUMNS) * CARD.width;
    const y = PAGE.margin + Math.floor(slot / COLUMNS) * CARD.height;
    const p = CARD.padding;
    const inner = CARD.width - 2 * p;
    // Cutting guide.
    doc.save().lineWidth(0.5).dash(3, { space: 3 }).strokeColor('#999999');
    doc.rect(x, y, CARD.width, CARD.height).stroke();
    doc.restore();
    doc.fillColor('#000000');
    doc
      .font('bold')
      .fontSize(10)
      .text(text(t.title), x + p, y + p, { width: inner, height: 13, ellipsis: true });
    doc
      .font('regular')
      .fontSize(8.5)
      .text(text(card.address), x + p, y + p + 15, { width: inner, height: 22, ellipsis: true });
    const rowY = y + p + 38;
    const qrX = x + CARD.width - p - CARD.qr;
    doc.image(qrPng(card.deepLink), qrX, rowY, { width: CARD.qr, height: CARD.qr });
    const left = inner - CARD.qr - 8;
    const place = `${card.premisesKind === 'FLAT' ? t.flat : t.premises} ${card.premisesNumber}`;
    doc
      .font('bold')
      .fontSize(16)
      .text(text(place), x + p, rowY, { width: left, height: 20, ellipsis: true });
    if (card.entranceNumber !== null) {
      doc
        .font('regular')
        .fontSize(8)
        .text(text(`${t.entrance} ${card.entranceNumber}`), x + p, rowY + 21, { width: left, height: 10 });
    }
    doc.fillColor('#555555').font('regular').fontSize(7);
    doc.text(text(t.account), x + p, rowY + 36, { width: left, height: 9 });
    doc.fillColor('#000000').font('regular').fontSize(11);
    doc.text(card.accountNumber, x + p, rowY + 45, { width: left, height: 14 });
    doc.fillColor('#555555').font('regular').fontSize(7);
    doc.text(text(t.code), x + p, rowY + 64, { width: left, height: 9 });
    doc.fillColor('#000000').font('mono').fontSize(13);
    doc.text(groupCode(card.code), x + p, rowY + 73, { width: left, height: 16 });
    doc
      .font('regular')
      .fontSize(7)
      .fillColor('#333333')
      .text(text(t.hint(settings.botUsername)), x + p, y + CARD.height - p - 26, {
        width: inner,
        height: 26,
        ellipsis: true,
      });
  });
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}

/** "ABCDEFGHJK" → "ABCDE FGHJK": easier to copy by hand; the bot ignores the space. */
export const groupCode = (code: string) => code.replace(/(.{5})(?=.)/g, '$1 ');
