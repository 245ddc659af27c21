import { STAND_BACKENDS } from '@domovoy/test-support/stand';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApi, type Client, type TestApi } from './helper.ts';

describe.each(STAND_BACKENDS)('registry for staff [$database] [$kv]', (backends) => {
  let t: TestApi;
  let manager: Client;
  let dispatcherA: Client;
  let chairA: Client;
  let accountant: Client;

  const audit = (entityId: string) =>
    t.db.prisma.auditLog.findMany({ where: { entityId }, orderBy: { id: 'asc' } });

  beforeAll(async () => {
    t = await buildTestApi(backends);
    // A chair of house A: reads the registry there, but not personal data.
    await t.db.prisma.staffRole.create({
      data: { staffUserId: t.fx.staff.guardB.id, role: 'CHAIR', houseId: t.fx.houseA },
    });
    [manager, dispatcherA, chairA, accountant] = await Promise.all([
      t.login('manager'),
      t.login('dispatcherA'),
      t.login('guardB'),
      t.login('accountant'),
    ]);
  });
  afterAll(() => t?.close());

  describe('houses', () => {
    it('a manager adds a house; it is audited and listed', async () => {
      const res = await manager.request({
        method: 'POST',
        url: '/api/houses',
        payload: { address: 'ул. Третья, 3', totalArea: '1500.5', timezone: 'Asia/Yekaterinburg' },
      });
      expect(res.statusCode).toBe(201);
      const house = res.json();
      expect(house).toMatchObject({
        address: 'ул. Третья, 3',
        totalArea: '1500.50',
        readingsWindowStartDay: 20,
      });
      const [row] = await audit(house.id);
      expect(row).toMatchObject({ action: 'house.create', before: null });
      expect(row?.after).toMatchObject({ address: 'ул. Третья, 3', timezone: 'Asia/Yekaterinburg' });
      const again = await manager.request({
        method: 'POST',
        url: '/api/houses',
        payload: { address: 'УЛ. ТРЕТЬЯ, 3' },
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.details.fields).toHaveProperty('address');
    });

    it('explains each invalid field, and a house-level dispatcher may not add houses', async () => {
      const bad = await manager.request({
        method: 'POST',
        url: '/api/houses',
        payload: {
          address: 'x',
          timezone: 'Mars/Olympus',
          readingsWindowStartDay: 25,
          readingsWindowEndDay: 20,
        },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details.fields).toEqual({
        address: 'the address must be at least 5 characters',
        timezone: 'unknown IANA time zone',
        readingsWindowEndDay: 'the readings window must start before it ends',
      });
      const denied = await dispatcherA.request({
        method: 'POST',
        url: '/api/houses',
        payload: { address: 'ул. Четвёртая, 4' },
      });
      expect(denied.statusCode).toBe(403);
    });
  });

  describe('entrances and premises', () => {
    let entrance1: string;

    it('entrances: unique number per house, search, audited edits, no delete while in use', async () => {
      const url = `/api/houses/${t.fx.houseA}/entrances`;
      const one = await manager.request({ method: 'POST', url, payload: { number: 1, floors: 9 } });
      expect(one.statusCode).toBe(201);
      entrance1 = one.json().id;
      expect((await manager.request({ method: 'POST', url, payload: { number: 2 } })).statusCode).toBe(201);
      const dup = await manager.request({ method: 'POST', url, payload: { number: 1 } });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().error.details.fields).toEqual({ number: 'entrance 1 already exists in this house' });
      const zero = await manager.request({ method: 'POST', url, payload: { number: 0 } });
      expect(zero.json().error.details.fields).toEqual({
        number: 'the entrance number must be between 1 and 999',
      });

      const listed = await dispatcherA.request({ method: 'GET', url: `${url}?search=2` });
      expect(listed.json()).toMatchObject({ total: 1, items: [{ number: 2, premisesCount: 0 }] });
      expect((await dispatcherA.request({ method: 'POST', url, payload: { number: 3 } })).statusCode).toBe(
        403,
      );
      expect(
        (await dispatcherA.request({ method: 'GET', url: `/api/houses/${t.fx.houseB}/entrances` }))
          .statusCode,
      ).toBe(403);

      const edit = await manager.request({
        method: 'PATCH',
        url: `/api/entrances/${entrance1}`,
        payload: { floors: 12 },
      });
      expect(edit.json()).toMatchObject({ number: 1, floors: 12 });
      expect((await audit(entrance1)).map((a) => [a.action, a.before, a.after])).toEqual([
        ['entrance.create', null, { id: entrance1, houseId: t.fx.houseA, number: 1, floors: 9 }],
        ['entrance.update', { floors: 9 }, { floors: 12 }],
      ]);
    });

    it('premises: number unique per house, area > 0 with 2 decimals, natural order, audited', async () => {
      const url = `/api/houses/${t.fx.houseA}/premises`;
      for (const number of ['10', '2', '12', '1Н']) {
        const res = await manager.request({
          method: 'POST',
          url,
          payload: {
            number,
            area: number === '12' ? 54.3 : '40,5',
            floor: 3,
            entranceId: entrance1,
            kind: number.endsWith('Н') ? 'NON_RESIDENTIAL' : 'FLAT',
          },
        });
        expect(res.statusCode, number).toBe(201);
      }
      const dup = await manager.request({ method: 'POST', url, payload: { number: '12', area: '10' } });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().error.details.fields).toEqual({ number: 'flat 12 already exists in this house' });
      for (const area of ['54.345', '0', '-3', 'много']) {
        const bad = await manager.request({ method: 'POST', url, payload: { number: '99', area } });
        expect(bad.statusCode, area).toBe(400);
        expect(bad.json().error.details.fields, area).toEqual({
          area: 'the area must be a number of m² above 0 with at most 2 decimals, e.g. 54.3',
        });
      }
      const floor = await manager.request({
        method: 'POST',
        url,
        payload: { number: '99', area: '1', floor: 1.5 },
      });
      expect(floor.statusCode).toBe(400);
      expect(floor.json().error.details.fields).toHaveProperty('floor');
      const otherEntrance = (
        await manager.request({
          method: 'POST',
          url: `/api/houses/${t.fx.houseB}/entrances`,
          payload: { number: 1 },
        })
      ).json().id;
      const wrongEntrance = await manager.request({
        method: 'POST',
        url,
        payload: { number: '98', area: '1', entranceId: otherEntrance },
      });
      expect(wrongEntrance.json().error.details.fields).toEqual({
        entranceId: 'no such entrance in this house',
      });

      const page1 = (await dispatcherA.request({ method: 'GET', url: `${url}?pageSize=3` })).json();
      expect(page1.total).toBe(4);
      expect(page1.items.map((p: { number: string }) => p.number)).toEqual(['1Н', '2', '10']);
      const page2 = (await dispatcherA.request({ method: 'GET', url: `${url}?pageSize=3&page=2` })).json();
      expect(page2.items).toEqual([
        expect.objectContaining({ number: '12', area: '54.30', floor: 3, entranceNumber: 1, kind: 'FLAT' }),
      ]);
      const found = (await dispatcherA.request({ method: 'GET', url: `${url}?search=1н` })).json();
      expect(found.items.map((p: { number: string }) => p.number)).toEqual(['1Н']);

      const flat12 = page2.items[0].id as string;
      const edit = await manager.request({
        method: 'PATCH',
        url: `/api/premises/${flat12}`,
        payload: { area: '55' },
      });
      expect(edit.json().area).toBe('55.00');
      const rows = await audit(flat12);
      expect(rows.map((a) => [a.action, a.before, a.after]).at(-1)).toEqual([
        'premises.update',
        { area: '54.30' },
        { area: '55.00' },
      ]);
      const refused = await manager.request({ method: 'DELETE', url: `/api/entrances/${entrance1}` });
      expect(refused.statusCode).toBe(409);
      expect(
        (
          await dispatcherA.request({
            method: 'PATCH',
            url: `/api/premises/${flat12}`,
            payload: { floor: 4 },
          })
        ).statusCode,
      ).toBe(403);
    });
  });

  describe('personal accounts', () => {
    let premisesId: string;
    beforeAll(async () => {
      premisesId = (
        await t.db.prisma.premises.create({ data: { houseId: t.fx.houseA, number: '20', area: '33.00' } })
      ).id;
    });

    it('6–12 digits unique in the organisation, persons ≥ 0, no invite code in registry views', async () => {
      const url = `/api/premises/${premisesId}/accounts`;
      const created = await manager.request({
        method: 'POST',
        url,
        payload: { number: '001234567', payerName: 'Иванов И. И.', registeredPersons: 2 },
      });
      expect(created.statusCode).toBe(201);
      const account = created.json();
      expect(account).toMatchObject({
        number: '001234567',
        registeredPersons: 2,
        closedAt: null,
        activeLinks: 0,
      });
      expect(account).not.toHaveProperty('inviteCode');
      const stored = await t.db.prisma.personalAccount.findUniqueOrThrow({ where: { id: account.id } });
      expect(stored.inviteCode).toMatch(/^[A-Z2-9]{10}$/);
      const [row] = await audit(account.id);
      expect(row?.action).toBe('account.create');
      expect(JSON.stringify(row?.after)).not.toContain(stored.inviteCode);

      const bad = await manager.request({
        method: 'POST',
        url,
        payload: { number: '12345', registeredPersons: -1 },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details.fields).toEqual({
        number: 'the account number must be 6 to 12 digits',
        registeredPersons: 'registered persons cannot be negative',
      });
      // Unique in the organisation: another house's premises cannot reuse it either.
      const inB = await t.db.prisma.premises.create({
        data: { houseId: t.fx.houseB, number: '20', area: '30' },
      });
      const dup = await manager.request({
        method: 'POST',
        url: `/api/premises/${inB.id}/accounts`,
        payload: { number: '001234567' },
      });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().error.details.fields).toEqual({
        number: 'account 001234567 already exists in the organisation',
      });
      expect(
        (await accountant.request({ method: 'POST', url, payload: { number: '7654321' } })).statusCode,
      ).toBe(403);

      const list = await dispatcherA.request({
        method: 'GET',
        url: `/api/houses/${t.fx.houseA}/accounts?search=Иванов`,
      });
      expect(list.json()).toMatchObject({ total: 1, items: [{ id: account.id, premisesNumber: '20' }] });
    });

    it('closing an account is audited and cannot happen twice', async () => {
      const account = await t.db.prisma.personalAccount.findFirstOrThrow({ where: { number: '001234567' } });
      const edit = await manager.request({
        method: 'PATCH',
        url: `/api/accounts/${account.id}`,
        payload: { registeredPersons: 3, payerName: null },
      });
      expect(edit.json()).toMatchObject({ registeredPersons: 3, payerName: null });
      expect((await audit(account.id)).at(-1)).toMatchObject({
        action: 'account.update',
        before: { registeredPersons: 2, payerName: 'Иванов И. И.' },
        after: { registeredPersons: 3, payerName: null },
      });
      const close = await manager.request({
        method: 'POST',
        url: `/api/accounts/${account.id}/close`,
        payload: {},
      });
      expect(close.statusCode).toBe(200);
      expect(close.json().closedAt).toEqual(expect.any(String));
      const again = await manager.request({
        method: 'POST',
        url: `/api/accounts/${account.id}/close`,
        payload: {},
      });
      expect(again.statusCode).toBe(409);
      const rows = await audit(account.id);
      expect(rows.at(-1)).toMatchObject({
        action: 'account.close',
        before: { closedAt: null },
        after: { closedAt: close.json().closedAt },
      });
      const open = await manager.request({
        method: 'GET',
        url: `/api/houses/${t.fx.houseA}/accounts?status=open`,
      });
      expect(open.json().items.map((a: { id: string }) => a.id)).not.toContain(account.id);
      const closed = await manager.request({
        method: 'GET',
        url: `/api/houses/${t.fx.houseA}/accounts?status=closed`,
      });
      expect(closed.json().items.map((a: { id: string }) => a.id)).toContain(account.id);
    });
  });

  describe('owners and shares', () => {
    let flat: string;
    let ivanova: string;
    beforeAll(async () => {
      flat = (
        await t.db.prisma.premises.create({ data: { houseId: t.fx.houseA, number: '30', area: '60.00' } })
      ).id;
    });

    it('adds owners with normalised phones and explains bad contacts', async () => {
      const res = await manager.request({
        method: 'POST',
        url: '/api/owners',
        payload: {
          fullName: 'Иванова Мария Петровна',
          phone: '8 (900) 123-45-67',
          email: 'Maria@Example.RU',
          ownership: { premisesId: flat, share: '1/2', document: '77-77/001-77/001/2020-1' },
        },
      });
      expect(res.statusCode).toBe(201);
      const owner = res.json();
      ivanova = owner.id;
      expect(owner).toMatchObject({
        phone: '+79001234567',
        email: 'maria@example.ru',
        contactsMasked: false,
        ownerships: [{ premisesId: flat, share: '1/2' }],
      });
      expect((await audit(ivanova))[0]).toMatchObject({
        action: 'owner.create',
        after: { fullName: 'Иванова Мария Петровна', phone: '+79001234567' },
      });
      const bad = await manager.request({
        method: 'POST',
        url: '/api/owners',
        payload: { fullName: 'И', phone: '12-34', email: 'not-mail', inn: '123' },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details.fields).toEqual({
        fullName: 'the full name is required',
        phone: 'not a phone number; write it like +7 900 123-45-67',
        email: 'not an e-mail address',
        inn: 'the INN must be 10 digits (organisation) or 12 digits (person)',
      });
    });

    it('refuses shares of a premises that would add up to more than 1, with what is left', async () => {
      const petrov = (
        await manager.request({
          method: 'POST',
          url: '/api/owners',
          payload: { fullName: 'Петров Пётр', ownership: { premisesId: flat, share: '1/3' } },
        })
      ).json();
      const sidorov = (
        await manager.request({ method: 'POST', url: '/api/owners', payload: { fullName: 'Сидоров Сидор' } })
      ).json();
      const tooMuch = await manager.request({
        method: 'POST',
        url: `/api/premises/${flat}/ownerships`,
        payload: { ownerId: sidorov.id, share: '1/3' },
      });
      expect(tooMuch.statusCode).toBe(400);
      const message =
        'the shares of flat 30 would add up to 7/6, more than the whole: 5/6 already belongs to other owners, 1/6 is left';
      expect(tooMuch.json().error).toMatchObject({
        message,
        details: { fields: { share: message }, left: '1/6' },
      });
      const badShare = await manager.request({
        method: 'POST',
        url: `/api/premises/${flat}/ownerships`,
        payload: { ownerId: sidorov.id, share: '3/2' },
      });
      expect(badShare.json().error.details.fields).toEqual({
        share: 'a share cannot be more than the whole (1)',
      });
      const fits = await manager.request({
        method: 'POST',
        url: `/api/premises/${flat}/ownerships`,
        payload: { ownerId: sidorov.id, share: '1/6' },
      });
      expect(fits.statusCode).toBe(201);
      expect(
        (await manager.request({ method: 'GET', url: `/api/premises/${flat}` })).json().sharesTotal,
      ).toBe('1');
      // Raising a share is checked the same way, without counting the share itself twice.
      const raise = await manager.request({
        method: 'PATCH',
        url: `/api/ownerships/${petrov.ownerships[0].id}`,
        payload: { share: '1/2' },
      });
      expect(raise.statusCode).toBe(400);
      // A sale: the ended ownership no longer counts, so the share can move to the buyer.
      const ended = await manager.request({
        method: 'PATCH',
        url: `/api/ownerships/${petrov.ownerships[0].id}`,
        payload: { validTo: '2020-01-31' },
      });
      expect(ended.statusCode).toBe(200);
      expect((await audit(petrov.ownerships[0].id)).at(-1)).toMatchObject({
        action: 'ownership.update',
        before: { validTo: null },
        after: { validTo: '2020-01-31' },
      });
      const moved = await manager.request({
        method: 'PATCH',
        url: `/api/ownerships/${fits.json().id}`,
        payload: { share: '1/2' },
      });
      expect(moved.statusCode).toBe(200);
    });

    it('masks phones and e-mails for a role without personal-data.read, in full otherwise', async () => {
      const byChair = await chairA.request({ method: 'GET', url: `/api/owners/${ivanova}` });
      expect(byChair.statusCode).toBe(200);
      expect(byChair.json()).toMatchObject({
        phone: '+7 900 ***-**-67',
        email: 'm***@example.ru',
        contactsMasked: true,
      });
      const premises = (await chairA.request({ method: 'GET', url: `/api/premises/${flat}` })).json();
      expect(
        premises.ownerships.find((o: { ownerId: string; owner: { phone: string } }) => o.ownerId === ivanova)
          .owner.phone,
      ).toBe('+7 900 ***-**-67');
      const list = (await chairA.request({ method: 'GET', url: '/api/owners?search=900123' })).json();
      expect(list.items).toEqual([expect.objectContaining({ id: ivanova, phone: '+7 900 ***-**-67' })]);
      for (const c of [manager, dispatcherA]) {
        expect((await c.request({ method: 'GET', url: `/api/owners/${ivanova}` })).json()).toMatchObject({
          phone: '+79001234567',
          contactsMasked: false,
        });
      }
    });

    it('deletes records entered by mistake (refusing ones still in use), audited', async () => {
      const empty = (
        await manager.request({
          method: 'POST',
          url: `/api/houses/${t.fx.houseA}/premises`,
          payload: { number: '777', area: '1' },
        })
      ).json();
      const mistake = (
        await manager.request({
          method: 'POST',
          url: '/api/owners',
          payload: { fullName: 'Ошибочный Владелец', ownership: { premisesId: empty.id, share: '1/100' } },
        })
      ).json();
      const inUse = await manager.request({ method: 'DELETE', url: `/api/owners/${mistake.id}` });
      expect(inUse.statusCode).toBe(409);
      expect(inUse.json().error.details).toEqual({ ownerships: 1, votes: 0 });
      expect((await manager.request({ method: 'DELETE', url: `/api/premises/${empty.id}` })).statusCode).toBe(
        409,
      );
      const ownershipId = mistake.ownerships[0].id;
      expect(
        (await manager.request({ method: 'DELETE', url: `/api/ownerships/${ownershipId}` })).statusCode,
      ).toBe(204);
      expect((await manager.request({ method: 'DELETE', url: `/api/owners/${mistake.id}` })).statusCode).toBe(
        204,
      );
      expect((await audit(ownershipId)).map((a) => a.action)).toEqual([
        'ownership.create',
        'ownership.delete',
      ]);
      expect((await audit(mistake.id)).at(-1)).toMatchObject({
        action: 'owner.delete',
        before: { fullName: 'Ошибочный Владелец' },
        after: null,
      });
      expect(
        (await dispatcherA.request({ method: 'DELETE', url: `/api/premises/${empty.id}` })).statusCode,
      ).toBe(403);
      expect((await manager.request({ method: 'DELETE', url: `/api/premises/${empty.id}` })).statusCode).toBe(
        204,
      );
      expect((await audit(empty.id)).map((a) => a.action)).toEqual(['premises.create', 'premises.delete']);
    });

    it('owner edits are audited with before/after; scoped readers see their houses only', async () => {
      const edit = await manager.request({
        method: 'PATCH',
        url: `/api/owners/${ivanova}`,
        payload: { phone: '+7 (911) 000-00-01' },
      });
      expect(edit.statusCode).toBe(200);
      expect((await audit(ivanova)).at(-1)).toMatchObject({
        action: 'owner.update',
        before: { phone: '+79001234567' },
        after: { phone: '+79110000001' },
      });
      const denied = await dispatcherA.request({
        method: 'PATCH',
        url: `/api/owners/${ivanova}`,
        payload: { email: null },
      });
      expect(denied.statusCode, denied.body).toBe(403);
      const inB = await t.db.prisma.premises.create({
        data: { houseId: t.fx.houseB, number: '31', area: '30' },
      });
      await manager.request({
        method: 'POST',
        url: '/api/owners',
        payload: { fullName: 'Житель Б', ownership: { premisesId: inB.id, share: '1' } },
      });
      const seenByA = (await dispatcherA.request({ method: 'GET', url: '/api/owners?pageSize=100' })).json();
      expect(seenByA.items.map((o: { fullName: string }) => o.fullName)).not.toContain('Житель Б');
      expect(seenByA.items.map((o: { fullName: string }) => o.fullName)).toContain('Иванова Мария Петровна');
      const filtered = await dispatcherA.request({
        method: 'GET',
        url: `/api/owners?houseId=${t.fx.houseB}`,
      });
      expect(filtered.statusCode).toBe(403);
    });
  });
});
