import {
  ANNOUNCEMENT_FILES_PATH,
  ATTACHMENT_LIMITS,
  announcementStats,
  createAnnouncement,
  deleteFaqEntry,
  deleteNews,
  editNews,
  fileStoreFor,
  getAnnouncement,
  getPublicAnnouncementFile,
  listAnnouncements,
  listFaqEntries,
  previewAudience,
  publishNews,
  saveFaqEntry,
  scheduleAnnouncement,
  sendAnnouncement,
  storeAnnouncementFile,
} from '@domovoy/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../plugins/app/authentication.ts';
import { errorResponses, IdParams, staffSecurity } from '../../schemas/common.ts';
import { Nullable } from '../../schemas/registry.ts';

const tags = ['announcements'];

/**
 * What an announcement file may be sent as: the photo and document types of the attachment limits. text/plain keeps
 * Fastify's own parser (a string), turned back into bytes below.
 */
const FILE_TYPES = [
  ...new Set([
    'application/octet-stream',
    ...ATTACHMENT_LIMITS.PHOTO.mimeTypes,
    ...ATTACHMENT_LIMITS.DOCUMENT.mimeTypes,
  ]),
];
const MAX_FILE_BYTES = ATTACHMENT_LIMITS.DOCUMENT.maxBytes;

const Audience = Type.Object(
  {
    houseIds: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 500 })),
    entrances: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 1000 }), { maxItems: 100 })),
    ownersOnly: Type.Optional(Type.Boolean()),
    debtorsAboveKopecks: Type.Optional(
      Type.String({ pattern: '^-?[0-9]{1,15}$', description: 'balance strictly above, in kopecks' }),
    ),
    noReadingThisPeriod: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const StoredAudience = Type.Object({
  houseIds: Nullable(Type.Array(Type.String())),
  entrances: Nullable(Type.Array(Type.Integer())),
  ownersOnly: Type.Boolean(),
  debtorsAboveKopecks: Nullable(Type.String()),
  noReadingThisPeriod: Type.Boolean(),
});

const Announcement = Type.Object({
  id: Type.String(),
  houseId: Nullable(Type.String()),
  audience: StoredAudience,
  title: Nullable(Type.String()),
  text: Type.String(),
  photo: Nullable(Type.String()),
  document: Nullable(Type.String()),
  emergency: Type.Boolean(),
  status: Type.Enum(['DRAFT', 'SCHEDULED', 'SENDING', 'SENT', 'CANCELLED']),
  scheduledAt: Nullable(Type.String()),
  sentAt: Nullable(Type.String()),
  recipientCount: Nullable(Type.Integer()),
  feedOnly: Type.Boolean({ description: 'a news item of the bot feed, pushed to nobody' }),
  createdAt: Type.String(),
});

const NewsBody = Type.Object(
  {
    title: Type.String({ maxLength: 200 }),
    text: Type.String({ maxLength: 4000 }),
  },
  { additionalProperties: false },
);

const Stats = Type.Object({
  announcementId: Type.String(),
  status: Type.String(),
  total: Type.Integer(),
  sent: Type.Integer(),
  failed: Type.Integer(),
  blocked: Type.Integer(),
  pending: Type.Integer(),
  done: Type.Boolean(),
});

const FaqEntry = Type.Object({
  id: Type.String(),
  houseId: Nullable(Type.String()),
  question: Type.String(),
  answer: Type.String(),
  language: Type.String(),
  position: Type.Integer(),
  published: Type.Boolean(),
  updatedAt: Type.String(),
});

const FaqBody = Type.Object(
  {
    houseId: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64 }))),
    question: Type.String({ maxLength: 500 }),
    answer: Type.String({ maxLength: 4000 }),
    language: Type.Optional(Type.Enum(['ru', 'en'])),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
    published: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/**
 * Announcements to segments of residents (preview the count, draft, send now or schedule, live delivery stats),
 * news items and the FAQ. Everything needs `broadcasts.send` in every house the audience reaches; changes are
 * audited by the domain.
 */
