import type { Tx } from '../../context.ts';
import {
  computeSlaDeadlines,
  LEGAL_EMERGENCY_REACTION_MINUTES,
  type SlaTargets,
  type TicketUrgencyName,
} from './compute-sla-deadlines.ts';

type Reader = Pick<Tx, 'slaRule' | 'house'>;

/**
 * The SLA targets for a ticket: the most specific SlaRule (house over organisation, category over "any"); without
 * one, emergencies still get the legal 30-minute reaction (Decree 416, п. 13) and other tickets no deadline.
 */
export async function findSlaTargets(
  db: Reader,
  ticket: { organizationId: string; houseId: string; category: string; urgency: TicketUrgencyName },
): Promise<SlaTargets | null> {
  const rules = await db.slaRule.findMany({
    where: {
      organizationId: ticket.organizationId,
      urgency: ticket.urgency,
      OR: [{ houseId: ticket.houseId }, { houseId: null }],
      AND: [{ OR: [{ category: ticket.category as never }, { category: null }] }],
    },
    select: { houseId: true, category: true, reactionMinutes: true, resolutionMinutes: true },
  });
  const weight = (r: { houseId: string | null; category: string | null }) =>
    Number(r.houseId !== null) * 2 + Number(r.category !== null);
  const rule = rules.sort((a, b) => weight(b) - weight(a))[0];
  if (rule) return { urgency: ticket.urgency, ...rule };
  if (ticket.urgency === 'EMERGENCY')
    return {
      urgency: 'EMERGENCY',
      reactionMinutes: LEGAL_EMERGENCY_REACTION_MINUTES,
      resolutionMinutes: null,
    };
  return null;
}

/**
 * Deadlines of a ticket created (or re-classified) at `createdAt`, from its organisation's rules and its house's
 * working hours and time zone. Both NULL when no rule applies.
 */
export async function slaDeadlinesFor(
  db: Reader,
  ticket: {
    organizationId: string;
    houseId: string;
    category: string;
    urgency: TicketUrgencyName;
    createdAt: Date;
  },
): Promise<{ reactionDueAt: Date | null; dueAt: Date | null }> {
  const targets = await findSlaTargets(db, ticket);
  if (!targets) return { reactionDueAt: null, dueAt: null };
  const house = await db.house.findUniqueOrThrow({
    where: { id: ticket.houseId },
    select: { timezone: true, workingHours: true },
  });
  return computeSlaDeadlines(targets, ticket.createdAt, house);
}
