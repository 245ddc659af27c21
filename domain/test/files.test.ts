import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { ConfigError, loadConfig } from '@domovoy/platform';
import { createTestDatabase, DATABASE_BACKENDS, type TestDatabase } from '@domovoy/test-support/backends';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../src/errors/app-error.ts';
import { ATTACHMENT_LIMITS, checkAttachment } from '../src/files/attachment-limits.ts';
import { createFileStore } from '../src/files/create-file-store.ts';
import { createDiskFileStore } from '../src/files/disk-file-store.ts';
import type { FileStore } from '../src/files/file-store.ts';
import { createS3FileStore } from '../src/files/s3-file-store.ts';
import { storeFile } from '../src/files/store-file.ts';

const MB = 1024 * 1024;

async function bytesOf(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
}

/** The behaviour every store must have, whatever keeps the bytes. */
function storeContract(name: string, makeStore: () => FileStore) {
  describe(`${name} file store`, () => {
    it('puts, streams back byte for byte, overwrites, deletes', async () => {
      const store = makeStore();
      const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 1, 2, 3, 254, 255]);
      await store.put('tickets/org-1/ab/photo', photo, 'image/jpeg');
      const read = await store.get('tickets/org-1/ab/photo');
      expect(await bytesOf(read.body)).toEqual(photo);
      expect(read.size).toBe(photo.length);

      await store.put('tickets/org-1/ab/photo', Buffer.from('second version'), 'image/jpeg');
      expect((await bytesOf((await store.get('tickets/org-1/ab/photo')).body)).toString()).toBe(
        'second version',
      );

      await store.delete('tickets/org-1/ab/photo');
      const missing = await refusal(store.get('tickets/org-1/ab/photo'));
      expect(isAppError(missing, 'NOT_FOUND')).toBe(true);
      await expect(store.delete('tickets/org-1/ab/photo')).resolves.toBeUndefined();
    });

    it('refuses keys that could escape the store', async () => {
      const store = makeStore();
      for (const key of ['../etc/passwd', '/abs/key', 'a/../../b', 'a//b', 'a/./b', '']) {
        const error = await refusal(store.put(key, Buffer.from('x'), 'text/plain'));
        expect(isAppError(error, 'VALIDATION'), key).toBe(true);
      }
    });
  });
}

describe('attachment limits', () => {
  it('takes the sizes of the issue: photo 10 MB, document 20 MB, voice 5 MB, video 20 MB', () => {
    expect(ATTACHMENT_LIMITS.PHOTO.maxBytes).toBe(10 * MB);
    expect(ATTACHMENT_LIMITS.DOCUMENT.maxBytes).toBe(20 * MB);
    expect(ATTACHMENT_LIMITS.VOICE.maxBytes).toBe(5 * MB);
    expect(ATTACHMENT_LIMITS.VIDEO.maxBytes).toBe(20 * MB);
    expect(checkAttachment({ kind: 'VOICE', mimeType: 'audio/ogg', size: 5 * MB })).toBe('audio/ogg');
    try {
      checkAttachment({ kind: 'VOICE', mimeType: 'audio/ogg', size: 5 * MB + 1 });
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error, 'VALIDATION')).toBe(true);
      expect((error as { details: unknown }).details).toEqual({
        what: 'attachment_too_large',
        kind: 'VOICE',
        maxMb: 5,
      });
      expect((error as Error).message).toBe('a voice may be at most 5 MB');
    }
  });

  it('accepts only types a browser shows safely; Telegram photos and voice notes need no declared type', () => {
    expect(checkAttachment({ kind: 'PHOTO', size: 2 * MB })).toBe('image/jpeg');
    expect(checkAttachment({ kind: 'VOICE', mimeType: null })).toBe('audio/ogg');
    expect(checkAttachment({ kind: 'DOCUMENT', mimeType: 'Application/PDF; charset=binary' })).toBe(
      'application/pdf',
    );
    for (const [kind, mimeType] of [
      ['DOCUMENT', 'text/html'],
      ['DOCUMENT', 'image/svg+xml'],
      ['DOCUMENT', 'application/x-msdownload'],
      ['DOCUMENT', null],
      ['PHOTO', 'application/pdf'],
    ] as const) {
      try {
        checkAttachment({ kind, mimeType, size: 10 });
        expect.unreachable(`${kind} ${mimeType}`);
      } catch (error) {
        expect((error as { details: { what: string } }).details.what).toBe('attachment_type');
      }
    }
  });
});

