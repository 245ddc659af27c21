import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileStoreFor, isAppError, storeTicketAttachment } from '@domovoy/domain';
import { STAND_BACKENDS } from '@domovoy/test-support/stand';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApi, type TestApi } from './helper.ts';

describe.each(STAND_BACKENDS)('ticket attachments for staff [$database] [$kv]', (backends) => {
  let t: TestApi;
  let dir: string;
  let ticketA: string;
  let ticketB: string;

  const url = (ticketId: string, attachmentId: string) =>
    `/api/tickets/${ticketId}/attachments/${attachmentId}`;
  const files = () => ({ db: t.db, files: fileStoreFor(t.app.deps.config.files) });

  /** An attachment as the bot records it (still in Telegram), then copied into the store. */
  async function attachment(
    ticketId: string,
    input: { kind?: 'PHOTO' | 'VOICE' | 'DOCUMENT'; mimeType?: string; bytes?: string; fileName?: string },
  ) {
    const row = await t.db.prisma.ticketAttachment.create({
      data: {
        ticketId,
        kind: input.kind ?? 'PHOTO',
        storageKey: `telegram:file-${Math.random()}`,
        mimeType: input.mimeType ?? 'image/jpeg',
        size: 0,
        fileName: input.fileName ?? null,
      },
    });
    if (input.bytes !== undefined)
      await storeTicketAttachment(files(), { attachmentId: row.id, bytes: Buffer.from(input.bytes) });
    return row.id;
  }

  beforeAll(async () => {
    t = await buildTestApi(backends);
    // buildTestApi's DATA_DIR is the repository's ./data: this run's files go to a scratch folder.
    dir = await mkdtemp(join(tmpdir(), 'domovoy-api-files-'));
    t.app.deps.config.files.dir = dir;
    ticketA = (await t.db.prisma.ticket.findFirstOrThrow({ where: { houseId: t.fx.houseA } })).id;
    ticketB = (await t.db.prisma.ticket.findFirstOrThrow({ where: { houseId: t.fx.houseB } })).id;
  });
  afterAll(async () => {
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('streams a stored file with its type to a dispatcher of the house, and refuses house B’s', async () => {
    const photo = await attachment(ticketA, { bytes: 'jpeg-bytes-of-a-leak' });
    const pdf = await attachment(ticketA, {
      kind: 'DOCUMENT',
      mimeType: 'application/pdf',
      bytes: '%PDF-1.7 act',
      fileName: 'Акт осмотра.pdf',
    });
    const other = await attachment(ticketB, { bytes: 'house-b-photo' });
    const dispatcher = await t.login('dispatcherA');

    const res = await dispatcher.request({ method: 'GET', url: url(ticketA, photo) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-length']).toBe('20');
    expect(res.rawPayload.toString()).toBe('jpeg-bytes-of-a-leak');

    const doc = await dispatcher.request({ method: 'GET', url: url(ticketA, pdf) });
    expect(doc.headers['content-type']).toBe('application/pdf');
    expect(doc.headers['content-disposition']).toBe(
      `inline; filename="___ _______.pdf"; filename*=UTF-8''${encodeURIComponent('Акт осмотра.pdf')}`,
    );
    expect(doc.rawPayload.toString()).toBe('%PDF-1.7 act');

    const refused = await dispatcher.request({ method: 'GET', url: url(ticketB, other) });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain('house-b-photo');
    // The attachment must belong to the ticket in the path.
    expect((await dispatcher.request({ method: 'GET', url: url(ticketA, other) })).statusCode).toBe(404);
    expect((await dispatcher.request({ method: 'GET', url: url(ticketA, 'nope') })).statusCode).toBe(404);

    const guard = await t.login('guardB');
    expect((await guard.request({ method: 'GET', url: url(ticketB, other) })).statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'GET', url: url(ticketA, photo) });
    expect(anonymous.statusCode).toBe(401);
  });

  it('lets an executor read only the tickets assigned to them', async () => {
    const photo = await attachment(ticketB, { bytes: 'for-the-executor' });
    const executor = await t.login('executor');
    expect((await executor.request({ method: 'GET', url: url(ticketB, photo) })).statusCode).toBe(403);
    await t.db.prisma.ticket.update({ where: { id: ticketB }, data: { assigneeId: t.fx.staff.executor.id } });
    const res = await executor.request({ method: 'GET', url: url(ticketB, photo) });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.toString()).toBe('for-the-executor');
  });

  it('answers 409 while the file is still being copied from Telegram', async () => {
    const pending = await attachment(ticketA, {});
    const res = await (await t.login('dispatcherA')).request({ method: 'GET', url: url(ticketA, pending) });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'INVALID_STATE',
      details: { what: 'attachment_pending' },
    });
  });

  it('checks the downloaded bytes against the limits again, keeps the same bytes once, stores only once', async () => {
    const voice = await attachment(ticketA, { kind: 'VOICE', mimeType: 'audio/ogg' });
    try {
      await storeTicketAttachment(files(), { attachmentId: voice, bytes: Buffer.alloc(5 * 1024 * 1024 + 1) });
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error, 'VALIDATION')).toBe(true);
      expect((error as { details: unknown }).details).toMatchObject({
        what: 'attachment_too_large',
        maxMb: 5,
      });
    }
    const row = await t.db.prisma.ticketAttachment.findUniqueOrThrow({ where: { id: voice } });
    expect(row.storageKey.startsWith('telegram:')).toBe(true);

    const a = await attachment(ticketA, { bytes: 'same bytes' });
    const b = await attachment(ticketA, { bytes: 'same bytes' });
    const [rowA, rowB] = await Promise.all(
      [a, b].map((id) => t.db.prisma.ticketAttachment.findUniqueOrThrow({ where: { id } })),
    );
    expect(rowA!.storageKey).toBe(rowB!.storageKey);
    expect(await t.db.prisma.fileObject.count({ where: { storageKey: rowA!.storageKey } })).toBe(1);
    expect(await storeTicketAttachment(files(), { attachmentId: a, bytes: Buffer.from('other') })).toEqual({
      stored: false,
      storageKey: rowA!.storageKey,
    });
  });
});
