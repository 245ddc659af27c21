import { z } from 'zod';
import type { DomainDeps } from '../context.ts';
import { residentPlaces } from './resident-houses.ts';

export const searchFaqSchema = z.object({
  telegramUserId: z.union([z.bigint(), z.number().int()]),
  /** Empty: the first entries in display order. */
  query: z.string().trim().max(200).default(''),
  language: z.string().default('ru'),
  take: z.number().int().min(1).max(20).default(5),
});

export interface FaqHit {
  id: string;
  question: string;
  answer: string;
}

const words = (q: string) =>
  [...new Set(q.toLocaleLowerCase('ru').split(/[^\p{L}\p{N}]+/u))].filter((w) => w.length >= 2).slice(0, 8);

/**
 * FAQ search for a resident: published entries of their organisation (organisation-wide or their houses), in their
 * language (Russian when there is none in theirs), matched word by word with ILIKE. Ranking is deliberately simple:
 * a word in the question weighs 3, in the answer 1; ties keep the staff's order.
 */
export async function searchFaq(deps: DomainDeps, input: z.input<typeof searchFaqSchema>): Promise<FaqHit[]> {
  const args = searchFaqSchema.parse(input);
  const places = await residentPlaces(deps.db, args.telegramUserId);
  if (places.organizationIds.length === 0) return [];
  const terms = words(args.query);
  const find = (language: string) =>
    deps.db.prisma.faqEntry.findMany({
      where: {
        organizationId: { in: places.organizationIds },
        published: true,
        language,
        OR: [{ houseId: null }, { houseId: { in: places.houseIds } }],
        ...(terms.length
          ? {
              AND: [
                {
                  OR: terms.flatMap((w) => [
                    { question: { contains: w, mode: 'insensitive' as const } },
                    { answer: { contains: w, mode: 'insensitive' as const } },
                  ]),
                },
              ],
            }
          : {}),
      },
      orderBy: [{ position: 'asc' }, { createdAt: 'asc' }],
      take: 200,
      select: { id: true, question: true, answer: true },
    });
  let rows = await find(args.language === 'en' ? 'en' : 'ru');
  if (rows.length === 0 && args.language === 'en') rows = await find('ru');
  const score = (e: FaqHit) => {
    const q = e.question.toLocaleLowerCase('ru');
    const a = e.answer.toLocaleLowerCase('ru');
    return terms.reduce((s, w) => s + (q.includes(w) ? 3 : 0) + (a.includes(w) ? 1 : 0), 0);
  };
  return rows
    .map((e, order) => ({ e, order, s: score(e) }))
    .sort((x, y) => y.s - x.s || x.order - y.order)
    .slice(0, args.take)
    .map(({ e }) => e);
}
