import type { Database } from '@domovoy/prisma';

/** A small registry for tests: one organisation, one house, flats with accounts, owners and invite codes. */
export async function seedSmallRegistry(db: Database, options: { flats?: number; timezone?: string } = {}) {
  const org = await db.prisma.organization.create({
    data: {
      kind: 'TSZH',
      name: 'ТСЖ «Тестовый дом»',
      inn: '7700000002',
      bankAccount: '40703810000000000002',
      bankName: 'Тестбанк',
      bic: '044525001',
      corrAccount: '30101810000000000001',
      address: 'Москва, ул. Тестовая, 5',
    },
  });
  const house = await db.prisma.house.create({
    data: {
      organizationId: org.id,
      address: 'ул. Тестовая, 5',
      totalArea: '500.00',
      timezone: options.timezone ?? 'Europe/Moscow',
      emergencyPhone: '+7 495 111-22-33',
    },
  });
  const flats = [];
  for (let i = 1; i <= (options.flats ?? 3); i++) {
    const premises = await db.prisma.premises.create({
      data: { houseId: house.id, number: String(i), area: '50.00', floor: 1 },
    });
    const account = await db.prisma.personalAccount.create({
      data: {
        organizationId: org.id,
        premisesId: premises.id,
        number: String(100000 + i),
        inviteCode: `TESTCODE${String(i).padStart(2, '0')}`,
        registeredPersons: 2,
      },
    });
    const owner = await db.prisma.owner.create({
      data: { organizationId: org.id, fullName: `Собственник ${i}`, phone: `+7900000000${i}` },
    });
    await db.prisma.ownership.create({ data: { ownerId: owner.id, premisesId: premises.id } });
    flats.push({ premises, account, owner });
  }
  return { org, house, flats };
}
