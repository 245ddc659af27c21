import type { Prisma } from '@domovoy/prisma';
import { z } from 'zod';
import { type DomainDeps, nowOf } from '../context.ts';
import { can } from '../permissions/policy.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { passReadFilter } from './pass-access.ts';
import { PASS_SELECT, passView } from './pass-view.ts';
import { lookAlikesToLatin } from './plate.ts';

export const PASS_LIST_STATUSES = [
  'all',
  'active',
  'pending',
  'used',
  'expired',
  'cancelled',
  'revoked',
] as const;
export type PassListStatus = (typeof PASS_LIST_STATUSES)[number];

export const listPassesInputSchema = z.object({
  houseId: z.string().min(1).max(64).optional(),
  premisesId: z.string().min(1).max(64).optional(),
  status: z.enum(PASS_LIST_STATUSES).default('all'),
  kind: z.enum(['GUEST', 'CAR']).optional(),
  /** A plate in either alphabet, part of a guest's name, or a flat number. */
  search: z.string().trim().max(100).optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
});

function statusWhere(status: PassListStatus, now: Date): Prisma.PassWhereInput {
  switch (status) {
    case 'all':
      return {};
    case 'active':
      return { status: 'ACTIVE', validTo: { gt: now } };
    case 'pending':
      return { status: 'PENDING_APPROVAL', validTo: { gt: now } };
    case 'used':
      return { status: 'USED' };
    case 'expired':
      return {
        OR: [
          { status: 'EXPIRED' },
          { status: { in: ['ACTIVE', 'PENDING_APPROVAL'] }, validTo: { lte: now } },
        ],
      };
    case 'cancelled':
      return { status: 'CANCELLED' };
    case 'revoked':
      return { status: 'REVOKED' };
  }
}

/**
 * Passes in the actor's houses (those they manage or guard), newest first, with filters. Statuses are as people
 * mean them: a pass past its last day is "expired" even while its row still says active.
 */
export async function listPasses(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof listPassesInputSchema>,
) {
  const args = listPassesInputSchema.parse(input);
  const now = nowOf(deps);
  const search = args.search?.trim();
  const plateLike = search ? lookAlikesToLatin(search.replace(/[\s-]/g, '').toUpperCase()) : '';
  const where: Prisma.PassWhereInput = {
    house: { organizationId: actor.organizationId },
    ...passReadFilter(actor),
    AND: [
      args.houseId ? { houseId: args.houseId } : {},
      args.premisesId ? { premisesId: args.premisesId } : {},
      args.kind ? { kind: args.kind } : {},
      statusWhere(args.status, now),
      search
        ? {
            OR: [
              { plateNormalized: { contains: plateLike } },
              { guestName: { contains: search, mode: 'insensitive' } },
              { premises: { number: search } },
            ],
          }
        : {},
    ],
  };
  const [total, rows] = await Promise.all([
    deps.db.prisma.pass.count({ where }),
    deps.db.prisma.pass.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (args.page - 1) * args.pageSize,
      take: args.pageSize,
      select: {
        ...PASS_SELECT,
        resident: { select: { firstName: true } },
        _count: { select: { checks: true } },
      },
    }),
  ]);
  return {
    total,
    page: args.page,
    pageSize: args.pageSize,
    items: rows.map((row) => ({
      ...passView(row, now),
      residentName: row.resident?.firstName ?? null,
      checks: row._count.checks,
      /** Whether this actor may approve or revoke it (the panel shows the buttons by it). */
      canManage: can(actor, 'passes.manage', { houseId: row.houseId }),
    })),
  };
}
