import { z } from 'zod';
import type { DomainDeps } from '../context.ts';
import { storedAudience } from './audience.ts';
import { residentPlaces } from './resident-houses.ts';

export const listLatestNewsSchema = z.object({
  telegramUserId: z.union([z.bigint(), z.number().int()]),
  take: z.number().int().min(1).max(20).default(5),
});

export interface NewsItem {
  id: string;
  title: string | null;
  text: string;
  emergency: boolean;
  publishedAt: Date;
}

/**
 * The latest news of the resident's houses for the bot: published news and sent announcements addressed to the
 * whole house or the resident's entrance. Announcements to a personal segment (debtors, no reading, owners) are
 * private messages, not news, and stay out of the feed.
 */
export async function listLatestNews(
  deps: DomainDeps,
  input: z.input<typeof listLatestNewsSchema>,
): Promise<NewsItem[]> {
  const args = listLatestNewsSchema.parse(input);
  const places = await residentPlaces(deps.db, args.telegramUserId);
  if (places.houseIds.length === 0) return [];
  const rows = await deps.db.prisma.announcement.findMany({
    where: { organizationId: { in: places.organizationIds }, status: 'SENT', sentAt: { not: null } },
    orderBy: [{ sentAt: 'desc' }, { id: 'desc' }],
    take: 200,
    select: { id: true, title: true, text: true, emergency: true, sentAt: true, audience: true },
  });
  const items: NewsItem[] = [];
  for (const row of rows) {
    const a = storedAudience(row.audience);
    if (a.ownersOnly || a.debtorsAboveKopecks !== null || a.noReadingThisPeriod) continue;
    const houses = a.houseIds ?? null;
    const visibleHouses =
      houses === null ? places.houseIds : houses.filter((h) => places.houseIds.includes(h));
    if (visibleHouses.length === 0) continue;
    const entrances = a.entrances;
    if (
      entrances !== null &&
      !visibleHouses.some((h) => entrances.some((e) => places.entrances.includes(`${h}:${e}`)))
    )
      continue;
    items.push({
      id: row.id,
      title: row.title,
      text: row.text,
      emergency: row.emergency,
      publishedAt: row.sentAt as Date,
    });
    if (items.length === args.take) break;
  }
  return items;
}
