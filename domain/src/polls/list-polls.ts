import { Prisma } from '@domovoy/prisma';
import { z } from 'zod';
import type { DomainDeps } from '../context.ts';
import { houseFilter } from '../permissions/policy.ts';
import { idSchema, listPageFields } from '../registry/registry-fields.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { POLL_KINDS } from './create-poll.ts';

export const POLL_STATUSES = ['DRAFT', 'ACTIVE', 'FINISHED', 'CANCELLED'] as const;

export const listPollsInputSchema = z.object({
  houseId: idSchema.optional(),
  status: z.enum(POLL_STATUSES).optional(),
  kind: z.enum(POLL_KINDS).optional(),
  search: listPageFields.search,
  page: listPageFields.page,
  pageSize: listPageFields.pageSize,
});

/** Distinct voting units per poll (a resident, a flat or an ownership), in one query for a page of polls. */
export async function countVoters(db: DomainDeps['db']['prisma'], pollIds: string[]) {
  if (pollIds.length === 0) return new Map<string, number>();
  const rows = await db.$queryRaw<{ poll_id: string; voters: number }[]>`
    SELECT q.poll_id, count(DISTINCT v.voter_key)::int AS voters
    FROM votes v JOIN poll_questions q ON q.id = v.question_id
    WHERE q.poll_id IN (${Prisma.join(pollIds)})
    GROUP BY q.poll_id`;
  return new Map(rows.map((r) => [r.poll_id, Number(r.voters)]));
}

/** Polls of the houses where the staff member manages polls, newest first, with how many have voted. */
export async function listPolls(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof listPollsInputSchema>,
) {
  const args = listPollsInputSchema.parse(input);
  const scope = houseFilter(actor, 'polls.manage');
  const where: Prisma.PollWhereInput = {
    organizationId: actor.organizationId,
    ...scope,
    ...(args.houseId ? { AND: [{ houseId: args.houseId }] } : {}),
    ...(args.status ? { status: args.status } : {}),
    ...(args.kind ? { kind: args.kind } : {}),
    ...(args.search ? { title: { contains: args.search, mode: 'insensitive' } } : {}),
  };
  const [total, rows] = await Promise.all([
    deps.db.prisma.poll.count({ where }),
    deps.db.prisma.poll.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (args.page - 1) * args.pageSize,
      take: args.pageSize,
      select: {
        id: true,
        houseId: true,
        kind: true,
        title: true,
        status: true,
        voteUnit: true,
        entrances: true,
        startsAt: true,
        endsAt: true,
        createdAt: true,
        house: { select: { address: true } },
        _count: { select: { questions: true } },
      },
    }),
  ]);
  const voters = await countVoters(
    deps.db.prisma,
    rows.map((r) => r.id),
  );
  return {
    total,
    page: args.page,
    pageSize: args.pageSize,
    items: rows.map((r) => ({
      id: r.id,
      houseId: r.houseId as string,
      address: r.house?.address ?? '',
      kind: r.kind,
      title: r.title,
      status: r.status,
      voteUnit: r.voteUnit,
      entrances: r.entrances,
      startsAt: r.startsAt.toISOString(),
      endsAt: r.endsAt.toISOString(),
      createdAt: r.createdAt.toISOString(),
      questions: r._count.questions,
      voters: voters.get(r.id) ?? 0,
    })),
  };
}