describe('file store settings from the environment', () => {
  const problems = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    return [];
  };

  it('keeps files in DATA_DIR/files unless a bucket is configured', () => {
    const config = loadConfig({ DATA_DIR: '/var/lib/domovoy' });
    expect(config.files).toEqual({ dir: '/var/lib/domovoy/files', s3: undefined });
    expect(createFileStore(config.files).kind).toBe('disk');
  });

  it('takes the S3 settings as a set, path-style by default with an endpoint (MinIO)', () => {
    const config = loadConfig({
      S3_ENDPOINT: 'http://minio:9000',
      S3_BUCKET: 'domovoy-files',
      S3_ACCESS_KEY_ID: 'key',
      S3_SECRET_ACCESS_KEY: 'secret',
    });
    expect(config.files.s3).toEqual({
      endpoint: 'http://minio:9000',
      bucket: 'domovoy-files',
      region: 'us-east-1',
      accessKeyId: 'key',
      secretAccessKey: 'secret',
      forcePathStyle: true,
    });
    expect(createFileStore(config.files).kind).toBe('s3');
    expect(
      loadConfig({
        S3_BUCKET: 'b-1',
        S3_ACCESS_KEY_ID: 'k',
        S3_SECRET_ACCESS_KEY: 's',
        S3_REGION: 'eu-central-1',
      }).files.s3,
    ).toMatchObject({ endpoint: undefined, region: 'eu-central-1', forcePathStyle: false });
  });

  it('names every missing S3 setting and never echoes the secret', () => {
    const found = problems({ S3_ENDPOINT: 'http://minio:9000', S3_SECRET_ACCESS_KEY: 'very-secret-value' });
    expect(found.map((p) => p.split(' ')[0]).sort()).toEqual(['S3_ACCESS_KEY_ID', 'S3_BUCKET']);
    expect(found.join('\n')).not.toContain('very-secret-value');
    expect(
      problems({ S3_BUCKET: 'Bad_Bucket', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's' })[0],
    ).toMatch(/^S3_BUCKET must be a bucket name/);
  });
});

let diskRoot: string;
beforeAll(async () => {
  diskRoot = await mkdtemp(join(tmpdir(), 'domovoy-files-'));
});
afterAll(() => rm(diskRoot, { recursive: true, force: true }));

storeContract('disk', () => createDiskFileStore(diskRoot));

describe('disk file store on disk', () => {
  it('keeps each key as one file under its folder, with no temporary files left', async () => {
    const root = join(diskRoot, 'layout');
    const store = createDiskFileStore(root);
    await store.put('tickets/org/9f/abc', Buffer.from('voice'), 'audio/ogg');
    expect(await readFile(join(root, 'tickets', 'org', '9f', 'abc'), 'utf8')).toBe('voice');
    expect(await readdir(join(root, 'tickets', 'org', '9f'))).toEqual(['abc']);
  });
});

/**
 * A tiny S3 stand-in for path-style requests (PUT/GET/DELETE /<bucket>/<key>), enough to prove the SDK calls the
 * store makes are the ones an S3-compatible server (MinIO) answers. It checks requests are signed (SigV4).
 */
async function startS3StandIn() {
  const objects = new Map<string, { body: Buffer; type: string }>();
  const requests: { method: string; path: string; signed: boolean; contentType?: string }[] = [];
  const server: Server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push({
      method: req.method ?? '',
      path,
      signed: String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 Credential=test-key/'),
      contentType: req.headers['content-type'],
    });
    if (!path.startsWith('/domovoy-files/')) {
      res.writeHead(404, { 'content-type': 'application/xml' });
      return void res.end('<Error><Code>NoSuchBucket</Code><Message>no bucket</Message></Error>');
    }
    if (req.method === 'PUT') {
      objects.set(path, { body: Buffer.concat(chunks), type: String(req.headers['content-type']) });
      res.writeHead(200, { etag: '"1"' });
      return void res.end();
    }
    if (req.method === 'GET') {
      const object = objects.get(path);
      if (!object) {
        res.writeHead(404, { 'content-type': 'application/xml' });
        return void res.end(
          '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>',
        );
      }
      res.writeHead(200, {
        'content-type': object.type,
        'content-length': String(object.body.length),
        etag: '"1"',
        'last-modified': new Date().toUTCString(),
      });
      return void res.end(object.body);
    }
    if (req.method === 'DELETE') {
      objects.delete(path);
      res.writeHead(204);
      return void res.end();
    }
    res.writeHead(405);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { endpoint, objects, requests, close: () => new Promise<void>((r) => server.close(() => r())) };
}

