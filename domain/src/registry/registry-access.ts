import type { Tx } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { authorize, can, type Permission } from '../permissions/policy.ts';
import type { StaffActor } from '../staff/staff-actor.ts';

/**
 * Loading a registry object for a staff action: another organisation's object is reported as missing (its
 * existence is not ours to reveal), then the permission is checked in the object's house. `db` is the Prisma
 * client or the transaction of the action.
 */

export async function loadHouse(db: Tx, actor: StaffActor, houseId: string, permission: Permission) {
  const house = await db.house.findUnique({
    where: { id: houseId },
    select: { id: true, organizationId: true, address: true, timezone: true, archivedAt: true },
  });
  if (!house || house.organizationId !== actor.organizationId)
    throw new AppError('NOT_FOUND', 'house not found', { what: 'house' });
  authorize(actor, permission, { houseId });
  return house;
}

export async function loadEntrance(db: Tx, actor: StaffActor, entranceId: string, permission: Permission) {
  const entrance = await db.entrance.findUnique({
    where: { id: entranceId },
    select: {
      id: true,
      houseId: true,
      number: true,
      floors: true,
      house: { select: { organizationId: true } },
    },
  });
  if (!entrance || entrance.house.organizationId !== actor.organizationId)
    throw new AppError('NOT_FOUND', 'entrance not found', { what: 'entrance' });
  authorize(actor, permission, { houseId: entrance.houseId });
  const { house: _house, ...rest } = entrance;
  return rest;
}

export async function loadPremises(db: Tx, actor: StaffActor, premisesId: string, permission: Permission) {
  const premises = await db.premises.findUnique({
    where: { id: premisesId },
    select: {
      id: true,
      houseId: true,
      entranceId: true,
      kind: true,
      number: true,
      area: true,
      floor: true,
      entrance: { select: { number: true } },
      house: { select: { organizationId: true, address: true, timezone: true } },
    },
  });
  if (!premises || premises.house.organizationId !== actor.organizationId)
    throw new AppError('NOT_FOUND', 'premises not found', { what: 'premises' });
  authorize(actor, permission, { houseId: premises.houseId });
  return premises;
}

export async function loadAccount(db: Tx, actor: StaffActor, accountId: string, permission: Permission) {
  const account = await db.personalAccount.findUnique({
    where: { id: accountId },
    select: {
      id: true,
      organizationId: true,
      premisesId: true,
      number: true,
      payerName: true,
      registeredPersons: true,
      inviteCode: true,
      inviteCodeIssuedAt: true,
      closedAt: true,
      premises: {
        select: {
          houseId: true,
          number: true,
          kind: true,
          house: { select: { address: true, timezone: true } },
        },
      },
    },
  });
  if (!account || account.organizationId !== actor.organizationId)
    throw new AppError('NOT_FOUND', 'account not found', { what: 'account' });
  authorize(actor, permission, { houseId: account.premises.houseId });
  return account;
}

/**
 * An owner is an organisation-level record tied to houses through ownerships. Reading needs the permission in
 * one of those houses; changing needs it in all of them, because the change shows in each (an owner with no
 * ownership needs an organisation-wide grant either way).
 */
export async function loadOwner(
  db: Tx,
  actor: StaffActor,
  ownerId: string,
  permission: Permission,
  needed: 'any-house' | 'every-house',
) {
  const owner = await db.owner.findUnique({
    where: { id: ownerId },
    select: {
      id: true,
      organizationId: true,
      kind: true,
      fullName: true,
      phone: true,
      email: true,
      inn: true,
      ownerships: { select: { premises: { select: { houseId: true } } } },
    },
  });
  if (!owner || owner.organizationId !== actor.organizationId)
    throw new AppError('NOT_FOUND', 'owner not found', { what: 'owner' });
  const houseIds = [...new Set(owner.ownerships.map((o) => o.premises.houseId))];
  if (houseIds.length === 0) authorize(actor, permission, { houseId: null });
  else if (needed === 'every-house')
    for (const houseId of houseIds) authorize(actor, permission, { houseId });
  else if (!houseIds.some((houseId) => can(actor, permission, { houseId })))
    throw new AppError('FORBIDDEN', `not allowed: ${permission}`, { permission });
  const { ownerships: _ownerships, ...rest } = owner;
  return { ...rest, houseIds };
}

/** One collator for the process: `localeCompare` with options builds one per comparison, thousands per list. */
const NATURAL = new Intl.Collator('ru', { numeric: true, sensitivity: 'base' });

/** Natural order of flat numbers: "2" < "10" < "10А" < "1Н"-style numbers without leading digits last. */
export function compareNumbers(a: string, b: string): number {
  return NATURAL.compare(a, b);
}
