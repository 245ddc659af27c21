import { z } from 'zod';
import { type DomainDeps, nowOf } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { botText } from '../../notifications/texts.ts';
import { formatPaymentAmount } from '../../payments/amount.ts';
import { idSchema } from '../../registry/registry-fields.ts';
import { createResidentTicket } from '../../tickets/create-resident-ticket.ts';
import { loadResidentAccount, residentAccountInputSchema } from './resident-account.ts';

export const askAboutChargeSchema = residentAccountInputSchema.extend({
  chargeId: idSchema,
  /** The ticket's description is written in the resident's language. */
  language: z.enum(['ru', 'en']).default('ru'),
});

/** TicketHistory.field of the row that ties a billing question to its charge line. */
export const CHARGE_HISTORY_FIELD = 'charge';

/**
 * A resident questions a charge line: a BILLING ticket for the account, its description naming the service, the
 * month and the amount. The Ticket model has no charge column, so the charge id is kept in the ticket's history
 * (field `charge`, to_value = the charge id), where staff see it next to the status changes. Asking again about
 * the same charge while that ticket is open returns it instead of opening another. createResidentTicket keeps
 * numbering and SLA deadlines in one place and commits on its own; the history row follows it, and should that
 * insert ever fail the ticket still names the service and month in its description.
 */
export async function askAboutCharge(deps: DomainDeps, input: z.input<typeof askAboutChargeSchema>) {
  const args = askAboutChargeSchema.parse(input);
  const db = deps.db.prisma;
  const account = await loadResidentAccount(db, args.telegramUserId, args.accountId);
  const charge = await db.charge.findFirst({
    where: { id: args.chargeId, accountId: account.id },
    select: { id: true, period: true, service: { select: { id: true, name: true } } },
  });
  if (!charge) throw new AppError('NOT_FOUND', 'charge not found', { what: 'charge' });
  const open = await db.ticket.findFirst({
    where: {
      accountId: account.id,
      category: 'BILLING',
      status: { notIn: ['DONE', 'CLOSED', 'CANCELLED'] },
      history: { some: { field: CHARGE_HISTORY_FIELD, toValue: charge.id } },
    },
    select: { id: true, number: true },
  });
  if (open) return { ticketId: open.id, ticketNumber: open.number, created: false };
  // The question is about the service's whole line in the month, as the receipt prints it.
  const line = await db.charge.aggregate({
    where: { accountId: account.id, period: charge.period, serviceId: charge.service.id },
    _sum: { amountKopecks: true },
  });
  const period = `${String(charge.period.getUTCMonth() + 1).padStart(2, '0')}.${charge.period.getUTCFullYear()}`;
  const description = botText(args.language, 'billing.ticket_description', {
    service: charge.service.name,
    period,
    amount: formatPaymentAmount(line._sum.amountKopecks ?? 0n),
    account: account.number,
  });
  const ticket = await createResidentTicket(deps, {
    telegramUserId: args.telegramUserId,
    accountId: account.id,
    category: 'BILLING',
    urgency: 'NORMAL',
    description,
  });
  await db.ticketHistory.create({
    data: {
      ticketId: ticket.id,
      actorKind: 'RESIDENT',
      actorResidentId: account.residentId,
      field: CHARGE_HISTORY_FIELD,
      toValue: charge.id,
      comment: `${charge.service.name}, ${period}`,
      createdAt: nowOf(deps),
    },
  });
  return { ticketId: ticket.id, ticketNumber: ticket.number, created: true };
}