let s3: Awaited<ReturnType<typeof startS3StandIn>>;
const s3Settings = () => ({
  endpoint: s3.endpoint,
  bucket: 'domovoy-files',
  region: 'us-east-1',
  accessKeyId: 'test-key',
  secretAccessKey: 'test-secret',
  forcePathStyle: true,
});
beforeAll(async () => {
  s3 = await startS3StandIn();
});
afterAll(() => s3?.close());

storeContract('S3', () => createS3FileStore(s3Settings()));

describe('S3 file store against the stand-in', () => {
  it('signs path-style PutObject/GetObject/DeleteObject with the bucket in the path and the content type', async () => {
    s3.requests.length = 0;
    const store = createFileStore({ dir: '/nowhere', s3: s3Settings() });
    expect(store.kind).toBe('s3');
    await store.put('tickets/org/aa/voice', Buffer.from('OggS'), 'audio/ogg');
    expect(s3.objects.get('/domovoy-files/tickets/org/aa/voice')).toEqual({
      body: Buffer.from('OggS'),
      type: 'audio/ogg',
    });
    expect((await bytesOf((await store.get('tickets/org/aa/voice')).body)).toString()).toBe('OggS');
    await store.delete('tickets/org/aa/voice');
    expect(s3.requests.map((r) => [r.method, r.path, r.signed])).toEqual([
      ['PUT', '/domovoy-files/tickets/org/aa/voice', true],
      ['GET', '/domovoy-files/tickets/org/aa/voice', true],
      ['DELETE', '/domovoy-files/tickets/org/aa/voice', true],
    ]);
  });

  it('picks the folder when no bucket is configured', () => {
    expect(createFileStore({ dir: diskRoot, s3: undefined }).kind).toBe('disk');
  });
});

describe.each(DATABASE_BACKENDS)('storing a file [%s]', (backend) => {
  let db: TestDatabase;
  let orgId: string;
  beforeAll(async () => {
    db = await createTestDatabase(backend);
    orgId = (
      await db.prisma.organization.create({
        data: {
          kind: 'UK',
          name: 'УК',
          inn: '7700000009',
          bankAccount: '40702810000000000009',
          bankName: 'Банк',
          bic: '044525009',
          corrAccount: '30101810000000000009',
          address: 'Москва',
        },
      })
    ).id;
  });
  afterAll(() => db?.destroy());

  it('keeps the same bytes once under their hash, with one FileObject, and puts them only once', async () => {
    const puts: string[] = [];
    const disk = createDiskFileStore(join(diskRoot, `dedupe-${backend}`));
    const files: FileStore = {
      ...disk,
      put: (key, bytes, mime) => {
        puts.push(key);
        return disk.put(key, bytes, mime);
      },
    };
    const bytes = Buffer.from('the same photo twice');
    const first = await storeFile(
      { db, files },
      { area: 'tickets', organizationId: orgId, bytes, mimeType: 'image/jpeg' },
    );
    const second = await storeFile(
      { db, files },
      { area: 'tickets', organizationId: orgId, bytes, mimeType: 'image/jpeg' },
    );
    expect(second).toEqual(first);
    expect(first.storageKey).toBe(`tickets/${orgId}/${first.sha256.slice(0, 2)}/${first.sha256}`);
    expect(first.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(puts).toEqual([first.storageKey]);
    expect(
      await db.prisma.fileObject.findMany({ select: { storageKey: true, size: true, mimeType: true } }),
    ).toEqual([{ storageKey: first.storageKey, size: bytes.length, mimeType: 'image/jpeg' }]);
  });
});
