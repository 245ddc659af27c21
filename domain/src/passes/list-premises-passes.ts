import { z } from 'zod';
import { type DomainDeps, nowOf } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { authorizePassRead } from './pass-access.ts';
import { PASS_SELECT, passView } from './pass-view.ts';

export const listPremisesPassesInputSchema = z.object({
  premisesId: z.string().min(1).max(64),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
});

/** Checks store the scanned token or the typed plate; only the plate is shown back (a token is a key). */
const via = (input: string): 'plate' | 'qr' => (/^[A-Z0-9]{1,12}$/.test(input) ? 'plate' : 'qr');

/**
 * The pass history of one flat: every pass ever ordered for it, newest first, each with its checks at the gate
 * (who, when, what the guard was told, whether they let the visitor in).
 */
export async function listPremisesPasses(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof listPremisesPassesInputSchema>,
) {
  const args = listPremisesPassesInputSchema.parse(input);
  const premises = await deps.db.prisma.premises.findUnique({
    where: { id: args.premisesId },
    select: {
      id: true,
      number: true,
      houseId: true,
      house: { select: { organizationId: true, address: true } },
    },
  });
  if (!premises || premises.house.organizationId !== actor.organizationId)
    throw new AppError('NOT_FOUND', 'premises not found', { what: 'premises' });
  authorizePassRead(actor, premises.houseId);
  const now = nowOf(deps);
  const where = { premisesId: premises.id };
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
        checks: {
          orderBy: { id: 'asc' },
          select: {
            id: true,
            result: true,
            entered: true,
            input: true,
            checkedAt: true,
            guard: { select: { id: true, fullName: true } },
          },
        },
      },
    }),
  ]);
  return {
    premises: {
      id: premises.id,
      number: premises.number,
      houseId: premises.houseId,
      address: premises.house.address,
    },
    total,
    page: args.page,
    pageSize: args.pageSize,
    items: rows.map((row) => ({
      ...passView(row, now),
      residentName: row.resident?.firstName ?? null,
      checks: row.checks.map((c) => ({
        id: c.id.toString(),
        result: c.result,
        entered: c.entered,
        via: via(c.input),
        checkedAt: c.checkedAt,
        guard: c.guard,
      })),
    })),
  };
}
