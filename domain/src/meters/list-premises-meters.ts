import { z } from 'zod';
import type { DomainDeps } from '../context.ts';
import { loadPremises } from '../registry/registry-access.ts';
import { idSchema } from '../registry/registry-fields.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { METER_SELECT, meterView, readingValueText } from './meter-fields.ts';

export const listPremisesMetersInputSchema = z.object({
  premisesId: idSchema,
  status: z.enum(['active', 'retired', 'all']).default('all'),
});

/**
 * The meters of a premises (working ones first, then by type and serial), each with its last reading: the latest
 * period's values per zone, who entered them and when.
 */
export async function listPremisesMeters(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof listPremisesMetersInputSchema>,
) {
  const { premisesId, status } = listPremisesMetersInputSchema.parse(input);
  await loadPremises(deps.db.prisma, actor, premisesId, 'registry.read');
  const meters = await deps.db.prisma.meter.findMany({
    where: {
      premisesId,
      ...(status === 'active'
        ? { status: 'ACTIVE' as const }
        : status === 'retired'
          ? { status: 'RETIRED' as const }
          : {}),
    },
    orderBy: [{ status: 'asc' }, { type: 'asc' }, { serial: 'asc' }],
    select: {
      ...METER_SELECT,
      readings: {
        orderBy: [{ period: 'desc' }, { zone: 'asc' }],
        take: 3,
        select: { period: true, zone: true, value: true, source: true, submittedAt: true },
      },
    },
  });
  return {
    items: meters.map(({ readings, ...m }) => {
      const latest = readings.filter((r) => r.period.getTime() === readings[0]?.period.getTime());
      return {
        ...meterView(m),
        lastReading: latest[0]
          ? {
              period: latest[0].period.toISOString().slice(0, 7),
              values: latest.map((r) => ({ zone: r.zone, value: readingValueText(r.value) })),
              source: latest[0].source,
              submittedAt: latest[0].submittedAt.toISOString(),
            }
          : null,
      };
    }),
  };
}
