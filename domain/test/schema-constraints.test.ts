import { createTestDatabase, DATABASE_BACKENDS, type TestDatabase } from '@domovoy/test-support/backends';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../src/errors/app-error.ts';
import { withDatabaseErrors } from '../src/errors/database-error.ts';

/** Rejects with an AppError of the given code (and, for constraint errors, the Prisma code underneath). */
async function expectAppError(operation: () => Promise<unknown>, code: AppError['code']) {
  const error = await withDatabaseErrors(operation).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected the operation to be refused').toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}

describe.each(DATABASE_BACKENDS)('schema constraints [%s]', (backend) => {
  let db: TestDatabase;
  let orgId: string;
  let houseId: string;
  let premisesId: string;

  beforeAll(async () => {
    db = await createTestDatabase(backend);
    const org = await db.prisma.organization.create({
      data: {
        kind: 'TSZH',
        name: 'ТСЖ «Ромашка»',
        inn: '7701234567',
        kpp: '770101001',
        bankAccount: '40703810000000000001',
        bankName: 'ПАО Банк',
        bic: '044525225',
        corrAccount: '30101810400000000225',
        address: 'Москва, ул. Ленина, 1',
      },
    });
    orgId = org.id;
    const house = await db.prisma.house.create({
      data: { organizationId: orgId, address: 'ул. Ленина, 1', totalArea: '3500.50' },
    });
    houseId = house.id;
    const premises = await db.prisma.premises.create({
      data: { houseId, number: '1', area: '54.30', floor: 1 },
    });
    premisesId = premises.id;
  });
  afterAll(() => db?.destroy());

  it('keeps areas exact (no float rounding)', async () => {
    const p = await db.prisma.premises.create({ data: { houseId, number: '2', area: '0.10' } });
    const q = await db.prisma.premises.create({ data: { houseId, number: '3', area: '0.20' } });
    expect(p.area.plus(q.area).toString()).toBe('0.3');
  });

  it('refuses a second flat with the same number in a house', async () => {
    await expectAppError(
      () => db.prisma.premises.create({ data: { houseId, number: '1', area: '10.00' } }),
      'CONFLICT',
    );
  });

  it('refuses a duplicate personal account number within the organisation', async () => {
    await db.prisma.personalAccount.create({
      data: { organizationId: orgId, premisesId, number: '100001', inviteCode: 'INV-A' },
    });
    await expectAppError(
      () =>
        db.prisma.personalAccount.create({
          data: { organizationId: orgId, premisesId, number: '100001', inviteCode: 'INV-B' },
        }),
      'CONFLICT',
    );
    await expectAppError(
      () =>
        db.prisma.personalAccount.create({
          data: { organizationId: orgId, premisesId, number: '100002', inviteCode: 'INV-A' },
        }),
      'CONFLICT',
    );
  });

  it('refuses orphans: a flat of a house that does not exist', async () => {
    await expectAppError(
      () => db.prisma.premises.create({ data: { houseId: 'no-such-house', number: '9', area: '1.00' } }),
      'VALIDATION',
    );
  });

  it('refuses deleting a house that still has flats', async () => {
    await expectAppError(() => db.prisma.house.delete({ where: { id: houseId } }), 'VALIDATION');
    expect(await db.prisma.house.count({ where: { id: houseId } })).toBe(1);
  });

  it('refuses a second reading of one meter, period and zone', async () => {
    const meter = await db.prisma.meter.create({
      data: {
        premisesId,
        type: 'ELECTRICITY',
        serial: 'E-1',
        zones: 2,
        installedAt: new Date('2024-01-01'),
        verificationDueAt: new Date('2032-01-01'),
      },
    });
    const reading = {
      meterId: meter.id,
      period: new Date('2026-10-01'),
      zone: 1,
      value: '1234.500',
      source: 'RESIDENT' as const,
    };
    await db.prisma.meterReading.create({ data: reading });
    await db.prisma.meterReading.create({ data: { ...reading, zone: 2 } });
    await expectAppError(() => db.prisma.meterReading.create({ data: reading }), 'CONFLICT');
    await expectAppError(
      () =>
        db.prisma.meter.create({
          data: {
            premisesId,
            type: 'ELECTRICITY',
            serial: 'E-1',
            installedAt: new Date('2024-01-01'),
            verificationDueAt: new Date('2032-01-01'),
          },
        }),
      'CONFLICT',
    );
  });

  it('refuses two residents with one Telegram account, and two outbox rows with one dedupe key', async () => {
    await db.prisma.resident.create({
      data: { telegramUserId: 42n, chatId: 42n, firstName: 'A', languageCode: 'ru' },
    });
    await expectAppError(
      () =>
        db.prisma.resident.create({
          data: { telegramUserId: 42n, chatId: 42n, firstName: 'B', languageCode: 'ru' },
        }),
      'CONFLICT',
    );
    const row = { dedupeKey: 'ticket:1:reply:1', chatId: 42n, kind: 'TICKET_REPLY', payload: { text: 'x' } };
    await db.prisma.outboxMessage.create({ data: row });
    await expectAppError(() => db.prisma.outboxMessage.create({ data: row }), 'CONFLICT');
  });

  it('rejects an impossible ownership share with a database check', async () => {
    const owner = await db.prisma.owner.create({ data: { organizationId: orgId, fullName: 'Иванов И. И.' } });
    await expect(
      db.prisma.ownership.create({
        data: { ownerId: owner.id, premisesId, shareNumerator: 3, shareDenominator: 2 },
      }),
    ).rejects.toThrow();
    await db.prisma.ownership.create({
      data: { ownerId: owner.id, premisesId, shareNumerator: 1, shareDenominator: 3 },
    });
    await expectAppError(
      () =>
        db.prisma.ownership.create({
          data: { ownerId: owner.id, premisesId, shareNumerator: 1, shareDenominator: 3 },
        }),
      'CONFLICT',
    );
  });
});
