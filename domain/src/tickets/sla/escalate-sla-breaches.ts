import type { SupportedLanguage } from '@domovoy/locales';
import { type DomainDeps, nowOf } from '../../context.ts';
import { botText } from '../../notifications/texts.ts';
import { enqueueMany } from '../../outbox/enqueue-message.ts';
import { OPEN_STATUSES } from './sla-state.ts';

export type BreachKind = 'REACTION' | 'RESOLUTION';

/** The ticket_history row that records an escalation, and marks it done: field "sla", to "<KIND>_BREACHED". */
export const SLA_HISTORY_FIELD = 'sla';
export const breachValue = (kind: BreachKind) => `${kind}_BREACHED`;

const OPEN_SQL = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');

export interface EscalationOptions {
  /** Tickets handled per run; the rest wait for the next tick. */
  limit?: number;
  /** Staff have no language of their own yet: the organisation's working language. */
  language?: SupportedLanguage;
}

/**
 * The cron job behind SLA escalation: every open ticket past its reaction deadline (nobody reacted) or its
 * resolution deadline is reported once per kind to the managers of its house (organisation-wide or for that house)
 * who linked Telegram, through the outbox. "Once" holds across processes: each ticket is handled in its own
 * transaction that first locks the ticket row and only then looks for the escalation history row, so a second
 * process waiting on the lock sees the first one's row and does nothing; the outbox dedupe key
 * (sla-breach:<ticket>:<kind>:<manager>) is the backstop.
 */
export async function escalateSlaBreaches(
  deps: DomainDeps,
  options: EscalationOptions = {},
): Promise<{ checked: number; escalated: number; messages: number }> {
  const now = nowOf(deps);
  const limit = options.limit ?? 200;
  const language = options.language ?? 'ru';
  const candidates = await deps.db.sql.query<{ id: string; kind: BreachKind }>(
    `SELECT id, kind FROM (
       SELECT t.id, 'REACTION' AS kind, t.reaction_due_at AS due FROM tickets t
       WHERE t.status IN (${OPEN_SQL}) AND t.reacted_at IS NULL AND t.reaction_due_at < $1::timestamptz
         AND NOT EXISTS (SELECT 1 FROM ticket_history h
                         WHERE h.ticket_id = t.id AND h.field = $3 AND h.to_value = 'REACTION_BREACHED')
       UNION ALL
       SELECT t.id, 'RESOLUTION', t.due_at FROM tickets t
       WHERE t.status IN (${OPEN_SQL}) AND t.due_at < $1::timestamptz
         AND NOT EXISTS (SELECT 1 FROM ticket_history h
                         WHERE h.ticket_id = t.id AND h.field = $3 AND h.to_value = 'RESOLUTION_BREACHED')
     ) c
     ORDER BY due, id, kind
     LIMIT $2`,
    [now.toISOString(), limit, SLA_HISTORY_FIELD],
  );
  let escalated = 0;
  let messages = 0;
  for (const candidate of candidates) {
    const sent = await escalateOne(deps, candidate.id, candidate.kind, now, language);
    if (sent !== null) {
      escalated++;
      messages += sent;
    }
  }
  return { checked: candidates.length, escalated, messages };
}

/** Escalates one breach; null when another process already did or the ticket is no longer in breach. */
async function escalateOne(
  deps: DomainDeps,
  ticketId: string,
  kind: BreachKind,
  now: Date,
  language: SupportedLanguage,
): Promise<number | null> {
  return deps.db.prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM tickets WHERE id = ${ticketId} FOR UPDATE`;
    const done = await tx.ticketHistory.findFirst({
      where: { ticketId, field: SLA_HISTORY_FIELD, toValue: breachValue(kind) },
      select: { id: true },
    });
    if (done) return null;
    const ticket = await tx.ticket.findUniqueOrThrow({
      where: { id: ticketId },
      select: {
        id: true,
        number: true,
        status: true,
        houseId: true,
        category: true,
        reactedAt: true,
        reactionDueAt: true,
        dueAt: true,
        house: { select: { address: true, organizationId: true, timezone: true } },
      },
    });
    const open = (OPEN_STATUSES as readonly string[]).includes(ticket.status);
    const deadline = kind === 'REACTION' ? ticket.reactionDueAt : ticket.dueAt;
    const breached =
      open && deadline !== null && deadline < now && (kind === 'RESOLUTION' || ticket.reactedAt === null);
    if (!breached) return null;
    await tx.ticketHistory.create({
      data: {
        ticketId,
        actorKind: 'SYSTEM',
        field: SLA_HISTORY_FIELD,
        fromValue: deadline.toISOString(),
        toValue: breachValue(kind),
        createdAt: now,
      },
      select: { id: true },
    });
    const managers = await tx.staffUser.findMany({
      where: {
        organizationId: ticket.house.organizationId,
        active: true,
        telegramUserId: { not: null },
        roles: { some: { role: 'MANAGER', OR: [{ houseId: null }, { houseId: ticket.houseId }] } },
      },
      select: { id: true, telegramUserId: true },
    });
    const deadlineText = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'ru-RU', {
      dateStyle: 'short',
      timeStyle: 'short',
      timeZone: ticket.house.timezone,
    }).format(deadline);
    const text = botText(
      language,
      kind === 'REACTION' ? 'ticket_alerts.reaction_breached' : 'ticket_alerts.resolution_breached',
      {
        number: ticket.number,
        address: ticket.house.address,
        category: botText(language, `tickets.cat_${ticket.category.toLowerCase()}`),
        deadline: deadlineText,
      },
    );
    const { created } = await enqueueMany(
      tx,
      managers.map((m) => ({
        dedupeKey: `sla-breach:${ticketId}:${kind}:${m.id}`,
        chatId: m.telegramUserId as bigint,
        staffUserId: m.id,
        kind: 'TICKET_STAFF_ALERT',
        priority: 'high' as const,
        payload: { method: 'sendMessage' as const, params: { text } },
      })),
    );
    return created;
  });
}
