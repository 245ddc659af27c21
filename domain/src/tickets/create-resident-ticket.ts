import { z } from 'zod';
import { type DomainDeps, nowOf } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { slaDeadlinesFor } from './sla/sla-rules.ts';

export const TICKET_CATEGORIES = [
  'PLUMBING',
  'ELECTRICITY',
  'HEATING',
  'LIFT',
  'CLEANING',
  'YARD',
  'INTERCOM',
  'ROOF_FACADE',
  'NOISE',
  'BILLING',
  'OTHER',
] as const;

export const createResidentTicketSchema = z.object({
  telegramUserId: z.bigint(),
  accountId: z.string().min(1),
  category: z.enum(TICKET_CATEGORIES),
  urgency: z.enum(['EMERGENCY', 'URGENT', 'NORMAL', 'PLANNED']).default('NORMAL'),
  locationKind: z
    .enum(['FLAT', 'ENTRANCE', 'FLOOR', 'LIFT', 'YARD', 'ROOF', 'BASEMENT', 'OTHER'])
    .default('FLAT'),
  description: z.string().trim().min(3).max(4000),
  /** Telegram file ids of photos sent with the ticket. */
  photoFileIds: z.array(z.string().max(200)).max(10).default([]),
});

/**
 * A resident opens a ticket for a linked flat. It is numbered within the house; the reaction and resolution
 * deadlines come from the most specific SLA rule (house over organisation, category over any), counted in the
 * house's working hours and time zone; emergencies have 24/7 deadlines (Decree 416: reaction within 30 minutes).
 */
export async function createResidentTicket(
  deps: DomainDeps,
  input: z.input<typeof createResidentTicketSchema>,
) {
  const args = createResidentTicketSchema.parse(input);
  return deps.db.prisma.$transaction(async (tx) => {
    const link = await tx.residentAccountLink.findFirst({
      where: { accountId: args.accountId, active: true, resident: { telegramUserId: args.telegramUserId } },
      select: {
        residentId: true,
        account: {
          select: {
            id: true,
            premisesId: true,
            organizationId: true,
            premises: { select: { houseId: true, house: { select: { emergencyPhone: true } } } },
          },
        },
      },
    });
    if (!link) throw new AppError('FORBIDDEN', 'flat not linked', { what: 'flat_link' });
    const houseId = link.account.premises.houseId;
    const now = nowOf(deps);
    const [counter] = await tx.$queryRaw<{ last_ticket_number: number }[]>`
      UPDATE houses SET last_ticket_number = last_ticket_number + 1 WHERE id = ${houseId} RETURNING last_ticket_number`;
    const number = counter!.last_ticket_number;
    const deadlines = await slaDeadlinesFor(tx, {
      organizationId: link.account.organizationId,
      houseId,
      category: args.category,
      urgency: args.urgency,
      createdAt: now,
    });
    const ticket = await tx.ticket.create({
      data: {
        houseId,
        number,
        premisesId: args.locationKind === 'FLAT' ? link.account.premisesId : null,
        accountId: link.account.id,
        residentId: link.residentId,
        category: args.category,
        urgency: args.urgency,
        locationKind: args.locationKind,
        description: args.description,
        ...deadlines,
        createdAt: now,
      },
      select: { id: true },
    });
    await tx.ticketHistory.create({
      data: {
        ticketId: ticket.id,
        actorKind: 'RESIDENT',
        actorResidentId: link.residentId,
        field: 'status',
        toValue: 'NEW',
        createdAt: now,
      },
    });
    if (args.photoFileIds.length > 0) {
      await tx.ticketAttachment.createMany({
        data: args.photoFileIds.map((fileId) => ({
          ticketId: ticket.id,
          kind: 'PHOTO' as const,
          // Kept on Telegram until the file store copies it; the key says where it is.
          storageKey: `telegram:${fileId}`,
          mimeType: 'image/jpeg',
          size: 0,
          telegramFileId: fileId,
        })),
      });
    }
    return {
      id: ticket.id,
      number,
      emergency: args.urgency === 'EMERGENCY',
      emergencyPhone: link.account.premises.house.emergencyPhone,
    };
  });
}

/** The resident's tickets (all linked flats), newest first. */
export async function listResidentTickets(deps: DomainDeps, telegramUserId: bigint, take = 10) {
  return deps.db.prisma.ticket.findMany({
    where: { resident: { telegramUserId } },
    orderBy: { createdAt: 'desc' },
    take,
    select: { id: true, number: true, status: true, category: true, description: true, createdAt: true },
  });
}
