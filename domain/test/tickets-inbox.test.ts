import { createTestDatabase, DATABASE_BACKENDS, type TestDatabase } from '@domovoy/test-support/backends';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DomainDeps } from '../src/context.ts';
import { isAppError } from '../src/errors/app-error.ts';
import type { StaffRoleName } from '../src/permissions/policy.ts';
import type { StaffActor } from '../src/staff/staff-actor.ts';
import { changeTicketStatus } from '../src/tickets/change-ticket-status.ts';
import { createResidentTicket } from '../src/tickets/create-resident-ticket.ts';
import { assignTicket } from '../src/tickets/inbox/assign-ticket.ts';
import { getTicketDetail } from '../src/tickets/inbox/get-ticket-detail.ts';
import { openInboxCache } from '../src/tickets/inbox/inbox-cache.ts';
import { type ListInboxInput, listInbox } from '../src/tickets/inbox/list-inbox.ts';
import { listTicketAssignees } from '../src/tickets/inbox/list-ticket-assignees.ts';
import { setTicketDueDate } from '../src/tickets/inbox/set-ticket-due-date.ts';
import { exportTicketAnalytics, ticketAnalytics } from '../src/tickets/inbox/ticket-analytics.ts';
import {
  changeVisibleTo,
  type TicketChange,
  TicketFeed,
  ticketChangesSince,
} from '../src/tickets/inbox/ticket-feed.ts';
import { replyToTicket } from '../src/tickets/reply-to-ticket.ts';
import { changeTicketUrgency } from '../src/tickets/sla/change-ticket-urgency.ts';
import { escalateSlaBreaches } from '../src/tickets/sla/escalate-sla-breaches.ts';

/**
 * The staff side of tickets against a database: the inbox's filters, counters, keyset pages and house scoping;
 * the ticket page; assignment, urgency and due date changes with history, audit and outbox; SLA escalation that
 * fires once; analytics and its XLSX.
 *
 * The clock stands at Monday 23.11.2026 10:00 in Moscow (07:00Z). SLA rules of the organisation: normal 120/960
 * working minutes, urgent 60/480, emergency 30/240 (24/7). Houses work the default Mon–Fri 08:00–17:00.
 */
const NOW = new Date('2026-11-23T07:00:00Z');
const at = (iso: string) => new Date(iso);

type Who =
  | 'dispatcherA'
  | 'dispatcherB'
  | 'admin'
  | 'managerOrg'
  | 'managerB'
  | 'managerNoTelegram'
  | 'executor'
  | 'accountant';

