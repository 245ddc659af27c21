import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { STAND_BACKENDS } from '@domovoy/test-support/stand';
import jsQR from 'jsqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../domain/src/errors/app-error.ts';
import { newInviteCode } from '../../domain/src/residents/invite-code.ts';
import { findInvitedFlat } from '../../domain/src/residents/link-by-invite-code.ts';
import { findCardFonts } from '../../domain/src/residents/staff/card-fonts.ts';
import { renderInviteCards } from '../../domain/src/residents/staff/invite-cards-pdf.ts';
import { buildTestApi, type Client, type TestApi } from './helper.ts';

const BOT = 'domovoy_test_bot';
const hasPoppler = ['/usr/bin/pdftoppm', '/usr/bin/pdftotext'].every((p) => existsSync(p));

/** The PDF's stream objects: dictionary text and raw stream bytes (PDFKit writes one object per stream). */
function pdfStreams(pdf: Buffer) {
  const text = pdf.toString('latin1');
  const found: { dict: string; data: Buffer }[] = [];
  for (const m of text.matchAll(/\d+ 0 obj\s*<<((?:(?!endobj)[\s\S])*?)>>\s*stream\r?\n/g)) {
    const length = Number(/\/Length (\d+)/.exec(m[1] ?? '')?.[1]);
    const start = (m.index ?? 0) + m[0].length;
    found.push({ dict: m[1] ?? '', data: pdf.subarray(start, start + length) });
  }
  return found;
}

const pageCount = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;

/** Decodes every QR image embedded in the PDF (8-bit greyscale, PNG-predicted, as PDFKit stores a grey PNG). */
function qrCodesIn(pdf: Buffer): string[] {
  return pdfStreams(pdf)
    .filter((s) => s.dict.includes('/Subtype /Image'))
    .map(({ dict, data }) => {
      const width = Number(/\/Width (\d+)/.exec(dict)?.[1]);
      const height = Number(/\/Height (\d+)/.exec(dict)?.[1]);
      expect(dict).toContain('/ColorSpace /DeviceGray');
      const raw = inflateSync(data);
      const grey = new Uint8Array(width * height);
      for (let y = 0; y < height; y++) {
        const filter = raw[y * (width + 1)];
        for (let x = 0; x < width; x++) {
          const value = raw[y * (width + 1) + 1 + x] as number;
          const left = x > 0 ? (grey[y * width + x - 1] as number) : 0;
          const up = y > 0 ? (grey[(y - 1) * width + x] as number) : 0;
          const upLeft = x > 0 && y > 0 ? (grey[(y - 1) * width + x - 1] as number) : 0;
          const p = left + up - upLeft;
          const paeth =
            Math.abs(p - left) <= Math.abs(p - up) && Math.abs(p - left) <= Math.abs(p - upLeft)
              ? left
              : Math.abs(p - up) <= Math.abs(p - upLeft)
                ? up
                : upLeft;
          const predictor = [0, left, up, (left + up) >> 1, paeth][filter as number] as number;
          grey[y * width + x] = (value + predictor) & 0xff;
        }
      }
      return decodeGrey(grey, width, height);
    });
}

function decodeGrey(grey: Uint8Array, width: number, height: number): string {
  const rgba = new Uint8ClampedArray(width * height * 4);
  grey.forEach((v, i) => {
    rgba.set([v, v, v, 255], i * 4);
  });
  const code = jsQR.default(rgba, width, height);
  if (!code) throw new Error('no QR code found');
  return code.data;
}