export const announcementRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // A text document is stored byte for byte: Fastify's own text parser would decode it as UTF-8 and change a
  // Windows-1251 file.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser(
    FILE_TYPES,
    { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.post(
    '/announcements/files',
    {
      bodyLimit: MAX_FILE_BYTES,
      schema: {
        tags,
        summary: 'Store a photo or document for an announcement; answers the URL to put in photo/document',
        description:
          'The request body is the file itself, with its Content-Type. Telegram fetches the file from the returned ' +
          'URL when the outbox sends the announcement, so the URL is on PUBLIC_URL (else on the address this request ' +
          'came to) and needs no session. A photo must be JPEG, PNG or WebP (≤ 10 MB); a document one of the ' +
          'attachment types (≤ 20 MB). broadcasts.send; audited.',
        security: staffSecurity,
        querystring: Type.Object({ kind: Type.Enum(['photo', 'document']) }, { additionalProperties: false }),
        response: {
          201: Type.Object({
            url: Type.String(),
            sha256: Type.String(),
            size: Type.Integer(),
            mimeType: Type.String(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const body = request.body as unknown;
      const bytes = Buffer.isBuffer(body) ? new Uint8Array(body) : new Uint8Array();
      const stored = await storeAnnouncementFile(
        { ...app.deps, files: fileStoreFor(app.deps.config.files) },
        actorOf(request),
        { kind: request.query.kind, mimeType: request.headers['content-type'] ?? null, bytes },
      );
      const base = (app.deps.config.bot.publicUrl ?? `${request.protocol}://${request.host}`).replace(
        /\/+$/,
        '',
      );
      return reply.code(201).send({ ...stored, url: `${base}${ANNOUNCEMENT_FILES_PATH}/${stored.sha256}` });
    },
  );

  app.post(
    '/announcements/preview',
    {
      schema: {
        tags,
        summary: 'Recipient count of an audience segment, now (broadcasts.send)',
        security: staffSecurity,
        body: Audience,
        response: { 200: Type.Object({ recipients: Type.Integer() }), ...errorResponses },
      },
    },
    async (request) => previewAudience(app.deps, actorOf(request), request.body),
  );

  app.get(
    '/announcements',
    {
      schema: {
        tags,
        summary: 'Announcements and news items, newest first, a page at a time (broadcasts.send)',
        security: staffSecurity,
        querystring: Type.Object(
          {
            status: Type.Optional(Type.Enum(['DRAFT', 'SCHEDULED', 'SENDING', 'SENT', 'CANCELLED'])),
            kind: Type.Optional(
              Type.Enum(['announcements', 'news', 'all'], {
                description: 'pushed announcements, feed-only news items, or both (default)',
              }),
            ),
            page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
            pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
            take: Type.Optional(
              Type.Integer({ minimum: 1, maximum: 200, description: 'old name of pageSize' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            total: Type.Integer(),
            page: Type.Integer(),
            pageSize: Type.Integer(),
            items: Type.Array(Announcement),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => listAnnouncements(app.deps, actorOf(request), request.query),
  );

  app.get(
    '/announcements/:id',
    {
      schema: {
        tags,
        summary: 'One announcement or news item with its author (broadcasts.send in every house it reaches)',
        security: staffSecurity,
        params: IdParams,
        response: {
          200: Type.Intersect([
            Announcement,
            Type.Object({ createdBy: Type.Object({ id: Type.String(), fullName: Type.String() }) }),
          ]),
          ...errorResponses,
        },
      },
    },
    async (request) => getAnnouncement(app.deps, actorOf(request), { announcementId: request.params.id }),
  );

  app.post(
    '/announcements',
    {
      schema: {
        tags,
        summary:
          'Draft an announcement: text, optional photo or document (file_id or URL), audience (audited)',
        security: staffSecurity,
        body: Type.Object(
          {
            title: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
            text: Type.String({ maxLength: 4000 }),
            photo: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
            document: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
            emergency: Type.Optional(Type.Boolean()),
            audience: Type.Optional(Audience),
          },
          { additionalProperties: false },
        ),
        response: { 201: Announcement, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createAnnouncement(app.deps, actorOf(request), request.body)),
  );

  app.post(
    '/announcements/:id/send',
    {
      schema: {
        tags,
        summary: 'Send now: the audience goes to the outbox in one statement (broadcasts.send; audited)',
        security: staffSecurity,
        params: IdParams,
        response: { 200: Announcement, ...errorResponses },
      },
    },
    async (request) => sendAnnouncement(app.deps, actorOf(request), { announcementId: request.params.id }),
  );

  app.post(
    '/announcements/:id/schedule',
    {
      schema: {
        tags,
        summary: 'Schedule for a future instant, or back to draft with null (broadcasts.send; audited)',
        security: staffSecurity,
        params: IdParams,
        body: Type.Object(
          { at: Nullable(Type.String({ format: 'date-time' })) },
          { additionalProperties: false },
        ),
        response: { 200: Announcement, ...errorResponses },
      },
    },
    async (request) =>
      scheduleAnnouncement(app.deps, actorOf(request), {
        announcementId: request.params.id,
        at: request.body.at,
      }),
  );

  app.get(
    '/announcements/:id/stats',
    {
      schema: {
        tags,
        summary:
          'Delivery so far: sent, failed, blocked the bot, pending; poll until done (broadcasts.send, never cached)',
        security: staffSecurity,
        params: IdParams,
        response: { 200: Stats, ...errorResponses },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return announcementStats(app.deps, actorOf(request), { announcementId: request.params.id });
    },
  );

  app.post(
    '/news',
    {
      schema: {
        tags,
        summary:
          'Publish a news item to the bot feed of the chosen houses, no push (broadcasts.send; audited)',
        security: staffSecurity,
        body: Type.Object(
          {
            title: Type.String({ maxLength: 200 }),
            text: Type.String({ maxLength: 4000 }),
            houseIds: Type.Optional(
              Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 500 }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: Announcement, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await publishNews(app.deps, actorOf(request), request.body)),
  );

  app.put(
    '/news/:id',
    {
      schema: {
        tags,
        summary: 'Correct a news item (not a pushed announcement) (broadcasts.send in its houses; audited)',
        security: staffSecurity,
        params: IdParams,
        body: NewsBody,
        response: { 200: Announcement, ...errorResponses },
      },
    },
    async (request) => editNews(app.deps, actorOf(request), { newsId: request.params.id, ...request.body }),
  );

  app.delete(
    '/news/:id',
    {
      schema: {
        tags,
        summary: 'Remove a news item from the bot feed (broadcasts.send in its houses; audited)',
        security: staffSecurity,
        params: IdParams,
        response: { 200: Type.Object({ deleted: Type.Boolean() }), ...errorResponses },
      },
    },
    async (request) => deleteNews(app.deps, actorOf(request), { newsId: request.params.id }),
  );

  app.get(
    '/faq',
    {
      schema: {
        tags,
        summary: 'FAQ entries of the organisation and the actor’s houses (broadcasts.send)',
        security: staffSecurity,
        response: {
          200: Type.Object({ items: Type.Array(FaqEntry), editable: Type.Array(Type.Boolean()) }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { items, editable } = await listFaqEntries(app.deps, actorOf(request));
      return { items: items.map((e) => ({ ...e, updatedAt: e.updatedAt.toISOString() })), editable };
    },
  );

  app.post(
    '/faq',
    {
      schema: {
        tags,
        summary: 'Add an FAQ entry (broadcasts.send in its house; audited)',
        security: staffSecurity,
        body: FaqBody,
        response: { 201: FaqEntry, ...errorResponses },
      },
    },
    async (request, reply) => {
      const e = await saveFaqEntry(app.deps, actorOf(request), request.body);
      return reply.code(201).send({ ...e, updatedAt: e.updatedAt.toISOString() });
    },
  );

  app.put(
    '/faq/:id',
    {
      schema: {
        tags,
        summary: 'Edit an FAQ entry (broadcasts.send in its house; audited)',
        security: staffSecurity,
        params: IdParams,
        body: FaqBody,
        response: { 200: FaqEntry, ...errorResponses },
      },
    },
    async (request) => {
      const e = await saveFaqEntry(app.deps, actorOf(request), { ...request.body, id: request.params.id });
      return { ...e, updatedAt: e.updatedAt.toISOString() };
    },
  );

  app.delete(
    '/faq/:id',
    {
      schema: {
        tags,
        summary: 'Delete an FAQ entry (broadcasts.send in its house; audited)',
        security: staffSecurity,
        params: IdParams,
        response: { 200: Type.Object({ deleted: Type.Boolean() }), ...errorResponses },
      },
    },
    async (request) => deleteFaqEntry(app.deps, actorOf(request), { id: request.params.id }),
  );
};

/**
 * The one route without a session: Telegram's servers fetch an announcement's photo or document from here when the
 * outbox sends it. Files are found by their SHA-256 only, and only among announcement files.
 */
export const announcementPublicRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/public/announcement-files/:sha256',
    {
      schema: {
        tags,
        summary: 'An announcement photo or document, for Telegram to fetch (no session)',
        params: Type.Object(
          { sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }) },
          { additionalProperties: false },
        ),
        response: {
          200: {
            description: 'the file',
            content: {
              'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
            } as Record<string, { schema: unknown }>,
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const file = await getPublicAnnouncementFile(
        { ...app.deps, files: fileStoreFor(app.deps.config.files) },
        { sha256: request.params.sha256 },
      );
      reply
        .header('content-type', file.mimeType)
        .header('cache-control', 'public, max-age=86400, immutable')
        // Whatever the file is, a browser opening this address must not run it as a page of the panel's origin.
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "sandbox; default-src 'none'")
        .header('content-disposition', file.mimeType.startsWith('image/') ? 'inline' : 'attachment');
      if (file.size !== undefined) reply.header('content-length', String(file.size));
      return reply.send(file.body);
    },
  );
};
