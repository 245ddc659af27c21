import { STAND_BACKENDS } from '@domovoy/test-support/stand';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountWithKey, innWithCheckDigit } from '../../domain/src/organizations/requisites.ts';
import { buildTestApi, type Client, type TestApi } from './helper.ts';

interface Organization {
  name: string;
  address: string;
  inn: string;
  phone: string | null;
  bic: string;
  bankAccount: string;
  corrAccount: string;
  bankName: string;
  updatedAt: string;
}

// A real-shaped bank block: the BIC of a bank in Moscow and both accounts keyed to it.
const BIC = '044525225';
const ACCOUNT = accountWithKey(BIC.slice(-3), '40702810038000012345');
const CORR = accountWithKey(`0${BIC.slice(4, 6)}`, '30101810400000000225');

describe.each(STAND_BACKENDS)('organisation requisites [$database] [$kv]', (backends) => {
  let t: TestApi;
  let admin: Client;

  const get = async (as: Client) => {
    const res = await as.request({ method: 'GET', url: '/api/organization' });
    return { status: res.statusCode, body: res.json() as Organization };
  };
  const patch = async (as: Client, payload: Record<string, unknown>) => {
    const res = await as.request({ method: 'PATCH', url: '/api/organization', payload });
    return { status: res.statusCode, body: res.json() };
  };

  beforeAll(async () => {
    t = await buildTestApi(backends);
    admin = await t.login('admin');
  });
  afterAll(() => t?.close());

  it('the admin reads the requisites and corrects a phone, even with an old account nobody touched', async () => {
    const before = await get(admin);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ name: 'ООО «УК Тест»', inn: '7700000001', phone: null });
    // The fixture's account has no valid control key; the phone change does not concern it.
    const res = await patch(admin, { phone: ' +7 495 123-45-67 ' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ phone: '+7 495 123-45-67', bankAccount: before.body.bankAccount });
  });

  it('a change of bank is checked as a whole; a wrong key is refused by field and nothing is saved', async () => {
    const wrong = await patch(admin, { bic: BIC, bankAccount: '40702810038000012345', corrAccount: CORR });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.fields).toEqual({ bankAccount: 'control key does not match the BIC' });
    // The BIC alone, leaving the old accounts: they no longer fit it.
    const bicOnly = await patch(admin, { bic: BIC });
    expect(bicOnly.status).toBe(400);
    expect(Object.keys(bicOnly.body.error.details.fields).sort()).toEqual(['bankAccount', 'corrAccount']);
    expect((await get(admin)).body.bic).toBe('044525000');

    const res = await patch(admin, {
      bic: BIC,
      bankAccount: ACCOUNT,
      corrAccount: CORR,
      bankName: 'ПАО Сбербанк',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ bic: BIC, bankAccount: ACCOUNT, corrAccount: CORR });

    const audit = await admin.request({ method: 'GET', url: '/api/audit?entityType=organization' });
    expect(audit.json().items[0]).toMatchObject({
      action: 'organization.update',
      staffUser: { id: t.fx.staff.admin.id },
      before: { bic: '044525000', bankAccount: '40702810000000000001', bankName: 'Тестбанк' },
      after: { bic: BIC, bankAccount: ACCOUNT, corrAccount: CORR, bankName: 'ПАО Сбербанк' },
    });
  });

  it('checks the INN and OGRN by their check digits and clears optional fields with null or blank', async () => {
    const inn = await patch(admin, { inn: '7700000002' });
    expect(inn.status).toBe(400);
    expect(inn.body.error.details.fields).toHaveProperty('inn');
    const ogrn = await patch(admin, { ogrn: '1027700000001' });
    expect(ogrn.status).toBe(400);
    expect(ogrn.body.error.details.fields).toHaveProperty('ogrn');
    const good = await patch(admin, { inn: innWithCheckDigit('770000000'), ogrn: '1027700132195', kpp: '' });
    expect(good.status, JSON.stringify(good.body)).toBe(200);
    expect(good.body).toMatchObject({
      inn: innWithCheckDigit('770000000'),
      ogrn: '1027700132195',
      kpp: null,
    });
    expect((await patch(admin, { phone: null })).body.phone).toBeNull();
    expect((await patch(admin, { timezone: 'Mars/Olympus' })).status).toBe(400);
    expect((await patch(admin, { website: 'x' })).status).toBe(400);
  });

  it('treats a blank optional field as none and does not re-check a stored value nobody touched', async () => {
    const res = await patch(admin, { kpp: '   ', email: '  ', shortName: ' ' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ kpp: null, email: null, shortName: null });
    expect((await patch(admin, { email: 'not an email' })).status).toBe(400);
    // A value stored before these rules (here written straight to the table) holds no other change back.
    await t.db.prisma.organization.update({ where: { id: t.fx.orgId }, data: { email: 'old@' } });
    const phone = await patch(admin, { phone: '+7 495 765-43-21' });
    expect(phone.status, JSON.stringify(phone.body)).toBe(200);
    expect(phone.body).toMatchObject({ phone: '+7 495 765-43-21', email: 'old@' });
  });

  it('of two saves made at once from the same version, one lands and the other is refused as stale', async () => {
    const seen = (await get(admin)).body.updatedAt;
    const other = await t.login('admin');
    const results = await Promise.all([
      patch(admin, { address: 'Москва, ул. Первая, 1', expectedUpdatedAt: seen }),
      patch(other, { address: 'Москва, ул. Вторая, 2', expectedUpdatedAt: seen }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200)!.body as { address: string };
    expect((await get(admin)).body).toMatchObject({ address: winner.address });
  });

  it('refuses a save over a newer change', async () => {
    const seen = (await get(admin)).body.updatedAt;
    expect((await patch(admin, { name: 'ООО «УК Тест-2»', expectedUpdatedAt: seen })).status).toBe(200);
    const stale = await patch(admin, { name: 'ООО «УК Тест-3»', expectedUpdatedAt: seen });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.what).toBe('stale');
    expect((await get(admin)).body.name).toBe('ООО «УК Тест-2»');
  });

  it('is the organisation-wide admin’s alone', async () => {
    for (const who of ['manager', 'accountant'] as const) {
      const as = await t.login(who);
      expect((await get(as)).status, who).toBe(403);
      expect((await patch(as, { phone: '+7 000' })).status, who).toBe(403);
    }
    const houseAdmin = await t.loginNewStaff('house-admin@test.local', [
      { role: 'ADMIN', houseId: t.fx.houseA },
    ]);
    expect((await get(houseAdmin)).status).toBe(403);
  });
});
