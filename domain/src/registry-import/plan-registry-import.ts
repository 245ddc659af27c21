import type { SqlExecutor } from '@domovoy/prisma';
import { AppError } from '../errors/app-error.ts';
import { authorize } from '../permissions/policy.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { IssueList, type RegistryIssue } from './issues.ts';
import { createUuid7, textArray } from './sql-bulk.ts';
import { fractionText, meterKey, type RegistryModel } from './validate-registry.ts';
import {
  canonicalDecimal,
  codeKey,
  type MeterTypeName,
  type OwnerKindName,
  type PremisesKindName,
  textKey,
} from './values.ts';

export const REGISTRY_ENTITIES = [
  'houses',
  'entrances',
  'premises',
  'accounts',
  'owners',
  'ownerships',
  'meters',
  'readings',
] as const;
export type RegistryEntity = (typeof REGISTRY_ENTITIES)[number];
export interface EntityCounts {
  create: number;
  update: number;
  unchanged: number;
}
export type RegistrySummary = Record<RegistryEntity, EntityCounts>;

/** Rows to write, ids already assigned (new ids are UUIDv7 made here so that references resolve before insert). */
export interface RegistryWrites {
  houses: { id: string; address: string; timezone: string; totalArea: string }[];
  entrances: { id: string; houseId: string; number: number }[];
  premisesCreate: {
    id: string;
    houseId: string;
    entranceId: string | null;
    kind: PremisesKindName;
    number: string;
    area: string;
    floor: number | null;
  }[];
  premisesUpdate: {
    id: string;
    entranceId: string | null;
    kind: string;
    area: string;
    floor: number | null;
  }[];
  accountsCreate: {
    id: string;
    premisesId: string;
    number: string;
    payerName: string | null;
    registeredPersons: number;
  }[];
  accountsUpdate: { id: string; registeredPersons: number }[];
  ownersCreate: { id: string; kind: OwnerKindName; fullName: string; phone: string | null }[];
  ownersUpdate: { id: string; kind: string; phone: string | null }[];
  ownershipsCreate: { id: string; ownerId: string; premisesId: string; n: number; d: number }[];
  ownershipsUpdate: { id: string; n: number; d: number }[];
  metersCreate: {
    id: string;
    premisesId: string;
    accountId: string | null;
    type: MeterTypeName;
    serial: string;
    integerDigits: number;
    fractionDigits: number;
    zones: number;
    installedAt: string;
    initialValues: string[];
    verificationDueAt: string;
  }[];
  metersUpdate: {
    id: string;
    integerDigits: number;
    fractionDigits: number;
    zones: number;
    installedAt: string;
    verificationDueAt: string;
  }[];
  readingsCreate: { id: string; meterId: string; period: string; zone: number; value: string }[];
  readingsUpdate: { id: string; value: string }[];
}

export interface RegistryPlan {
  organizationId: string;
  summary: RegistrySummary;
  /** Problems only the database shows (an account of another premises, shares with owners not in the file). */
  issues: RegistryIssue[];
  writes: RegistryWrites;
}

const DEFAULT_DIGITS = { integer: 5, fraction: 3 };

/**
 * Matches the file's entities to the organisation's by natural key (house address, entrance number, premises
 * number, account number, owner name within the premises or name + phone, meter type + serial within the
 * premises, reading meter + month + zone) and decides what to create, update or leave. Reads only.
 */
