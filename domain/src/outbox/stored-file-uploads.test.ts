import { createMemoryKv } from '@domovoy/platform';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.ts';
import type { OutboxPayload } from './outbox-message.ts';
import { isOutboxUpload, type OutboxTransport, type SendResult } from './outbox-transport.ts';
import { type StoredFileSource, withStoredFileUploads } from './stored-file-uploads.ts';

const BYTES = new Uint8Array([1, 2, 3]);

/** A Bot API stand-in: uploads get a new file_id, known file_ids are accepted, anything else is refused. */
function fakeTelegram() {
  const calls: { photo: unknown }[] = [];
  const known = new Set<string>();
  const transport: OutboxTransport = {
    async send(payload: OutboxPayload): Promise<SendResult> {
      const photo = payload.params.photo ?? payload.params.document;
      calls.push({ photo: isOutboxUpload(photo) ? 'upload' : photo });
      if (isOutboxUpload(photo)) {
        const id = `file-${known.size + 1}`;
        known.add(id);
        return { ok: true, messageId: calls.length, fileId: id };
      }
      if (typeof photo === 'string' && (known.has(photo) || photo.startsWith('https://other.example/')))
        return { ok: true, messageId: calls.length, fileId: photo };
      return { ok: false, kind: 'permanent', description: '400: wrong file identifier/HTTP URL specified' };
    },
  };
  return { transport, calls, known };
}

const ours =
  (loads: { n: number }, fail?: Error) =>
  (value: unknown): StoredFileSource | null =>
    typeof value === 'string' && value.startsWith('https://us.example/files/')
      ? {
          key: value.slice('https://us.example/files/'.length),
          load: async () => {
            loads.n += 1;
            if (fail) throw fail;
            return { bytes: BYTES, fileName: 'a.png', mimeType: 'image/png' };
          },
        }
      : null;

const photo = (url: string): OutboxPayload => ({ method: 'sendPhoto', params: { photo: url, caption: 'x' } });

describe('withStoredFileUploads', () => {
  it('uploads our file once, then sends its file_id to every other chat', async () => {
    const kv = createMemoryKv();
    const telegram = fakeTelegram();
    const loads = { n: 0 };
    const transport = withStoredFileUploads(telegram.transport, {
      store: kv.store,
      botId: '42',
      resolve: ours(loads),
    });
    for (const chat of [1n, 2n, 3n])
      expect((await transport.send(photo('https://us.example/files/a'), chat)).ok).toBe(true);
    expect(telegram.calls.map((c) => c.photo)).toEqual(['upload', 'file-1', 'file-1']);
    expect(loads.n).toBe(1);
    expect(await kv.store.get('tgfile:42:a')).toBe('file-1');
  });

  it('sends other values as they are: a foreign URL, a text message', async () => {
    const telegram = fakeTelegram();
    const transport = withStoredFileUploads(telegram.transport, {
      store: createMemoryKv().store,
      botId: '42',
      resolve: ours({ n: 0 }),
    });
    await transport.send(photo('https://other.example/b.jpg'), 1n);
    await transport.send({ method: 'sendMessage', params: { text: 'hi' } }, 1n);
    expect(telegram.calls.map((c) => c.photo)).toEqual(['https://other.example/b.jpg', undefined]);
  });

  it('uploads again when Telegram no longer accepts the remembered file_id', async () => {
    const kv = createMemoryKv();
    await kv.store.set('tgfile:42:a', 'file-from-another-life');
    const telegram = fakeTelegram();
    const transport = withStoredFileUploads(telegram.transport, {
      store: kv.store,
      botId: '42',
      resolve: ours({ n: 0 }),
    });
    expect(await transport.send(photo('https://us.example/files/a'), 1n)).toMatchObject({ ok: true });
    expect(telegram.calls.map((c) => c.photo)).toEqual(['file-from-another-life', 'upload']);
    expect(await kv.store.get('tgfile:42:a')).toBe('file-1');
  });

  it('fails for good when the file is gone from the store, and retries when the store is down', async () => {
    const send = (error: Error) =>
      withStoredFileUploads(fakeTelegram().transport, {
        store: createMemoryKv().store,
        botId: '42',
        resolve: ours({ n: 0 }, error),
      }).send(photo('https://us.example/files/a'), 1n);
    expect(await send(new AppError('NOT_FOUND', 'file not found'))).toMatchObject({
      ok: false,
      kind: 'permanent',
    });
    expect(await send(new Error('ECONNREFUSED'))).toMatchObject({ ok: false, kind: 'transient' });
  });
});
