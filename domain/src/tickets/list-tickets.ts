import { z } from 'zod';
import type { DomainDeps } from '../context.ts';
import { houseFilter } from '../permissions/policy.ts';
import type { StaffActor } from '../staff/staff-actor.ts';

export const TICKET_STATUSES = [
  'NEW',
  'ACCEPTED',
  'IN_PROGRESS',
  'ON_HOLD',
  'DONE',
  'CLOSED',
  'CANCELLED',
  'REOPENED',
] as const;

export const listTicketsInputSchema = z.object({
  status: z.enum(TICKET_STATUSES).optional(),
  houseId: z.string().max(64).optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
});

/**
 * The dispatcher's inbox: tickets in the houses the actor handles, newest first. Executors (tickets.work without
 * tickets.handle) see only tickets assigned to them.
 */
export async function listTickets(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof listTicketsInputSchema>,
) {
  const { status, houseId, page, pageSize } = listTicketsInputSchema.parse(input);
  const scope = houseFilter(actor, 'tickets.read');
  const handles = actor.grants.some((g) => g.role !== 'EXECUTOR');
  const where = {
    house: { organizationId: actor.organizationId },
    ...scope,
    ...(houseId ? { AND: [{ houseId }] } : {}),
    ...(status ? { status } : {}),
    ...(handles ? {} : { assigneeId: actor.staffUserId }),
  };
  const [total, rows] = await Promise.all([
    deps.db.prisma.ticket.count({ where }),
    deps.db.prisma.ticket.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        houseId: true,
        number: true,
        category: true,
        urgency: true,
        status: true,
        description: true,
        createdAt: true,
        dueAt: true,
        assignee: { select: { id: true, fullName: true } },
      },
    }),
  ]);
  return { total, page, pageSize, items: rows };
}