describe.each(DATABASE_BACKENDS)('tickets for staff: inbox, SLA, analytics [%s]', (backend) => {
  let db: TestDatabase;
  let deps: DomainDeps;
  const actors = {} as Record<Who, StaffActor>;
  const t: Record<string, string> = {};
  let houseA = '';
  let houseB = '';

  const ids = (page: { items: { id: string }[] }) => page.items.map((i) => i.id);
  const inbox = (who: Who, input: ListInboxInput = {}) => listInbox(deps, actors[who], input);
  const refused = async (promise: Promise<unknown>, code: string) => {
    try {
      await promise;
    } catch (error) {
      expect(isAppError(error), String(error)).toBe(true);
      expect((error as { code: string }).code).toBe(code);
      return;
    }
    expect.unreachable(`expected ${code}`);
  };

  beforeAll(async () => {
    db = await createTestDatabase(backend);
    deps = { db, now: () => NOW };
    const org = await db.prisma.organization.create({
      data: {
        kind: 'UK',
        name: 'ООО «УК Заявки»',
        inn: '7700000077',
        bankAccount: '40702810000000000077',
        bankName: 'Тестбанк',
        bic: '044525000',
        corrAccount: '30101810000000000000',
        address: 'Москва',
      },
    });
    const house = (address: string) =>
      db.prisma.house.create({ data: { organizationId: org.id, address, totalArea: '1000.00' } });
    houseA = (await house('ул. Первая, 1')).id;
    houseB = (await house('ул. Вторая, 2')).id;
    await db.prisma.slaRule.createMany({
      data: [
        { organizationId: org.id, urgency: 'NORMAL', reactionMinutes: 120, resolutionMinutes: 960 },
        { organizationId: org.id, urgency: 'URGENT', reactionMinutes: 60, resolutionMinutes: 480 },
        { organizationId: org.id, urgency: 'EMERGENCY', reactionMinutes: 30, resolutionMinutes: 240 },
      ],
    });
    const staff = async (
      who: Who,
      grants: { role: StaffRoleName; houseId: string | null }[],
      telegramUserId: bigint | null,
    ) => {
      const user = await db.prisma.staffUser.create({
        data: {
          organizationId: org.id,
          email: `${who.toLowerCase()}@inbox.test`,
          fullName: `Staff ${who}`,
          passwordHash: 'x',
          telegramUserId,
          roles: { create: grants },
        },
      });
      actors[who] = { staffUserId: user.id, organizationId: org.id, grants };
    };
    await staff('dispatcherA', [{ role: 'DISPATCHER', houseId: houseA }], null);
    await staff('dispatcherB', [{ role: 'DISPATCHER', houseId: houseB }], null);
    await staff('admin', [{ role: 'ADMIN', houseId: null }], null);
    await staff('managerOrg', [{ role: 'MANAGER', houseId: null }], 9001n);
    await staff('managerB', [{ role: 'MANAGER', houseId: houseB }], 9002n);
    await staff('managerNoTelegram', [{ role: 'MANAGER', houseId: null }], null);
    await staff('executor', [{ role: 'EXECUTOR', houseId: null }], 9003n);
    await staff('accountant', [{ role: 'ACCOUNTANT', houseId: null }], 9004n);

    const resident = async (houseId: string, n: number) => {
      const premises = await db.prisma.premises.create({
        data: { houseId, number: String(n), area: '50.00' },
      });
      const account = await db.prisma.personalAccount.create({
        data: { organizationId: org.id, premisesId: premises.id, number: `77${n}`, inviteCode: `INBOX${n}` },
      });
      const r = await db.prisma.resident.create({
        data: {
          telegramUserId: BigInt(5000 + n),
          chatId: BigInt(5000 + n),
          firstName: `Житель${n}`,
          lastName: 'Тестов',
        },
      });
      await db.prisma.residentAccountLink.create({
        data: { residentId: r.id, accountId: account.id, role: 'OWNER', linkedVia: 'INVITE' },
      });
      return { telegramUserId: BigInt(5000 + n), accountId: account.id };
    };
    const flatA = await resident(houseA, 1);
    const flatB = await resident(houseB, 2);
    const open = async (
      key: string,
      when: string,
      flat: { telegramUserId: bigint; accountId: string },
      category: 'PLUMBING' | 'ELECTRICITY' | 'LIFT' | 'YARD',
      urgency: 'EMERGENCY' | 'URGENT' | 'NORMAL',
      description: string,
    ) => {
      const created = await createResidentTicket(
        { db, now: () => at(when) },
        { ...flat, category, urgency, description },
      );
      t[key] = created.id;
    };
    // Thursday 10:00 MSK: the reaction was due at 12:00 that day, the resolution on Friday at 17:00.
    await open('a1', '2026-11-19T07:00:00Z', flatA, 'PLUMBING', 'NORMAL', 'течёт кран на кухне');
    await open('b1', '2026-11-19T07:00:00Z', flatB, 'LIFT', 'NORMAL', 'лифт шумит');
    // Friday 10:00 MSK, urgent: reacted at 10:30, done at 13:00, closed with 2 stars.
    await open('a4', '2026-11-20T07:00:00Z', flatA, 'PLUMBING', 'URGENT', 'капает с потолка');
    // Sunday 12:00 MSK, urgent: its clocks start on Monday 08:00; reacted and done on Sunday, 5 stars.
    await open('a5', '2026-11-22T09:00:00Z', flatA, 'YARD', 'URGENT', 'сугроб у подъезда');
    // Today: 09:30 (normal, reaction due 11:30) and 09:50 (emergency, reaction due 10:20).
    await open('a2', '2026-11-23T06:30:00Z', flatA, 'ELECTRICITY', 'NORMAL', 'не горит свет в подъезде');
    await open('a3', '2026-11-23T06:50:00Z', flatA, 'LIFT', 'EMERGENCY', 'застрял лифт');

    const move = async (key: string, when: string, status: 'ACCEPTED' | 'DONE' | 'CLOSED') =>
      changeTicketStatus({ db, now: () => at(when) }, actors.dispatcherA, {
        ticketId: t[key] as string,
        status,
      });
    await move('a4', '2026-11-20T07:30:00Z', 'ACCEPTED');
    await move('a4', '2026-11-20T10:00:00Z', 'DONE');
    await move('a4', '2026-11-20T12:00:00Z', 'CLOSED');
    await move('a5', '2026-11-22T10:00:00Z', 'ACCEPTED');
    await move('a5', '2026-11-22T11:00:00Z', 'DONE');
    await move('a5', '2026-11-22T12:00:00Z', 'CLOSED');
    await db.prisma.ticket.update({
      where: { id: t.a4 },
      data: { rating: 2, assigneeId: actors.executor.staffUserId },
    });
    await db.prisma.ticket.update({ where: { id: t.a5 }, data: { rating: 5 } });
    await db.prisma.ticket.update({ where: { id: t.a2 }, data: { assigneeId: actors.executor.staffUserId } });
  });
  afterAll(() => db?.destroy());

  it('sets deadlines on creation in working hours, emergencies around the clock', async () => {
    const rows = await db.prisma.ticket.findMany({
      where: { id: { in: [t.a1, t.a3, t.a5] as string[] } },
      select: { id: true, reactionDueAt: true, dueAt: true },
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(t.a1 as string)).toMatchObject({
      reactionDueAt: at('2026-11-19T09:00:00Z'),
      dueAt: at('2026-11-20T14:00:00Z'),
    });
    expect(byId.get(t.a3 as string)).toMatchObject({
      reactionDueAt: at('2026-11-23T07:20:00Z'),
      dueAt: at('2026-11-23T10:50:00Z'),
    });
    // Created on Sunday: the clock starts on Monday 08:00 MSK.
    expect(byId.get(t.a5 as string)).toMatchObject({
      reactionDueAt: at('2026-11-23T06:00:00Z'),
      dueAt: at('2026-11-23T13:00:00Z'),
    });
  });

  it('lists a dispatcher’s house only, newest first, with counters per status', async () => {
    const page = await inbox('dispatcherA');
    expect(ids(page)).toEqual([t.a3, t.a2, t.a5, t.a4, t.a1]);
    expect(page.counters).toMatchObject({ NEW: 3, CLOSED: 2, ACCEPTED: 0 });
    expect(page.total).toBe(5);
    expect(page.items[0]).toMatchObject({ number: 5, urgency: 'EMERGENCY', houseAddress: 'ул. Первая, 1' });
    expect(page.items.find((i) => i.id === t.a1)?.sla).toMatchObject({
      reaction: 'breached',
      state: 'breached',
    });
    expect(page.items.find((i) => i.id === t.a2)?.assignee).toMatchObject({ fullName: 'Staff executor' });
    const all = await inbox('admin');
    expect(all.counters.NEW).toBe(4);
    expect(ids(all)).toContain(t.b1);
    const elsewhere = await inbox('dispatcherA', { houseId: houseB });
    expect(elsewhere.items).toEqual([]);
    expect(elsewhere.total).toBe(0);
    await refused(inbox('accountant'), 'FORBIDDEN');
    expect(ids(await inbox('admin', { houseId: houseB }))).toEqual([t.b1]);
  });

  it('never shows another organisation’s house or ticket, whatever the grant', async () => {
    const other = await db.prisma.organization.create({
      data: {
        kind: 'TSZH',
        name: 'ТСЖ «Чужое»',
        inn: '7700000078',
        bankAccount: '40703810000000000078',
        bankName: 'Тестбанк',
        bic: '044525000',
        corrAccount: '30101810000000000000',
        address: 'Москва',
      },
    });
    const house = await db.prisma.house.create({
      data: { organizationId: other.id, address: 'ул. Чужая, 9', totalArea: '100.00' },
    });
    const ticket = await db.prisma.ticket.create({
      data: { houseId: house.id, number: 1, category: 'OTHER', description: 'чужая заявка' },
    });
    const page = await inbox('admin', { houseId: house.id });
    expect(page.items).toEqual([]);
    expect(page.total).toBe(0);
    expect(ids(await inbox('admin'))).not.toContain(ticket.id);
    await refused(getTicketDetail(deps, actors.admin, ticket.id), 'NOT_FOUND');
    await refused(
      assignTicket(deps, actors.admin, { ticketId: ticket.id, assigneeId: actors.executor.staffUserId }),
      'NOT_FOUND',
    );
    await db.prisma.ticket.delete({ where: { id: ticket.id } });
  });

  it('filters by status, category, urgency, assignee, overdue, rating and search; counters follow all but status', async () => {
    const open = await inbox('dispatcherA', { status: ['NEW'] });
    expect(ids(open)).toEqual([t.a3, t.a2, t.a1]);
    expect(open.total).toBe(3);
    expect(open.counters.CLOSED).toBe(2);
    const plumbing = await inbox('dispatcherA', { category: 'PLUMBING' });
    expect(ids(plumbing)).toEqual([t.a4, t.a1]);
    expect(plumbing.counters).toMatchObject({ NEW: 1, CLOSED: 1 });
    expect(ids(await inbox('dispatcherA', { urgency: 'EMERGENCY' }))).toEqual([t.a3]);
    expect(ids(await inbox('dispatcherA', { assigneeId: actors.executor.staffUserId }))).toEqual([
      t.a2,
      t.a4,
    ]);
    expect(ids(await inbox('dispatcherA', { assigneeId: 'none' }))).toEqual([t.a3, t.a5, t.a1]);
    expect(ids(await inbox('dispatcherA', { overdue: true }))).toEqual([t.a1]);
    // Created at the same instant: the later id (b1) first.
    expect(ids(await inbox('admin', { overdue: true }))).toEqual([t.b1, t.a1]);
    expect(ids(await inbox('dispatcherA', { overdue: false }))).toEqual([t.a3, t.a2, t.a5, t.a4]);
    expect(ids(await inbox('dispatcherA', { rating: 'low' }))).toEqual([t.a4]);
    expect(ids(await inbox('dispatcherA', { rating: '5' }))).toEqual([t.a5]);
    expect(ids(await inbox('dispatcherA', { rating: 'none' }))).toEqual([t.a3, t.a2, t.a1]);
    expect(ids(await inbox('dispatcherA', { search: 'кран' }))).toEqual([t.a1]);
    expect(ids(await inbox('dispatcherA', { search: '5' }))).toEqual([t.a3]);
    expect(ids(await inbox('dispatcherA', { search: '100%_' }))).toEqual([]);
  });

  it('pages with a keyset cursor: no row twice, none skipped', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await inbox('dispatcherA', { pageSize: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...ids(page));
      expect(page.total).toBe(5);
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([t.a3, t.a2, t.a5, t.a4, t.a1]);
    await refused(inbox('dispatcherA', { cursor: 'bm9wZQ' }), 'VALIDATION');
  });

  it('shows an executor only the tickets assigned to them', async () => {
    expect(ids(await inbox('executor'))).toEqual([t.a2, t.a4]);
    await refused(getTicketDetail(deps, actors.executor, t.a3 as string), 'FORBIDDEN');
    const detail = await getTicketDetail(deps, actors.executor, t.a2 as string);
    // New and assigned to them: the executor may accept it (ticket-status.ts), nothing more.
    expect(detail.actions).toMatchObject({ transitions: ['ACCEPTED'], reply: false, assign: false });
  });

  it('assigns an executor: history, audit, the resident and the executor told through the outbox', async () => {
    const ticketId = t.a1 as string;
    await refused(
      assignTicket(deps, actors.dispatcherA, { ticketId, assigneeId: actors.accountant.staffUserId }),
      'VALIDATION',
    );
    await refused(
      assignTicket(deps, actors.dispatcherB, { ticketId, assigneeId: actors.executor.staffUserId }),
      'FORBIDDEN',
    );
    const done = await assignTicket(deps, actors.dispatcherA, {
      ticketId,
      assigneeId: actors.executor.staffUserId,
    });
    expect(done).toMatchObject({ changed: true, assignee: { fullName: 'Staff executor' } });
    const again = await assignTicket(deps, actors.dispatcherA, {
      ticketId,
      assigneeId: actors.executor.staffUserId,
    });
    expect(again.changed).toBe(false);
    const outbox = await db.prisma.outboxMessage.findMany({
      where: { dedupeKey: { startsWith: `ticket-assign` }, AND: { dedupeKey: { contains: ticketId } } },
      orderBy: { id: 'asc' },
    });
    expect(outbox.map((o) => [o.kind, o.chatId])).toEqual([
      ['TICKET_STATUS', 5001n],
      ['TICKET_STAFF_ALERT', 9003n],
    ]);
    expect(JSON.stringify(outbox[0]?.payload)).toContain('№1');
    expect(JSON.stringify(outbox[1]?.payload)).toContain('течёт кран на кухне');
    const audit = await db.prisma.auditLog.findMany({
      where: { entityId: ticketId, action: 'ticket.assign' },
    });
    expect(audit).toHaveLength(1);
    const assignees = await listTicketAssignees(deps, actors.dispatcherA, houseA);
    expect(assignees.items[0]).toMatchObject({ fullName: 'Staff executor', executor: true });
    expect(assignees.items.map((a) => a.fullName)).not.toContain('Staff accountant');
    expect(assignees.items.map((a) => a.fullName)).not.toContain('Staff dispatcherB');
  });

  it('recomputes deadlines on an urgency change and records due date changes', async () => {
    const ticketId = t.a2 as string;
    const up = await changeTicketUrgency(deps, actors.dispatcherA, {
      ticketId,
      urgency: 'EMERGENCY',
      comment: 'искрит',
    });
    // From its creation at 06:30Z: 30 and 240 minutes around the clock.
    expect(up).toMatchObject({
      reactionDueAt: at('2026-11-23T07:00:00Z'),
      dueAt: at('2026-11-23T10:30:00Z'),
    });
    const down = await changeTicketUrgency(deps, actors.dispatcherA, { ticketId, urgency: 'NORMAL' });
    expect(down).toMatchObject({
      reactionDueAt: at('2026-11-23T08:30:00Z'),
      dueAt: at('2026-11-24T13:30:00Z'),
    });
    await refused(
      changeTicketUrgency(deps, actors.dispatcherB, { ticketId, urgency: 'URGENT' }),
      'FORBIDDEN',
    );
    const moved = await setTicketDueDate(deps, actors.dispatcherA, {
      ticketId,
      dueAt: '2026-11-27T12:00:00Z',
      comment: 'ждём деталь',
    });
    expect(moved).toMatchObject({ changed: true, dueAt: at('2026-11-27T12:00:00Z') });
    const history = await db.prisma.ticketHistory.findMany({
      where: { ticketId, field: { in: ['urgency', 'due_at'] } },
      orderBy: { id: 'asc' },
    });
    expect(history.map((h) => [h.field, h.fromValue, h.toValue])).toEqual([
      ['urgency', 'NORMAL', 'EMERGENCY'],
      ['urgency', 'EMERGENCY', 'NORMAL'],
      ['due_at', '2026-11-24T13:30:00.000Z', '2026-11-27T12:00:00.000Z'],
    ]);
  });

  it('shows the ticket page: thread with internal notes, history with who and when', async () => {
    const ticketId = t.a1 as string;
    await replyToTicket(deps, actors.dispatcherA, { ticketId, text: 'Мастер придёт завтра' });
    await replyToTicket(deps, actors.dispatcherA, { ticketId, text: 'проверить стояк', internal: true });
    await refused(getTicketDetail(deps, actors.dispatcherB, ticketId), 'FORBIDDEN');
    const detail = await getTicketDetail(deps, actors.dispatcherA, ticketId);
    expect(detail).toMatchObject({
      number: 1,
      status: 'NEW',
      resident: { name: 'Житель1 Тестов', phone: null },
      assignee: { fullName: 'Staff executor' },
      sla: { reaction: 'breached', resolution: 'breached', state: 'breached' },
      actions: { transitions: ['ACCEPTED', 'CANCELLED'], reply: true, assign: true },
    });
    expect(detail.messages.map((m) => [m.text, m.internal, m.authorName])).toEqual([
      ['Мастер придёт завтра', false, 'Staff dispatcherA'],
      ['проверить стояк', true, 'Staff dispatcherA'],
    ]);
    expect(detail.history.map((h) => [h.field, h.actorKind, h.actorName, h.toValue, h.toLabel])).toEqual([
      ['status', 'RESIDENT', 'Житель1 Тестов', 'NEW', null],
      ['assignee', 'STAFF', 'Staff dispatcherA', actors.executor.staffUserId, 'Staff executor'],
    ]);
  });

  it('escalates each breach once to the house’s managers with Telegram, also from two processes at once', async () => {
    const [first, second] = await Promise.all([escalateSlaBreaches(deps), escalateSlaBreaches(deps)]);
    // a1 and b1 missed their resolution, b1 its reaction too: 3 breaches in all, each escalated by exactly one
    // run. a1's late reply (the ticket page test) was its reaction, so nobody is told that nobody reacted.
    expect((first?.escalated ?? 0) + (second?.escalated ?? 0)).toBe(3);
    const rows = await db.prisma.outboxMessage.findMany({
      where: { dedupeKey: { startsWith: 'sla-breach:' } },
      select: { dedupeKey: true, chatId: true, kind: true },
    });
    const forTicket = (key: string) =>
      rows
        .filter((r) => r.dedupeKey.includes(key))
        .map((r) => `${r.dedupeKey.split(':')[2]}→${r.chatId}`)
        .sort();
    // The organisation-wide manager hears about both houses; house B's manager only about b1; nobody without
    // Telegram, and no accountant.
    expect(forTicket(t.a1 as string)).toEqual(['RESOLUTION→9001']);
    expect(forTicket(t.b1 as string)).toEqual([
      'REACTION→9001',
      'REACTION→9002',
      'RESOLUTION→9001',
      'RESOLUTION→9002',
    ]);
    expect(rows.every((r) => r.kind === 'TICKET_STAFF_ALERT')).toBe(true);
    expect(await escalateSlaBreaches(deps)).toEqual({ checked: 0, escalated: 0, messages: 0 });
    const history = await db.prisma.ticketHistory.findMany({ where: { field: 'sla' } });
    expect(history).toHaveLength(3);
    expect(history.every((h) => h.actorKind === 'SYSTEM')).toBe(true);
    // An hour later the emergency a3 (reaction due 07:20Z) is breached too; nothing else repeats.
    const later = await escalateSlaBreaches({ db, now: () => at('2026-11-23T08:00:00Z') });
    expect(later).toMatchObject({ escalated: 1, messages: 1 });
  });

  it('reports tickets per day by category, medians, SLA compliance and executors; exports XLSX', async () => {
    const range = { from: '2026-11-19', to: '2026-11-23' };
    const a = await ticketAnalytics(deps, actors.admin, range);
    expect(a.perDay).toEqual([
      { day: '2026-11-19', counts: { LIFT: 1, PLUMBING: 1 } },
      { day: '2026-11-20', counts: { PLUMBING: 1 } },
      { day: '2026-11-22', counts: { YARD: 1 } },
      { day: '2026-11-23', counts: { ELECTRICITY: 1, LIFT: 1 } },
    ]);
    expect(a.summary).toMatchObject({
      created: 6,
      open: 4,
      reacted: 3,
      resolved: 2,
      // a4 reacted in 30 minutes, a5 in 60, a1 days late (the dispatcher's reply); resolved in 180 and 120.
      medianReactionMinutes: 60,
      medianResolutionMinutes: 150,
      // Met: a4, a5. Missed: a1 (answered late), b1 (nobody reacted, still open). a2 and a3 are within theirs.
      reaction: { met: 2, missed: 2, percent: 50 },
      resolution: { met: 2, missed: 2, percent: 50 },
      averageRating: 3.5,
      rated: 2,
    });
    expect(a.executors).toEqual([
      {
        id: actors.executor.staffUserId,
        fullName: 'Staff executor',
        assigned: 3,
        open: 2,
        resolved: 1,
        late: 1,
        medianResolutionMinutes: 180,
        averageRating: 2,
        rated: 1,
      },
    ]);
    const own = await ticketAnalytics(deps, actors.dispatcherA, range);
    expect(own.summary.created).toBe(5);
    await refused(ticketAnalytics(deps, actors.dispatcherA, { ...range, houseId: houseB }), 'FORBIDDEN');
    await refused(ticketAnalytics(deps, actors.executor, range), 'FORBIDDEN');
    await expect(
      ticketAnalytics(deps, actors.admin, { from: '2026-11-23', to: '2026-11-19' }),
    ).rejects.toThrow(/from must not be after to/);

    const file = await exportTicketAnalytics(deps, actors.admin, range);
    expect(file.fileName).toBe('tickets-2026-11-19-2026-11-23.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.body as unknown as ArrayBuffer);
    const summary = book.getWorksheet('summary');
    const values = new Map<string, unknown>();
    summary?.eachRow((row) => values.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(values.get('created')).toBe(6);
    expect(values.get('reaction_sla_percent')).toBe(50);
    const perDay = book.getWorksheet('per_day');
    expect(perDay?.getRow(1).values).toEqual([
      undefined,
      'day',
      'PLUMBING',
      'ELECTRICITY',
      'LIFT',
      'YARD',
      'total',
    ]);
    expect(perDay?.getRow(2).values).toEqual([undefined, '2026-11-19', 1, 0, 1, 0, 2]);
    expect(book.getWorksheet('executors')?.getRow(2).getCell(1).value).toBe('Staff executor');
  });

  it('feeds live changes: one query per tick for all listeners', async () => {
    const since = new Date(Date.now() - 1000);
    await db.prisma.ticket.update({ where: { id: t.a3 }, data: { locationDetail: '2-й подъезд' } });
    const changes = await ticketChangesSince(deps, since);
    const change = changes.find((c) => c.id === t.a3);
    expect(change).toMatchObject({ type: 'changed', houseId: houseA, number: 5 });
    // Each stream carries only what its user sees: house A's dispatcher, not house B's; no other organisation.
    expect(changeVisibleTo(actors.dispatcherA, change as TicketChange)).toBe(true);
    expect(changeVisibleTo(actors.dispatcherB, change as TicketChange)).toBe(false);
    expect(changeVisibleTo({ ...actors.admin, organizationId: 'another-org' }, change as TicketChange)).toBe(
      false,
    );
    const feed = new TicketFeed(deps, { intervalMs: 50 });
    const got: string[] = [];
    const arrived = new Promise<void>((resolve) => {
      feed.subscribe((change) => {
        got.push(`${change.type}:${change.id}`);
        if (change.id === t.a4) resolve();
      });
    });
    await db.prisma.ticket.update({ where: { id: t.a4 }, data: { locationDetail: 'кухня' } });
    await arrived;
    await feed.close();
    expect(got).toContain(`changed:${t.a4}`);
    expect(feed.subscribers).toBe(0);
  });
  it('shares cached inbox pages until the database announces a change of their house', async () => {
    // A long TTL: only the tickets table's NOTIFY can refresh a page here.
    const { cache, stop } = await openInboxCache(db, { ttlMs: 60_000 });
    try {
      await vi.waitFor(() => expect(cache.listening).toBe(true));
      const cached = { ...deps, inboxCache: cache };
      const newA = () => listInbox(cached, actors.dispatcherA, { status: ['NEW'] });
      const pageB = () => listInbox(cached, actors.dispatcherB, {});
      const first = await newA();
      expect(await newA()).toBe(first);
      expect(ids(first)).toContain(t.a3);
      const firstB = await pageB();
      // A write in house B refreshes B's page and leaves A's.
      await db.prisma.ticket.update({ where: { id: t.b1 }, data: { locationDetail: 'у лифта' } });
      await vi.waitFor(async () => expect(await pageB()).not.toBe(firstB));
      expect(await newA()).toBe(first);
      // A status change through the use-case: the next page no longer lists the ticket as new.
      await changeTicketStatus(deps, actors.dispatcherA, { ticketId: t.a3 as string, status: 'ACCEPTED' });
      await vi.waitFor(async () => expect(ids(await newA())).not.toContain(t.a3));
      expect((await newA()).counters.ACCEPTED).toBe(first.counters.ACCEPTED + 1);
    } finally {
      await stop();
    }
    expect(cache.listening).toBe(false);
  });
});