describe.each(STAND_BACKENDS)('residents for staff [$database] [$kv]', (backends) => {
  let t: TestApi;
  let manager: Client;
  let accountant: Client;
  let dispatcherA: Client;
  let chairA: Client;
  let entranceId: string;
  let accounts: { id: string; number: string; code: string; flat: string }[];
  let annaLink: string;
  let borisLink: string;
  let ownerOfFlat1: string;
  let ownerOfFlat2: string;

  const audit = (entityId: string) =>
    t.db.prisma.auditLog.findMany({ where: { entityId }, orderBy: { id: 'asc' } });

  beforeAll(async () => {
    t = await buildTestApi(backends);
    await t.db.prisma.staffRole.create({
      data: { staffUserId: t.fx.staff.guardB.id, role: 'CHAIR', houseId: t.fx.houseA },
    });
    [manager, accountant, dispatcherA, chairA] = await Promise.all([
      t.login('manager'),
      t.login('accountant'),
      t.login('dispatcherA'),
      t.login('guardB'),
    ]);
    const db = t.db.prisma;
    entranceId = (await db.entrance.create({ data: { houseId: t.fx.houseA, number: 1 } })).id;
    accounts = [];
    for (const n of [9, 1, 2, 3, 4, 5, 6, 7, 8]) {
      const premises = await db.premises.create({
        data: { houseId: t.fx.houseA, entranceId, number: String(n), area: '50.00' },
      });
      const code = newInviteCode();
      const account = await db.personalAccount.create({
        data: { organizationId: t.fx.orgId, premisesId: premises.id, number: `40000${n}`, inviteCode: code },
      });
      accounts.push({ id: account.id, number: account.number, code, flat: premises.id });
    }
    accounts.sort((a, b) => a.number.localeCompare(b.number));
    // A flat outside the entrance, and one in house B.
    const noEntrance = await db.premises.create({
      data: { houseId: t.fx.houseA, number: '100', area: '20' },
    });
    await db.personalAccount.create({
      data: {
        organizationId: t.fx.orgId,
        premisesId: noEntrance.id,
        number: '4000100',
        inviteCode: newInviteCode(),
      },
    });
    const inB = await db.premises.create({ data: { houseId: t.fx.houseB, number: '1', area: '20' } });
    await db.personalAccount.create({
      data: {
        organizationId: t.fx.orgId,
        premisesId: inB.id,
        number: '5000001',
        inviteCode: newInviteCode(),
      },
    });

    const [flat1, flat2] = [accounts[0]!, accounts[1]!];
    ownerOfFlat1 = (
      await db.owner.create({
        data: {
          organizationId: t.fx.orgId,
          fullName: 'Аннина Анна',
          ownerships: { create: { premisesId: flat1.flat } },
        },
      })
    ).id;
    ownerOfFlat2 = (
      await db.owner.create({
        data: {
          organizationId: t.fx.orgId,
          fullName: 'Борисов Борис',
          ownerships: { create: { premisesId: flat2.flat } },
        },
      })
    ).id;
    const anna = await db.resident.create({
      data: { telegramUserId: 111n, chatId: 111n, firstName: 'Анна', phone: '+79005550011' },
    });
    const boris = await db.resident.create({
      data: { telegramUserId: 222n, chatId: 222n, firstName: 'Борис' },
    });
    annaLink = (
      await db.residentAccountLink.create({
        data: { residentId: anna.id, accountId: flat1.id, role: 'OWNER', linkedVia: 'INVITE' },
      })
    ).id;
    borisLink = (
      await db.residentAccountLink.create({
        data: {
          residentId: boris.id,
          accountId: flat1.id,
          role: 'TENANT',
          linkedVia: 'PHONE',
          createdAt: new Date(Date.now() + 1000),
        },
      })
    ).id;
  });
  afterAll(() => t?.close());

  it('lists who joined a house, phones only for roles that may read personal data', async () => {
    const url = `/api/houses/${t.fx.houseA}/residents`;
    const byManager = await manager.request({ method: 'GET', url });
    expect(byManager.statusCode).toBe(200);
    expect(byManager.json()).toMatchObject({
      total: 2,
      items: [
        { id: borisLink, firstName: 'Борис', role: 'TENANT', linkedVia: 'PHONE', phone: null, active: true },
        {
          id: annaLink,
          firstName: 'Анна',
          role: 'OWNER',
          linkedVia: 'INVITE',
          phone: '+79005550011',
          ownerConfirmed: false,
          premisesNumber: '1',
          accountNumber: '400001',
          linkedAt: expect.any(String),
        },
      ],
    });
    const byChair = (await chairA.request({ method: 'GET', url: `${url}?search=анна` })).json();
    expect(byChair.items).toEqual([expect.objectContaining({ id: annaLink, phone: '+7 900 ***-**-11' })]);
    expect((await accountant.request({ method: 'GET', url: `${url}?role=TENANT` })).json().total).toBe(1);
    expect(
      (await dispatcherA.request({ method: 'GET', url: `/api/houses/${t.fx.houseB}/residents` })).statusCode,
    ).toBe(403);
  });

  it('shows an account’s invite code and deep link to residents.manage only, audited without the code', async () => {
    const flat = accounts[2]!;
    const url = `/api/accounts/${flat.id}/invite?botUsername=@${BOT}`;
    const res = await manager.request({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      accountNumber: flat.number,
      code: flat.code,
      deepLink: `https://t.me/${BOT}?start=${flat.code}`,
      address: 'ул. Первая, 1',
    });
    const rows = await audit(flat.id);
    expect(rows.map((r) => r.action)).toEqual(['account.invite_code.show']);
    expect(JSON.stringify(rows.map((r) => [r.before, r.after]))).not.toContain(flat.code);
    expect((await accountant.request({ method: 'GET', url })).statusCode).toBe(403);
    const bad = await manager.request({
      method: 'GET',
      url: `/api/accounts/${flat.id}/invite?botUsername=a b`,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields).toHaveProperty('botUsername');
  });

  it('prints an entrance’s invite cards: 8 a page, QR codes decode to the deep links', async () => {
    const res = await manager.request({
      method: 'GET',
      url: `/api/houses/${t.fx.houseA}/invite-cards.pdf?botUsername=${BOT}&entranceId=${entranceId}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="invite-codes-entrance-1.pdf"');
    expect(res.headers['x-invite-cards']).toBe('9');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pageCount(pdf)).toBe(2);
    // Cards come in flat order; each QR code opens the bot with that account's code.
    const stored = await t.db.prisma.personalAccount.findMany({
      where: { id: { in: accounts.map((a) => a.id) } },
      select: { number: true, inviteCode: true },
      orderBy: { number: 'asc' },
    });
    expect(qrCodesIn(pdf)).toEqual(stored.map((a) => `https://t.me/${BOT}?start=${a.inviteCode}`));
    if (findCardFonts()) expect(pdf.toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+DejaVuSans\b/);
    expect((await audit(t.fx.houseA)).at(-1)).toMatchObject({
      action: 'house.invite_cards.print',
      after: { entranceId, entranceNumber: 1, cards: 9 },
    });

    const house = await manager.request({
      method: 'GET',
      url: `/api/houses/${t.fx.houseA}/invite-cards.pdf?botUsername=${BOT}`,
    });
    expect(house.headers['x-invite-cards']).toBe('10');
    expect(pageCount(house.rawPayload)).toBe(2);
    const denied = await accountant.request({
      method: 'GET',
      url: `/api/houses/${t.fx.houseA}/invite-cards.pdf?botUsername=${BOT}`,
    });
    expect(denied.statusCode).toBe(403);
  });

  it.runIf(hasPoppler)(
    'the printed page renders Cyrillic text and a scannable QR code (poppler)',
    async () => {
      const res = await manager.request({
        method: 'GET',
        url: `/api/houses/${t.fx.houseA}/invite-cards.pdf?botUsername=${BOT}&entranceId=${entranceId}`,
      });
      const dir = mkdtempSync(join(tmpdir(), 'invite-cards-'));
      try {
        const file = join(dir, 'cards.pdf');
        writeFileSync(file, res.rawPayload);
        const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' });
        expect(text).toContain('Лицевой счёт');
        expect(text).toContain('ул. Первая, 1');
        expect(text).toContain('Кв. 1');
        // The first card (top left, A4 at 100 dpi), rendered as a greyscale image.
        execFileSync('pdftoppm', [
          '-f',
          '1',
          '-l',
          '1',
          '-r',
          '100',
          '-gray',
          '-W',
          '414',
          '-H',
          '310',
          file,
          join(dir, 'p'),
        ]);
        const pgm = readFileSync(join(dir, 'p-1.pgm'));
        const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'));
        const [width, height] = [Number(header?.[1]), Number(header?.[2])];
        const pixels = pgm.subarray(header?.[0].length ?? 0);
        const first = await t.db.prisma.personalAccount.findUniqueOrThrow({ where: { id: accounts[0]!.id } });
        expect(decodeGrey(pixels, width, height)).toBe(`https://t.me/${BOT}?start=${first.inviteCode}`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it('without a Cyrillic font the cards fall back to built-in Helvetica, transliterated', async () => {
    const pdf = await renderInviteCards(
      [
        {
          address: 'ул. Первая, 1',
          entranceNumber: 1,
          premisesKind: 'FLAT',
          premisesNumber: '5',
          accountNumber: '400005',
          code: 'ABCDEFGHJK',
          deepLink: `https://t.me/${BOT}?start=ABCDEFGHJK`,
        },
      ],
      { botUsername: BOT, language: 'ru', fonts: null },
    );
    expect(pageCount(pdf)).toBe(1);
    expect(pdf.toString('latin1')).toContain('/BaseFont /Helvetica');
    expect(pdf.toString('latin1')).not.toContain('DejaVu');
    const shown = pdfStreams(pdf)
      .filter((s) => !s.dict.includes('/Subtype'))
      .map((s) => inflateSync(s.data).toString('latin1'))
      .join('')
      .match(/<([0-9a-f]+)>/g)
      ?.map((hex) => Buffer.from(hex.slice(1, -1), 'hex').toString('latin1'))
      .join('');
    expect(shown).toContain('ul. Pervaya, 1');
    expect(shown).toContain('Litsevoy schyot');
    expect(qrCodesIn(pdf)).toEqual([`https://t.me/${BOT}?start=ABCDEFGHJK`]);
  });

  it('reissuing a code makes the old one stop working at once; audited without codes', async () => {
    const flat = accounts[3]!;
    const deps = { db: t.db, kv: t.kv };
    expect((await findInvitedFlat(deps, { telegramUserId: 999n, code: flat.code })).accountId).toBe(flat.id);
    const res = await manager.request({
      method: 'POST',
      url: `/api/accounts/${flat.id}/invite-code`,
      payload: { botUsername: BOT },
    });
    expect(res.statusCode).toBe(200);
    const fresh = res.json();
    expect(fresh.code).toMatch(/^[A-Z2-9]{10}$/);
    expect(fresh.code).not.toBe(flat.code);
    expect(fresh.deepLink).toBe(`https://t.me/${BOT}?start=${fresh.code}`);
    const old = await findInvitedFlat(deps, { telegramUserId: 999n, code: flat.code }).catch(
      (e: unknown) => e,
    );
    expect(old).toBeInstanceOf(AppError);
    expect((old as AppError).code).toBe('NOT_FOUND');
    expect((await findInvitedFlat(deps, { telegramUserId: 999n, code: fresh.code })).accountId).toBe(flat.id);
    const [row] = await audit(flat.id);
    expect(row).toMatchObject({
      action: 'account.invite_code.rotate',
      before: { inviteCodeIssuedAt: expect.any(String) },
      after: { inviteCodeIssuedAt: fresh.issuedAt },
    });
    const recorded = JSON.stringify([row?.before, row?.after]);
    expect(recorded).not.toContain(flat.code);
    expect(recorded).not.toContain(fresh.code);
    const denied = await accountant.request({
      method: 'POST',
      url: `/api/accounts/${flat.id}/invite-code`,
      payload: {},
    });
    expect(denied.statusCode).toBe(403);
  });

  it('revokes and re-links a resident, audited; an accountant cannot manage residents', async () => {
    const revoke = `/api/resident-links/${borisLink}/revoke`;
    expect((await accountant.request({ method: 'POST', url: revoke })).statusCode).toBe(403);
    expect((await dispatcherA.request({ method: 'POST', url: revoke })).statusCode).toBe(403);
    const revoked = await manager.request({ method: 'POST', url: revoke });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ id: borisLink, active: false });
    expect((await manager.request({ method: 'POST', url: revoke })).statusCode).toBe(409);
    const active = (
      await manager.request({ method: 'GET', url: `/api/houses/${t.fx.houseA}/residents?status=active` })
    ).json();
    expect(active.items.map((r: { id: string }) => r.id)).toEqual([annaLink]);
    const relinked = await manager.request({
      method: 'POST',
      url: `/api/resident-links/${borisLink}/relink`,
    });
    expect(relinked.json()).toMatchObject({ active: true });
    expect((await audit(borisLink)).map((a) => [a.action, a.before, a.after])).toEqual([
      ['resident_link.revoke', { active: true }, { active: false }],
      ['resident_link.relink', { active: false }, { active: true }],
    ]);
  });

  it('confirms an owner link only with a current owner of that flat', async () => {
    const url = `/api/resident-links/${annaLink}/confirm-owner`;
    const wrong = await manager.request({ method: 'POST', url, payload: { ownerId: ownerOfFlat2 } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.fields).toEqual({ ownerId: 'not a current owner of this flat' });
    const ok = await manager.request({ method: 'POST', url, payload: { ownerId: ownerOfFlat1 } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ ownerId: ownerOfFlat1, ownerConfirmed: true });
    const tenant = await manager.request({
      method: 'POST',
      url: `/api/resident-links/${borisLink}/confirm-owner`,
      payload: { ownerId: ownerOfFlat1 },
    });
    expect(tenant.statusCode).toBe(409);
    expect((await audit(annaLink)).at(-1)).toMatchObject({
      action: 'resident_link.confirm_owner',
      before: { ownerId: null },
      after: { ownerId: ownerOfFlat1 },
    });
    const listed = (
      await manager.request({ method: 'GET', url: `/api/houses/${t.fx.houseA}/residents?search=400001` })
    ).json();
    expect(listed.items.find((r: { id: string }) => r.id === annaLink)).toMatchObject({
      ownerConfirmed: true,
      ownerName: 'Аннина Анна',
    });
  });
});
