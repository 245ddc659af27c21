import { createTestDatabase, DATABASE_BACKENDS, type TestDatabase } from '@domovoy/test-support/backends';
import { seedSmallRegistry } from '@domovoy/test-support/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainDeps } from '../src/context.ts';
import { isAppError } from '../src/errors/app-error.ts';
import type { StaffRoleName } from '../src/permissions/policy.ts';
import type { StaffActor } from '../src/staff/staff-actor.ts';
import { acceptTicketAssignment } from '../src/tickets/accept-assignment.ts';
import { changeTicketStatus } from '../src/tickets/change-ticket-status.ts';
import { createResidentTicket } from '../src/tickets/create-resident-ticket.ts';
import { assignTicket } from '../src/tickets/inbox/assign-ticket.ts';
import { replyToTicket } from '../src/tickets/reply-to-ticket.ts';
import { reopenResidentTicket } from '../src/tickets/resident-ticket-status.ts';
import { slaView } from '../src/tickets/sla/sla-state.ts';

/**
 * The executor's status steps and the first response, against a database: the assigned executor walks their own
 * ticket new → accepted → in progress → done through the life cycle, nobody else's and no other way; the first
 * reply the resident gets stops the reaction clock, a note does not.
 *
 * The clock stands at Monday 23.11.2026 10:00 in Moscow (07:00Z), inside the house's working hours.
 */
const NOW = new Date('2026-11-23T07:00:00Z');
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

