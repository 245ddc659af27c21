import type { SqlExecutor } from '@domovoy/prisma';
import { AppError } from '../errors/app-error.ts';
import { newInviteCode } from '../residents/invite-code.ts';
import type { RegistryPlan } from './plan-registry-import.ts';
import { bulkInsert, bulkUpdate } from './sql-bulk.ts';

/** How many rows the apply step writes (the `total` of its progress). */
export function countWrites(plan: RegistryPlan): number {
  return Object.values(plan.writes).reduce((sum, rows) => sum + rows.length, 0);
}

const INVITE_CODE_ATTEMPTS = 5;

/**
 * Writes a plan set-based, in foreign-key order, inside the caller's transaction: one INSERT … SELECT FROM unnest
 * (or UPDATE … FROM unnest) per table and chunk, never a statement per row.
 */
export async function applyRegistryPlan(
  tx: SqlExecutor,
  plan: RegistryPlan,
  context: { staffUserId: string; onRows?: (rows: number) => void },
): Promise<void> {
  const w = plan.writes;
  const org = plan.organizationId;
  const onChunk = context.onRows;

  await bulkInsert(
    tx,
    'houses',
    [
      { name: 'id', type: 'text' },
      { name: 'organization_id', type: 'text' },
      { name: 'address', type: 'text' },
      { name: 'timezone', type: 'text' },
      { name: 'total_area', type: 'numeric' },
    ],
    w.houses.map((h) => [h.id, org, h.address, h.timezone, h.totalArea]),
    { onChunk },
  );
  await bulkInsert(
    tx,
    'entrances',
    [
      { name: 'id', type: 'text' },
      { name: 'house_id', type: 'text' },
      { name: 'number', type: 'int' },
    ],
    w.entrances.map((e) => [e.id, e.houseId, e.number]),
    { onChunk },
  );
  await bulkInsert(
    tx,
    'premises',
    [
      { name: 'id', type: 'text' },
      { name: 'house_id', type: 'text' },
      { name: 'entrance_id', type: 'text' },
      { name: 'kind', type: 'premises_kind' },
      { name: 'number', type: 'text' },
      { name: 'area', type: 'numeric' },
      { name: 'floor', type: 'int' },
    ],
    w.premisesCreate.map((p) => [p.id, p.houseId, p.entranceId, p.kind, p.number, p.area, p.floor]),
    { onChunk },
  );
  await bulkUpdate(
    tx,
    'premises',
    [
      { name: 'id', type: 'text' },
      { name: 'entrance_id', type: 'text' },
      { name: 'kind', type: 'premises_kind' },
      { name: 'area', type: 'numeric' },
      { name: 'floor', type: 'int' },
    ],
    w.premisesUpdate.map((p) => [p.id, p.entranceId, p.kind, p.area, p.floor]),
    { onChunk },
  );

  // Accounts: each new one gets a random invite code; a code that happens to exist already is redrawn.
  let pending = w.accountsCreate;
  for (let attempt = 1; pending.length > 0; attempt++) {
    if (attempt > INVITE_CODE_ATTEMPTS) {
      throw new AppError('CONFLICT', 'personal accounts could not be created (number or invite code taken)', {
        accounts: pending.length,
      });
    }
    const inserted = new Set(
      await bulkInsert(
        tx,
        'personal_accounts',
        [
          { name: 'id', type: 'text' },
          { name: 'organization_id', type: 'text' },
          { name: 'premises_id', type: 'text' },
          { name: 'number', type: 'text' },
          { name: 'payer_name', type: 'text' },
          { name: 'registered_persons', type: 'int' },
          { name: 'invite_code', type: 'text' },
        ],
        pending.map((a) => [
          a.id,
          org,
          a.premisesId,
          a.number,
          a.payerName,
          a.registeredPersons,
          newInviteCode(),
        ]),
        { onConflictDoNothing: { returning: 'id' }, onChunk: attempt === 1 ? onChunk : undefined },
      ),
    );
    pending = pending.filter((a) => !inserted.has(a.id));
  }
  await bulkUpdate(
    tx,
    'personal_accounts',
    [
      { name: 'id', type: 'text' },
      { name: 'registered_persons', type: 'int' },
    ],
    w.accountsUpdate.map((a) => [a.id, a.registeredPersons]),
    { onChunk },
  );

  await bulkInsert(
    tx,
    'owners',
    [
      { name: 'id', type: 'text' },
      { name: 'organization_id', type: 'text' },
      { name: 'kind', type: 'owner_kind' },
      { name: 'full_name', type: 'text' },
      { name: 'phone', type: 'text' },
    ],
    w.ownersCreate.map((o) => [o.id, org, o.kind, o.fullName, o.phone]),
    { onChunk },
  );
  await bulkUpdate(
    tx,
    'owners',
    [
      { name: 'id', type: 'text' },
      { name: 'kind', type: 'owner_kind' },
      { name: 'phone', type: 'text' },
    ],
    w.ownersUpdate.map((o) => [o.id, o.kind, o.phone]),
    { onChunk },
  );
  await bulkInsert(
    tx,
    'ownerships',
    [
      { name: 'id', type: 'text' },
      { name: 'owner_id', type: 'text' },
      { name: 'premises_id', type: 'text' },
      { name: 'share_numerator', type: 'int' },
      { name: 'share_denominator', type: 'int' },
    ],
    w.ownershipsCreate.map((o) => [o.id, o.ownerId, o.premisesId, o.n, o.d]),
    { onChunk },
  );
  await bulkUpdate(
    tx,
    'ownerships',
    [
      { name: 'id', type: 'text' },
      { name: 'share_numerator', type: 'int' },
      { name: 'share_denominator', type: 'int' },
      // A listed owner whose ownership had ended owns again.
      { name: 'valid_to', type: 'date' },
    ],
    w.ownershipsUpdate.map((o) => [o.id, o.n, o.d, null]),
    { onChunk },
  );

  await bulkInsert(
    tx,
    'meters',
    [
      { name: 'id', type: 'text' },
      { name: 'premises_id', type: 'text' },
      { name: 'account_id', type: 'text' },
      { name: 'type', type: 'meter_type' },
      { name: 'serial', type: 'text' },
      { name: 'integer_digits', type: 'int' },
      { name: 'fraction_digits', type: 'int' },
      { name: 'zones', type: 'int' },
      { name: 'installed_at', type: 'date' },
      { name: 'initial_values', type: 'numeric(14,3)[]' },
      { name: 'verification_due_at', type: 'date' },
    ],
    w.metersCreate.map((m) => [
      m.id,
      m.premisesId,
      m.accountId,
      m.type,
      m.serial,
      m.integerDigits,
      m.fractionDigits,
      m.zones,
      m.installedAt,
      `{${m.initialValues.join(',')}}`,
      m.verificationDueAt,
    ]),
    { onChunk },
  );
  await bulkUpdate(
    tx,
    'meters',
    [
      { name: 'id', type: 'text' },
      { name: 'integer_digits', type: 'int' },
      { name: 'fraction_digits', type: 'int' },
      { name: 'zones', type: 'int' },
      { name: 'installed_at', type: 'date' },
      { name: 'verification_due_at', type: 'date' },
    ],
    w.metersUpdate.map((m) => [
      m.id,
      m.integerDigits,
      m.fractionDigits,
      m.zones,
      m.installedAt,
      m.verificationDueAt,
    ]),
    { onChunk },
  );

  await bulkInsert(
    tx,
    'meter_readings',
    [
      { name: 'id', type: 'text' },
      { name: 'meter_id', type: 'text' },
      { name: 'period', type: 'date' },
      { name: 'zone', type: 'int' },
      { name: 'value', type: 'numeric' },
      { name: 'source', type: 'reading_source' },
      { name: 'submitted_by_staff_id', type: 'text' },
    ],
    w.readingsCreate.map((r) => [r.id, r.meterId, r.period, r.zone, r.value, 'IMPORT', context.staffUserId]),
    { onChunk },
  );
  await bulkUpdate(
    tx,
    'meter_readings',
    [
      { name: 'id', type: 'text' },
      { name: 'value', type: 'numeric' },
      { name: 'submitted_by_staff_id', type: 'text' },
    ],
    w.readingsUpdate.map((r) => [r.id, r.value, context.staffUserId]),
    { onChunk },
  );
}
