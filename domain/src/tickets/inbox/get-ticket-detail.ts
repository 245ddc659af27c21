import { type DomainDeps, nowOf } from '../../context.ts';
import { can } from '../../permissions/policy.ts';
import { contactsFor } from '../../registry/personal-data.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';
import { slaView } from '../sla/sla-state.ts';
import { allowedTransitions, type TicketStatus } from '../ticket-status.ts';
import { replyDeliveries } from './reply-delivery.ts';
import { ticketForStaff } from './ticket-access.ts';

const personName = (p: { firstName: string; lastName: string | null }) =>
  [p.firstName, p.lastName].filter(Boolean).join(' ');

/**
 * Everything the ticket page shows: the ticket with its SLA clocks, the resident (phone masked without
 * personal-data.read), the thread with internal notes marked, the attachments, and the history of every change
 * with who made it, and how far each reply got to the resident. `actions` says what this actor may do here, so the
 * page offers only that.
 */
export async function getTicketDetail(deps: DomainDeps, actor: StaffActor, ticketId: string) {
  const now = nowOf(deps);
  const base = await ticketForStaff(deps.db.prisma, actor, ticketId, 'read');
  const t = await deps.db.prisma.ticket.findUniqueOrThrow({
    where: { id: ticketId },
    select: {
      id: true,
      number: true,
      houseId: true,
      status: true,
      category: true,
      urgency: true,
      locationKind: true,
      locationDetail: true,
      description: true,
      createdAt: true,
      updatedAt: true,
      reactionDueAt: true,
      dueAt: true,
      reactedAt: true,
      resolvedAt: true,
      closedAt: true,
      cancelledAt: true,
      rating: true,
      ratingComment: true,
      reopenCount: true,
      premises: { select: { id: true, number: true } },
      entrance: { select: { number: true } },
      account: { select: { number: true } },
      resident: {
        select: { id: true, firstName: true, lastName: true, username: true, phone: true, deletedAt: true },
      },
      createdBy: { select: { id: true, fullName: true } },
      assignee: { select: { id: true, fullName: true } },
      messages: {
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        select: {
          id: true,
          authorKind: true,
          text: true,
          internal: true,
          createdAt: true,
          resident: { select: { firstName: true, lastName: true } },
          staffUser: { select: { fullName: true } },
        },
      },
      attachments: {
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        select: {
          id: true,
          messageId: true,
          kind: true,
          mimeType: true,
          size: true,
          fileName: true,
          createdAt: true,
        },
      },
      history: {
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        select: {
          id: true,
          actorKind: true,
          field: true,
          fromValue: true,
          toValue: true,
          comment: true,
          createdAt: true,
          actorStaff: { select: { fullName: true } },
          actorResident: { select: { firstName: true, lastName: true } },
        },
      },
    },
  });
  // Assignee changes store staff ids; the page shows names.
  const staffIds = new Set(
    t.history.filter((h) => h.field === 'assignee').flatMap((h) => [h.fromValue, h.toValue]),
  );
  staffIds.delete(null);
  const staffNames = new Map(
    (
      await deps.db.prisma.staffUser.findMany({
        where: { id: { in: [...staffIds] as string[] }, organizationId: actor.organizationId },
        select: { id: true, fullName: true },
      })
    ).map((s) => [s.id, s.fullName]),
  );
  const target = { houseId: t.houseId };
  const handles = can(actor, 'tickets.handle', target);
  const works = can(actor, 'tickets.work', target) && t.assignee?.id === actor.staffUserId;
  const status = t.status as TicketStatus;
  const transitions = handles
    ? allowedTransitions(status, 'DISPATCHER')
    : works
      ? allowedTransitions(status, 'EXECUTOR')
      : [];
  const resident = t.resident && !t.resident.deletedAt ? t.resident : null;
  const sent = t.messages.filter((m) => m.authorKind === 'STAFF' && !m.internal);
  const deliveries = await replyDeliveries(
    deps.db.prisma,
    t.id,
    sent.map((m) => ({
      id: m.id,
      attachmentIds: t.attachments.filter((a) => a.messageId === m.id).map((a) => a.id),
    })),
  );
  const contacts = resident ? contactsFor(actor, [t.houseId], { phone: resident.phone }) : null;
  return {
    id: t.id,
    number: t.number,
    houseId: t.houseId,
    houseAddress: base.house.address,
    timezone: base.house.timezone,
    status: t.status,
    category: t.category,
    urgency: t.urgency,
    locationKind: t.locationKind,
    locationDetail: t.locationDetail,
    description: t.description,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    reactionDueAt: t.reactionDueAt,
    dueAt: t.dueAt,
    reactedAt: t.reactedAt,
    resolvedAt: t.resolvedAt,
    closedAt: t.closedAt,
    cancelledAt: t.cancelledAt,
    rating: t.rating,
    ratingComment: t.ratingComment,
    reopenCount: t.reopenCount,
    premisesNumber: t.premises?.number ?? null,
    entranceNumber: t.entrance?.number ?? null,
    accountNumber: t.account?.number ?? null,
    resident: resident
      ? {
          id: resident.id,
          name: personName(resident),
          username: resident.username,
          phone: contacts?.phone ?? null,
          phoneMasked: contacts?.contactsMasked ?? false,
        }
      : null,
    createdBy: t.createdBy,
    assignee: t.assignee,
    sla: slaView(t, now),
    actions: {
      transitions,
      reply: handles,
      note: handles,
      assign: handles,
      dueDate: handles,
      urgency: handles,
    },
    messages: t.messages.map((m) => ({
      id: m.id,
      authorKind: m.authorKind,
      authorName: m.staffUser?.fullName ?? (m.resident ? personName(m.resident) : null),
      text: m.text,
      internal: m.internal,
      createdAt: m.createdAt,
      delivery: deliveries.get(m.id) ?? null,
      attachments: t.attachments.filter((a) => a.messageId === m.id).map(attachmentView),
    })),
    attachments: t.attachments.filter((a) => a.messageId === null).map(attachmentView),
    history: t.history.map((h) => ({
      id: h.id.toString(),
      actorKind: h.actorKind,
      actorName: h.actorStaff?.fullName ?? (h.actorResident ? personName(h.actorResident) : null),
      field: h.field,
      fromValue: h.fromValue,
      toValue: h.toValue,
      fromLabel: h.field === 'assignee' && h.fromValue ? (staffNames.get(h.fromValue) ?? null) : null,
      toLabel: h.field === 'assignee' && h.toValue ? (staffNames.get(h.toValue) ?? null) : null,
      comment: h.comment,
      createdAt: h.createdAt,
    })),
  };
}

function attachmentView(a: {
  id: string;
  kind: string;
  mimeType: string;
  size: number;
  fileName: string | null;
  createdAt: Date;
}) {
  return {
    id: a.id,
    kind: a.kind,
    mimeType: a.mimeType,
    size: a.size,
    fileName: a.fileName,
    createdAt: a.createdAt,
  };
}
