import { STAND_BACKENDS } from '@domovoy/test-support/stand';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApi, type TestApi } from './helper.ts';

describe.each(STAND_BACKENDS)('tickets for staff [$database] [$kv]', (backends) => {
  let t: TestApi;
  let ticketA: string;
  let ticketB: string;
  beforeAll(async () => {
    t = await buildTestApi(backends);
    ticketA = (await t.db.prisma.ticket.findFirstOrThrow({ where: { houseId: t.fx.houseA } })).id;
    ticketB = (await t.db.prisma.ticket.findFirstOrThrow({ where: { houseId: t.fx.houseB } })).id;
  });
  afterAll(() => t?.close());

  it('a dispatcher moves a ticket of their house along the allowed graph, and nothing else', async () => {
    const c = await t.login('dispatcherA');
    const ok = await c.request({
      method: 'POST',
      url: `/api/tickets/${ticketA}/status`,
      payload: { status: 'ACCEPTED' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ number: 1, status: 'ACCEPTED' });
    const skip = await c.request({
      method: 'POST',
      url: `/api/tickets/${ticketA}/status`,
      payload: { status: 'CLOSED' },
    });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error).toMatchObject({
      code: 'INVALID_STATE',
      details: { from: 'ACCEPTED', to: 'CLOSED' },
    });
    const noReason = await c.request({
      method: 'POST',
      url: `/api/tickets/${ticketA}/status`,
      payload: { status: 'CANCELLED' },
    });
    expect(noReason.statusCode).toBe(400);
    const other = await c.request({
      method: 'POST',
      url: `/api/tickets/${ticketB}/status`,
      payload: { status: 'ACCEPTED' },
    });
    expect(other.statusCode).toBe(403);
    const history = await t.db.prisma.ticketHistory.findMany({ where: { ticketId: ticketA } });
    expect(history.map((h) => [h.fromValue, h.toValue])).toEqual([['NEW', 'ACCEPTED']]);
  });

  it('replies and internal notes are audited; an accountant cannot reply', async () => {
    const c = await t.login('dispatcherA');
    const res = await c.request({
      method: 'POST',
      url: `/api/tickets/${ticketA}/messages`,
      payload: { text: 'Придём завтра' },
    });
    expect(res.statusCode).toBe(200);
    const note = await c.request({
      method: 'POST',
      url: `/api/tickets/${ticketA}/messages`,
      payload: { text: 'позвонить УК', internal: true },
    });
    expect(note.json()).toMatchObject({ internal: true });
    const actions = (
      await t.db.prisma.auditLog.findMany({ where: { entityId: ticketA }, orderBy: { id: 'asc' } })
    ).map((a) => a.action);
    expect(actions).toEqual(['ticket.status', 'ticket.reply', 'ticket.note']);
    const accountant = await t.login('accountant');
    expect(
      (
        await accountant.request({
          method: 'POST',
          url: `/api/tickets/${ticketA}/messages`,
          payload: { text: 'x' },
        })
      ).statusCode,
    ).toBe(403);
  });
});