describe.each(DATABASE_BACKENDS)('executor status steps and the first response [%s]', (backend) => {
  let db: TestDatabase;
  const clock = { now: NOW };
  let deps: DomainDeps;
  let registry: Awaited<ReturnType<typeof seedSmallRegistry>>;
  const actors = {} as Record<'dispatcher' | 'plumber' | 'electrician', StaffActor>;
  let flat: { telegramUserId: bigint; accountId: string };

  const refusal = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      if (isAppError(error)) return { code: error.code, ...error.details };
      throw error;
    }
    throw new Error('expected a refusal');
  };
  const open = async (description: string) => {
    const { id } = await createResidentTicket(deps, { ...flat, category: 'PLUMBING', description });
    return id;
  };
  const ticket = (id: string) => db.prisma.ticket.findUniqueOrThrow({ where: { id } });
  const statusHistory = (id: string) =>
    db.prisma.ticketHistory.findMany({
      where: { ticketId: id, field: 'status', actorKind: 'STAFF' },
      orderBy: { id: 'asc' },
      select: { actorStaffId: true, fromValue: true, toValue: true },
    });

  beforeAll(async () => {
    db = await createTestDatabase(backend);
    deps = { db, now: () => clock.now };
    registry = await seedSmallRegistry(db, { flats: 1 });
    await db.prisma.slaRule.create({
      data: {
        organizationId: registry.org.id,
        urgency: 'NORMAL',
        reactionMinutes: 120,
        resolutionMinutes: 960,
      },
    });
    const staff = async (key: keyof typeof actors, role: StaffRoleName) => {
      const grants = [{ role, houseId: registry.house.id }];
      const user = await db.prisma.staffUser.create({
        data: {
          organizationId: registry.org.id,
          email: `${key}@executor.test`,
          fullName: key,
          passwordHash: 'x',
          roles: { create: grants },
        },
      });
      actors[key] = { staffUserId: user.id, organizationId: registry.org.id, grants };
    };
    await staff('dispatcher', 'DISPATCHER');
    await staff('plumber', 'EXECUTOR');
    await staff('electrician', 'EXECUTOR');
    const resident = await db.prisma.resident.create({
      data: { telegramUserId: 6001n, chatId: 6001n, firstName: 'Анна', languageCode: 'ru' },
    });
    const accountId = registry.flats[0]!.account.id;
    await db.prisma.residentAccountLink.create({
      data: { residentId: resident.id, accountId, role: 'OWNER', linkedVia: 'INVITE' },
    });
    flat = { telegramUserId: 6001n, accountId };
  });
  afterAll(() => db?.destroy());

  it('the assigned executor accepts a new ticket, starts work and finishes it; the resident hears each step', async () => {
    clock.now = NOW;
    const id = await open('течёт кран');
    await assignTicket(deps, actors.dispatcher, { ticketId: id, assigneeId: actors.plumber.staffUserId });

    clock.now = minutes(30);
    const accepted = await acceptTicketAssignment(deps, actors.plumber, { ticketId: id });
    expect(accepted).toMatchObject({ alreadyAccepted: false, status: 'ACCEPTED' });
    // Accepting is the first reaction: the reaction clock stops and shows the deadline met.
    expect(await ticket(id)).toMatchObject({ status: 'ACCEPTED', reactedAt: minutes(30) });
    expect(slaView(await ticket(id), minutes(31)).reaction).toBe('met');

    clock.now = minutes(40);
    await changeTicketStatus(deps, actors.plumber, { ticketId: id, status: 'IN_PROGRESS' });
    clock.now = minutes(90);
    await changeTicketStatus(deps, actors.plumber, { ticketId: id, status: 'DONE' });
    expect(await ticket(id)).toMatchObject({
      status: 'DONE',
      resolvedAt: minutes(90),
      reactedAt: minutes(30),
    });
    const plumber = actors.plumber.staffUserId;
    expect(await statusHistory(id)).toEqual([
      { actorStaffId: plumber, fromValue: 'NEW', toValue: 'ACCEPTED' },
      { actorStaffId: plumber, fromValue: 'ACCEPTED', toValue: 'IN_PROGRESS' },
      { actorStaffId: plumber, fromValue: 'IN_PROGRESS', toValue: 'DONE' },
    ]);
    const audit = await db.prisma.auditLog.findMany({
      where: { entityId: id, staffUserId: plumber },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((a) => a.action)).toEqual([
      'ticket.accept_assignment',
      'ticket.status',
      'ticket.status',
      'ticket.status',
    ]);
    const notices = await db.prisma.outboxMessage.findMany({
      where: { residentId: { not: null }, dedupeKey: { startsWith: `ticket-status:${id}:` } },
    });
    expect(notices).toHaveLength(3);

    // Taking it again changes nothing.
    clock.now = minutes(100);
    const again = await refusal(acceptTicketAssignment(deps, actors.plumber, { ticketId: id }));
    expect(again).toMatchObject({ code: 'INVALID_STATE', what: 'ticket_finished' });
  });

  it('a ticket already accepted by the dispatcher stays accepted; taking it twice records nothing', async () => {
    clock.now = NOW;
    const id = await open('капает из трубы');
    await changeTicketStatus(deps, actors.dispatcher, { ticketId: id, status: 'ACCEPTED' });
    await assignTicket(deps, actors.dispatcher, { ticketId: id, assigneeId: actors.plumber.staffUserId });
    clock.now = minutes(10);
    expect(await acceptTicketAssignment(deps, actors.plumber, { ticketId: id })).toMatchObject({
      alreadyAccepted: false,
      status: 'ACCEPTED',
    });
    expect(await acceptTicketAssignment(deps, actors.plumber, { ticketId: id })).toMatchObject({
      alreadyAccepted: true,
      status: 'ACCEPTED',
    });
    expect(await statusHistory(id)).toEqual([
      { actorStaffId: actors.dispatcher.staffUserId, fromValue: 'NEW', toValue: 'ACCEPTED' },
    ]);
    expect(await db.prisma.ticketHistory.count({ where: { ticketId: id, field: 'assignee_accepted' } })).toBe(
      1,
    );
    // The dispatcher's acceptance was the reaction; the executor's does not move it.
    expect((await ticket(id)).reactedAt).toEqual(NOW);
  });

  it('an executor moves neither a colleague’s ticket nor an unassigned one, and no step outside the graph', async () => {
    clock.now = NOW;
    const id = await open('нет воды');
    const unassigned = await open('шумит стояк');
    await assignTicket(deps, actors.dispatcher, { ticketId: id, assigneeId: actors.plumber.staffUserId });

    // One at a time: a refusal started before its turn would reject with nobody awaiting it yet.
    for (const attempt of [
      () => changeTicketStatus(deps, actors.electrician, { ticketId: id, status: 'ACCEPTED' }),
      () => acceptTicketAssignment(deps, actors.electrician, { ticketId: id }),
      () => changeTicketStatus(deps, actors.plumber, { ticketId: unassigned, status: 'ACCEPTED' }),
      () => acceptTicketAssignment(deps, actors.plumber, { ticketId: unassigned }),
    ]) {
      expect(await refusal(attempt())).toMatchObject({ code: 'FORBIDDEN' });
    }

    // Straight to work without accepting, cancelling, closing: not the executor's moves.
    expect(
      await refusal(changeTicketStatus(deps, actors.plumber, { ticketId: id, status: 'IN_PROGRESS' })),
    ).toEqual({
      code: 'INVALID_STATE',
      what: 'ticket_transition',
      from: 'NEW',
      to: 'IN_PROGRESS',
      allowed: ['ACCEPTED'],
    });
    expect(
      await refusal(
        changeTicketStatus(deps, actors.plumber, { ticketId: id, status: 'CANCELLED', comment: 'не моё' }),
      ),
    ).toMatchObject({ code: 'INVALID_STATE', from: 'NEW', to: 'CANCELLED' });
    await acceptTicketAssignment(deps, actors.plumber, { ticketId: id });
    await changeTicketStatus(deps, actors.plumber, { ticketId: id, status: 'DONE' });
    expect(
      await refusal(changeTicketStatus(deps, actors.plumber, { ticketId: id, status: 'CLOSED' })),
    ).toMatchObject({ code: 'INVALID_STATE', from: 'DONE', to: 'CLOSED', allowed: [] });
    expect((await ticket(id)).status).toBe('DONE');
    expect((await ticket(unassigned)).status).toBe('NEW');
  });

  it('a ticket the resident reopened is accepted again by its executor', async () => {
    clock.now = NOW;
    const id = await open('снова течёт');
    await assignTicket(deps, actors.dispatcher, { ticketId: id, assigneeId: actors.plumber.staffUserId });
    await acceptTicketAssignment(deps, actors.plumber, { ticketId: id });
    await changeTicketStatus(deps, actors.plumber, { ticketId: id, status: 'DONE' });
    await reopenResidentTicket(deps, { telegramUserId: flat.telegramUserId, ticketId: id, reason: 'течёт' });
    expect((await ticket(id)).status).toBe('REOPENED');
    expect(await acceptTicketAssignment(deps, actors.plumber, { ticketId: id })).toMatchObject({
      alreadyAccepted: true,
      status: 'ACCEPTED',
    });
    await changeTicketStatus(deps, actors.plumber, { ticketId: id, status: 'IN_PROGRESS' });
    expect((await ticket(id)).status).toBe('IN_PROGRESS');
  });

  it('the first reply to the resident stops the reaction clock; an internal note does not, a later reply keeps it', async () => {
    clock.now = NOW;
    const id = await open('искрит розетка');
    const created = await ticket(id);
    expect(created.reactionDueAt).toEqual(minutes(120));
    expect(slaView(created, minutes(100)).reaction).toBe('at_risk');

    clock.now = minutes(20);
    await replyToTicket(deps, actors.dispatcher, { ticketId: id, text: 'перекройте', internal: true });
    expect((await ticket(id)).reactedAt).toBeNull();

    clock.now = minutes(45);
    await replyToTicket(deps, actors.dispatcher, { ticketId: id, text: 'Мастер будет в 12:00' });
    clock.now = minutes(60);
    await replyToTicket(deps, actors.dispatcher, { ticketId: id, text: 'Мастер выехал' });
    await changeTicketStatus(deps, actors.dispatcher, { ticketId: id, status: 'ACCEPTED' });
    const reacted = await ticket(id);
    expect(reacted).toMatchObject({ status: 'ACCEPTED', reactedAt: minutes(45) });
    // Long past the reaction deadline the clock still shows it met: it stopped at the first reply.
    expect(slaView(reacted, minutes(600)).reaction).toBe('met');
  });
});
