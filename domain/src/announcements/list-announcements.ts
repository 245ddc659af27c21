import { z } from 'zod';
import type { DomainDeps } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { houseScope } from '../permissions/policy.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { announcementSelect, toAnnouncementView } from './announcement-view.ts';

export const listAnnouncementsSchema = z.object({
  status: z.enum(['DRAFT', 'SCHEDULED', 'SENDING', 'SENT', 'CANCELLED']).optional(),
  /** Announcements pushed to residents, news items of the feed only (publishNews), or both. */
  kind: z.enum(['announcements', 'news', 'all']).default('all'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).optional(),
  /** The older name of pageSize (first page only). */
  take: z.coerce.number().int().min(1).max(200).optional(),
});

/**
 * Announcements the actor may broadcast, newest first, one page at a time (broadcasts.send, house-scoped). The
 * scope is the one mayBroadcast applies to a single row, written as SQL so that the total and the pages agree:
 * an organisation-wide audience (no houses) needs an organisation-wide grant, otherwise every house of the
 * audience must be one of the actor's.
 */
export async function listAnnouncements(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof listAnnouncementsSchema> = {},
) {
  const args = listAnnouncementsSchema.parse(input);
  const scope = houseScope(actor, 'broadcasts.send');
  if (scope.kind === 'none') {
    throw new AppError('FORBIDDEN', 'not allowed: broadcasts.send', { permission: 'broadcasts.send' });
  }
  const pageSize = args.pageSize ?? args.take ?? 50;
  const feedOnly = "COALESCE((a.audience->>'feedOnly')::boolean, false)";
  const where = `
    a.organization_id = $1
    AND ($2::text IS NULL OR a.status::text = $2::text)
    AND ($3::text = 'all' OR ($3::text = 'news') = ${feedOnly})
    AND ($4::text IS NULL OR (
      jsonb_typeof(a.audience->'houseIds') = 'array'
      AND NOT EXISTS (
        SELECT 1 FROM jsonb_array_elements_text(a.audience->'houseIds') h(id)
        WHERE NOT (h.id = ANY(string_to_array($4::text, ',')))
      )))`;
  const params = [
    actor.organizationId,
    args.status ?? null,
    args.kind,
    scope.kind === 'houses' ? scope.houseIds.join(',') : null,
  ];
  const [counted] = await deps.db.prisma.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM announcements a WHERE ${where}`,
    ...params,
  );
  const ids = await deps.db.prisma.$queryRawUnsafe<{ id: string }[]>(
    `SELECT a.id FROM announcements a WHERE ${where}
     ORDER BY a.created_at DESC, a.id DESC LIMIT $5 OFFSET $6`,
    ...params,
    pageSize,
    (args.page - 1) * pageSize,
  );
  const rows = await deps.db.prisma.announcement.findMany({
    where: { id: { in: ids.map((r) => r.id) } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: announcementSelect,
  });
  return {
    total: Number(counted?.n ?? 0),
    page: args.page,
    pageSize,
    items: rows.map(toAnnouncementView),
  };
}