export async function planRegistryImport(
  sql: SqlExecutor,
  input: { organizationId: string; model: RegistryModel; actor?: StaffActor; today: string },
): Promise<RegistryPlan> {
  const { organizationId, model, actor, today } = input;
  const uuid = createUuid7();
  const issues = new IssueList();
  const summary = Object.fromEntries(
    REGISTRY_ENTITIES.map((e) => [e, { create: 0, update: 0, unchanged: 0 }]),
  ) as RegistrySummary;
  const writes: RegistryWrites = {
    houses: [],
    entrances: [],
    premisesCreate: [],
    premisesUpdate: [],
    accountsCreate: [],
    accountsUpdate: [],
    ownersCreate: [],
    ownersUpdate: [],
    ownershipsCreate: [],
    ownershipsUpdate: [],
    metersCreate: [],
    metersUpdate: [],
    readingsCreate: [],
    readingsUpdate: [],
  };

  const [org] = await sql.query<{ timezone: string }>('SELECT timezone FROM organizations WHERE id = $1', [
    organizationId,
  ]);
  if (!org) throw new AppError('NOT_FOUND', 'organisation not found', { organizationId });

  // Houses.
  const dbHouses = await sql.query<{ id: string; address: string }>(
    'SELECT id, address FROM houses WHERE organization_id = $1 ORDER BY created_at, id',
    [organizationId],
  );
  const houseByKey = new Map<string, string>();
  for (const h of dbHouses) if (!houseByKey.has(textKey(h.address))) houseByKey.set(textKey(h.address), h.id);
  const houseIds = new Map<string, string>(); // file house key → id
  for (const house of model.houses.values()) {
    const existing = houseByKey.get(house.key);
    if (actor) authorize(actor, 'registry.write', { houseId: existing ?? null });
    if (existing) {
      houseIds.set(house.key, existing);
      summary.houses.unchanged++;
    } else {
      const id = uuid();
      houseIds.set(house.key, id);
      let total = 0n;
      for (const p of house.premises.values()) total += hundredths(p.area);
      writes.houses.push({
        id,
        address: house.address,
        timezone: org.timezone,
        totalArea: fromHundredths(total),
      });
      summary.houses.create++;
    }
  }
  const newHouseIds = new Set(writes.houses.map((h) => h.id));
  const existingHouseIds = [...houseIds.values()].filter((id) => !newHouseIds.has(id));

  // Existing rows of those houses, loaded set-wise.
  const houseParam = textArray(existingHouseIds);
  const [dbEntrances, dbPremises] = await inSequence([
    () =>
      sql.query<{ id: string; house_id: string; number: number }>(
        'SELECT id, house_id, number FROM entrances WHERE house_id = ANY($1::text[])',
        [houseParam],
      ),
    () =>
      sql.query<{
        id: string;
        house_id: string;
        number: string;
        kind: string;
        area: string;
        floor: number | null;
        entrance_id: string | null;
      }>(
        'SELECT id, house_id, number, kind::text AS kind, area::text AS area, floor, entrance_id FROM premises WHERE house_id = ANY($1::text[])',
        [houseParam],
      ),
  ] as const);
  const entranceByKey = new Map(dbEntrances.map((e) => [`${e.house_id}\u0001${e.number}`, e.id]));
  const premisesByKey = new Map(dbPremises.map((p) => [`${p.house_id}\u0001${codeKey(p.number)}`, p]));
  const premisesIdsExisting = dbPremises.map((p) => p.id);

  const accountNumbers: string[] = [];
  const phones = new Set<string>();
  for (const house of model.houses.values()) {
    for (const p of house.premises.values()) {
      for (const a of p.accounts.keys()) accountNumbers.push(a);
      for (const o of p.owners.values()) if (o.phone) phones.add(o.phone);
    }
  }
  const premisesParam = textArray(premisesIdsExisting);
  const [dbAccounts, dbOwnerships, dbOwnersByPhone, dbMeters] = await inSequence([
    () =>
      sql.query<{
        id: string;
        number: string;
        premises_id: string;
        registered_persons: number;
        premises_number: string;
      }>(
        `SELECT a.id, a.number, a.premises_id, a.registered_persons, p.number AS premises_number
         FROM personal_accounts a JOIN premises p ON p.id = a.premises_id
        WHERE a.organization_id = $1 AND a.number = ANY($2::text[])`,
        [organizationId, textArray(accountNumbers)],
      ),
    () =>
      sql.query<{
        id: string;
        premises_id: string;
        owner_id: string;
        n: number;
        d: number;
        active: boolean;
        full_name: string;
        phone: string | null;
        kind: string;
      }>(
        `SELECT os.id, os.premises_id, os.owner_id, os.share_numerator AS n, os.share_denominator AS d,
              (os.valid_to IS NULL) AS active, o.full_name, o.phone, o.kind::text AS kind
         FROM ownerships os JOIN owners o ON o.id = os.owner_id
        WHERE os.premises_id = ANY($1::text[])`,
        [premisesParam],
      ),
    () =>
      sql.query<{ id: string; full_name: string; phone: string; kind: string }>(
        `SELECT id, full_name, phone, kind::text AS kind FROM owners
        WHERE organization_id = $1 AND phone = ANY($2::text[]) ORDER BY created_at, id`,
        [organizationId, textArray([...phones])],
      ),
    () =>
      sql.query<{
        id: string;
        premises_id: string;
        type: MeterTypeName;
        serial: string;
        zones: number;
        integer_digits: number;
        fraction_digits: number;
        verification_due_at: string;
        installed_at: string;
      }>(
        `SELECT id, premises_id, type::text AS type, serial, zones, integer_digits, fraction_digits,
              verification_due_at::text AS verification_due_at, installed_at::text AS installed_at
         FROM meters WHERE premises_id = ANY($1::text[])`,
        [premisesParam],
      ),
  ] as const);
  const accountByNumber = new Map(dbAccounts.map((a) => [a.number, a]));
  const ownershipsByPremises = new Map<string, typeof dbOwnerships>();
  for (const os of dbOwnerships) {
    const list = ownershipsByPremises.get(os.premises_id) ?? [];
    list.push(os);
    ownershipsByPremises.set(os.premises_id, list);
  }
  const ownerByPerson = new Map<string, { id: string; kind: string; phone: string | null }>();
  for (const o of dbOwnersByPhone) {
    const key = `${textKey(o.full_name)}\u0001${o.phone}`;
    if (!ownerByPerson.has(key)) ownerByPerson.set(key, { id: o.id, kind: o.kind, phone: o.phone });
  }
  const meterByKey = new Map(dbMeters.map((m) => [`${m.premises_id}\u0001${meterKey(m.type, m.serial)}`, m]));

  // Readings of existing meters in the months the file gives values for.
  const periods = new Set<string>();
  for (const house of model.houses.values()) {
    for (const p of house.premises.values()) {
      for (const m of p.meters.values()) if (m.lastValueDate) periods.add(monthStart(m.lastValueDate));
    }
  }
  const dbReadings =
    dbMeters.length > 0 && periods.size > 0
      ? await sql.query<{
          id: string;
          meter_id: string;
          period: string;
          zone: number;
          value: string;
          source: string;
        }>(
          `SELECT id, meter_id, period::text AS period, zone, value::text AS value, source::text AS source
             FROM meter_readings WHERE meter_id = ANY($1::text[]) AND period = ANY($2::date[])`,
          [textArray(dbMeters.map((m) => m.id)), textArray([...periods])],
        )
      : [];
  const readingByKey = new Map(dbReadings.map((r) => [`${r.meter_id}\u0001${r.period}\u0001${r.zone}`, r]));

  // Entities in file order.
  const entranceIds = new Map(entranceByKey);
  const ownerUpdates = new Map<string, RegistryWrites['ownersUpdate'][number]>();
  const newOwnerByPerson = new Map<string, string>();
  const touchedOwners = new Set<string>();

  for (const house of model.houses.values()) {
    const houseId = houseIds.get(house.key)!;
    for (const p of house.premises.values()) {
      // Entrance.
      let entranceId: string | null | undefined;
      if (p.entrance !== null) {
        const key = `${houseId}\u0001${p.entrance}`;
        entranceId = entranceIds.get(key);
        if (!entranceId) {
          entranceId = uuid();
          entranceIds.set(key, entranceId);
          writes.entrances.push({ id: entranceId, houseId, number: p.entrance });
          summary.entrances.create++;
        }
      }

      // Premises.
      const existing = premisesByKey.get(`${houseId}\u0001${p.key}`);
      let premisesId: string;
      if (!existing) {
        premisesId = uuid();
        writes.premisesCreate.push({
          id: premisesId,
          houseId,
          entranceId: entranceId ?? null,
          kind: p.kind ?? (/[НH]$/i.test(p.number) ? 'NON_RESIDENTIAL' : 'FLAT'),
          number: p.number,
          area: p.area,
          floor: p.floor,
        });
        summary.premises.create++;
      } else {
        premisesId = existing.id;
        const next = {
          id: existing.id,
          entranceId: entranceId === undefined ? existing.entrance_id : entranceId,
          kind: p.kind ?? existing.kind,
          area: p.area,
          floor: p.floor ?? existing.floor,
        };
        const changed =
          next.entranceId !== existing.entrance_id ||
          next.kind !== existing.kind ||
          canonicalDecimal(next.area) !== canonicalDecimal(existing.area) ||
          next.floor !== existing.floor;
        if (changed) {
          writes.premisesUpdate.push(next);
          summary.premises.update++;
        } else summary.premises.unchanged++;
      }

      // Accounts.
      const accountIds = new Map<string, string>();
      for (const a of p.accounts.values()) {
        const found = accountByNumber.get(a.number);
        if (found && found.premises_id !== premisesId) {
          issues.error(
            a.row,
            'account_number',
            'account.taken_by_other_premises',
            `account ${a.number} already belongs to premises ${found.premises_number} in the registry; an account cannot move to another premises by import`,
            { account: a.number, premises: found.premises_number },
          );
          continue;
        }
        if (!found) {
          const id = uuid();
          accountIds.set(a.number, id);
          writes.accountsCreate.push({
            id,
            premisesId,
            number: a.number,
            payerName: a.payerName,
            registeredPersons: a.registeredPersons ?? 0,
          });
          summary.accounts.create++;
        } else {
          accountIds.set(a.number, found.id);
          if (a.registeredPersons !== null && a.registeredPersons !== found.registered_persons) {
            writes.accountsUpdate.push({ id: found.id, registeredPersons: a.registeredPersons });
            summary.accounts.update++;
          } else summary.accounts.unchanged++;
        }
      }

      // Owners and ownerships.
      const existingOwnerships = existing ? (ownershipsByPremises.get(existing.id) ?? []) : [];
      const byName = new Map(existingOwnerships.map((os) => [textKey(os.full_name), os]));
      const matchedOwnerships = new Set<string>();
      const sum = new ShareSum();
      let firstOwnerRow: number | undefined;
      for (const o of p.owners.values()) {
        firstOwnerRow ??= o.row;
        sum.add(o.share.n, o.share.d);
        const os = byName.get(o.nameKey);
        let ownerId: string;
        let current: { id: string; kind: string; phone: string | null } | undefined;
        if (os) {
          matchedOwnerships.add(os.id);
          ownerId = os.owner_id;
          current = { id: os.owner_id, kind: os.kind, phone: os.phone };
          if (os.n !== o.share.n || os.d !== o.share.d || !os.active) {
            writes.ownershipsUpdate.push({ id: os.id, n: o.share.n, d: o.share.d });
            summary.ownerships.update++;
          } else summary.ownerships.unchanged++;
        } else {
          const personKey = o.phone ? `${o.nameKey}\u0001${o.phone}` : undefined;
          const known = personKey ? ownerByPerson.get(personKey) : undefined;
          const fresh = personKey ? newOwnerByPerson.get(personKey) : undefined;
          if (known) {
            ownerId = known.id;
            current = known;
          } else if (fresh) {
            ownerId = fresh;
          } else {
            ownerId = uuid();
            writes.ownersCreate.push({
              id: ownerId,
              kind: o.kind ?? 'PERSON',
              fullName: o.name,
              phone: o.phone,
            });
            summary.owners.create++;
            if (personKey) newOwnerByPerson.set(personKey, ownerId);
          }
          writes.ownershipsCreate.push({ id: uuid(), ownerId, premisesId, n: o.share.n, d: o.share.d });
          summary.ownerships.create++;
        }
        if (current && !touchedOwners.has(current.id)) {
          touchedOwners.add(current.id);
          const next = { id: current.id, kind: o.kind ?? current.kind, phone: o.phone ?? current.phone };
          if (next.kind !== current.kind || next.phone !== current.phone) {
            ownerUpdates.set(current.id, next);
            summary.owners.update++;
          } else summary.owners.unchanged++;
        }
      }
      if (firstOwnerRow !== undefined) {
        // Active owners of the premises that the file does not name still hold their shares.
        const others = existingOwnerships.filter((os) => os.active && !matchedOwnerships.has(os.id));
        for (const os of others) sum.add(os.n, os.d);
        const { n, d } = sum;
        if (n > d && others.length > 0) {
          issues.error(
            firstOwnerRow,
            'owner_share',
            'shares.over_one_with_existing',
            `with the ${others.length} owner(s) of premises ${p.number} already in the registry and not in the file, the shares add up to ${fractionText(n, d)}, more than 1`,
            { premises: p.number, sum: fractionText(n, d), others: others.length },
          );
        } else if (n < d) {
          issues.warning(
            firstOwnerRow,
            'owner_share',
            'shares.under_one',
            `the owners' shares of premises ${p.number} add up to ${fractionText(n, d)}, less than 1: is an owner missing?`,
            { premises: p.number, sum: fractionText(n, d) },
          );
        }
      }

      // Meters and their readings.
      for (const m of p.meters.values()) {
        const found = existing ? meterByKey.get(`${existing.id}\u0001${m.key}`) : undefined;
        let meterId: string;
        if (!found) {
          meterId = uuid();
          const digits = m.digits ?? DEFAULT_DIGITS;
          writes.metersCreate.push({
            id: meterId,
            premisesId,
            accountId: p.accounts.size > 1 ? (accountIds.get(m.accountNumber) ?? null) : null,
            type: m.type,
            serial: m.serial,
            integerDigits: digits.integer,
            fractionDigits: digits.fraction,
            zones: m.zones ?? 1,
            installedAt: m.installed ?? m.lastValueDate ?? today,
            initialValues: m.lastValues,
            verificationDueAt: m.verificationDue,
          });
          summary.meters.create++;
        } else {
          meterId = found.id;
          const next = {
            id: found.id,
            integerDigits: m.digits?.integer ?? found.integer_digits,
            fractionDigits: m.digits?.fraction ?? found.fraction_digits,
            zones: m.zones ?? found.zones,
            installedAt: m.installed ?? found.installed_at,
            verificationDueAt: m.verificationDue,
          };
          if (
            next.integerDigits !== found.integer_digits ||
            next.fractionDigits !== found.fraction_digits ||
            next.zones !== found.zones ||
            next.installedAt !== found.installed_at ||
            next.verificationDueAt !== found.verification_due_at
          ) {
            writes.metersUpdate.push(next);
            summary.meters.update++;
          } else summary.meters.unchanged++;
        }
        if (m.lastValueDate) {
          const period = monthStart(m.lastValueDate);
          m.lastValues.forEach((value, i) => {
            const zone = i + 1;
            const reading = found ? readingByKey.get(`${found.id}\u0001${period}\u0001${zone}`) : undefined;
            if (!reading) {
              writes.readingsCreate.push({ id: uuid(), meterId, period, zone, value });
              summary.readings.create++;
            } else if (
              reading.source === 'IMPORT' &&
              canonicalDecimal(reading.value) !== canonicalDecimal(value)
            ) {
              // Only an earlier import's value is replaced; a resident's or staff reading for the month stays.
              writes.readingsUpdate.push({ id: reading.id, value });
              summary.readings.update++;
            } else summary.readings.unchanged++;
          });
        }
      }
    }
  }
  writes.ownersUpdate = [...ownerUpdates.values()];
  // Entrances that already existed and that the file names.
  const namedEntrances = new Set<string>();
  for (const house of model.houses.values()) {
    const houseId = houseIds.get(house.key)!;
    for (const p of house.premises.values()) {
      if (p.entrance !== null && entranceByKey.has(`${houseId}\u0001${p.entrance}`)) {
        namedEntrances.add(`${houseId}\u0001${p.entrance}`);
      }
    }
  }
  summary.entrances.unchanged = namedEntrances.size;

  return { organizationId, summary, issues: issues.items, writes };
}

/** One after another: inside a transaction the queries share one connection, which runs one at a time anyway. */
async function inSequence<T extends readonly (() => Promise<unknown>)[]>(
  tasks: T,
): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  const results: unknown[] = [];
  for (const task of tasks) results.push(await task());
  return results as { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };
}

/** Exact sum of fractions (shares). */
class ShareSum {
  n = 0n;
  d = 1n;
  add(numerator: number, denominator: number) {
    this.n = this.n * BigInt(denominator) + BigInt(numerator) * this.d;
    this.d *= BigInt(denominator);
  }
}

const monthStart = (isoDate: string) => `${isoDate.slice(0, 7)}-01`;

function hundredths(area: string): bigint {
  const [i, f = ''] = area.split('.');
  return BigInt(i!) * 100n + BigInt(`${f}00`.slice(0, 2));
}

function fromHundredths(v: bigint): string {
  return `${v / 100n}.${String(v % 100n).padStart(2, '0')}`;
}
