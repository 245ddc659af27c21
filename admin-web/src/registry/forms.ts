import type {
  AccountBody,
  EntranceBody,
  IntegerInput,
  OwnerBody,
  OwnerKind,
  OwnershipTerms,
  PremisesBody,
  PremisesKind,
} from '../api/registry.ts';
import { normalizeReadingInput } from '../readings/values.ts';
import type { FieldRule, FieldRules } from './field-errors.ts';

/**
 * The registry's forms: what the user typed (always text), the request bodies built from it, and which of the
 * server's field errors each form shows where. The API checks every value; the panel only shapes them. Pure,
 * unit-tested in Node.
 */

/**
 * A whole number as typed: a number when it is one, null when empty, else the text itself so that the API says
 * what is wrong with it (the panel does not second-guess the server's rules).
 */
export function integerInput(text: string): IntegerInput | null {
  const value = text.trim();
  if (value === '') return null;
  return /^[-+]?\d{1,9}$/.test(value) ? Number(value) : value;
}

const textOrNull = (text: string): string | null => {
  const value = text.trim();
  return value === '' ? null : value;
};

const integerText = (value: number | null | undefined): string => (value == null ? '' : String(value));

/** Only the fields whose values differ (a PATCH body); empty when nothing changed. */
export function changedFields<T extends object>(before: T, after: T): Partial<T> {
  const changes: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = after[key];
  }
  return changes;
}

// ── Entrances ─────────────────────────────────────────────────────────────────────────────────────────────────

export interface EntranceForm {
  number: string;
  floors: string;
}

export const entranceToForm = (e?: { number: number; floors: number | null }): EntranceForm => ({
  number: integerText(e?.number),
  floors: integerText(e?.floors),
});

export const entranceBody = (form: EntranceForm): EntranceBody => ({
  // A missing number is sent as the empty text: the API answers "required" for the field.
  number: integerInput(form.number) ?? '',
  floors: integerInput(form.floors),
});

export const ENTRANCE_RULES: FieldRules = {
  number: {
    key: 'entrances.error.number',
    when: [{ match: /already exists/, key: 'entrances.error.taken' }],
  },
  floors: { key: 'entrances.error.floors' },
};

// ── Premises ──────────────────────────────────────────────────────────────────────────────────────────────────

export interface PremisesForm {
  kind: PremisesKind;
  number: string;
  area: string;
  floor: string;
  entranceId: string | null;
}

export const premisesToForm = (p?: {
  kind: PremisesKind;
  number: string;
  area: string;
  floor: number | null;
  entranceId: string | null;
}): PremisesForm => ({
  kind: p?.kind ?? 'FLAT',
  number: p?.number ?? '',
  area: p?.area ?? '',
  floor: integerText(p?.floor),
  entranceId: p?.entranceId ?? null,
});

export const premisesBody = (form: PremisesForm): PremisesBody => ({
  kind: form.kind,
  number: form.number.trim(),
  area: form.area.trim(),
  floor: integerInput(form.floor),
  entranceId: form.entranceId,
});

export const PREMISES_RULES: FieldRules = {
  kind: { key: 'premises.error.kind' },
  number: { key: 'premises.error.number', when: [{ match: /already exists/, key: 'premises.error.taken' }] },
  area: { key: 'premises.error.area' },
  floor: { key: 'premises.error.floor' },
  entranceId: { key: 'premises.error.entrance' },
};

// ── Personal accounts ─────────────────────────────────────────────────────────────────────────────────────────

export interface AccountForm {
  number: string;
  payerName: string;
  registeredPersons: string;
}

export const accountToForm = (a?: {
  number: string;
  payerName: string | null;
  registeredPersons: number;
}): AccountForm => ({
  number: a?.number ?? '',
  payerName: a?.payerName ?? '',
  registeredPersons: a ? String(a.registeredPersons) : '',
});

export const accountBody = (form: AccountForm): AccountBody => ({
  number: form.number.trim(),
  payerName: textOrNull(form.payerName),
  // Nobody registered yet unless the user says so.
  registeredPersons: integerInput(form.registeredPersons) ?? 0,
});

/** An account form the user left entirely empty: the premises is created without an account. */
export const isBlankAccount = (form: AccountForm): boolean =>
  form.number.trim() === '' && form.payerName.trim() === '' && form.registeredPersons.trim() === '';

export const ACCOUNT_RULES: FieldRules = {
  number: { key: 'accounts.error.number', when: [{ match: /already exists/, key: 'accounts.error.taken' }] },
  payerName: { key: 'accounts.error.payer' },
  registeredPersons: { key: 'accounts.error.persons' },
};

// ── Owners and shares ─────────────────────────────────────────────────────────────────────────────────────────

export interface OwnerForm {
  kind: OwnerKind;
  fullName: string;
  phone: string;
  email: string;
  inn: string;
}

export const ownerToForm = (o?: {
  kind: OwnerKind;
  fullName: string;
  phone: string | null;
  email: string | null;
  inn: string | null;
  contactsMasked?: boolean;
}): OwnerForm => ({
  kind: o?.kind ?? 'PERSON',
  fullName: o?.fullName ?? '',
  // A masked phone is not the phone: the user may type a new one, never send the mask back.
  phone: o && !o.contactsMasked ? (o.phone ?? '') : '',
  email: o && !o.contactsMasked ? (o.email ?? '') : '',
  inn: o?.inn ?? '',
});

export const ownerBody = (form: OwnerForm): OwnerBody => ({
  kind: form.kind,
  fullName: form.fullName.trim(),
  phone: textOrNull(form.phone),
  email: textOrNull(form.email),
  inn: textOrNull(form.inn),
});

/**
 * What to send when editing an owner: the changed fields only; with masked contacts the user sees no phone or
 * e-mail, so an empty box there means "leave it", never "delete it".
 */
export function ownerChanges(
  before: OwnerForm,
  after: OwnerForm,
  contactsMasked: boolean,
): Partial<OwnerBody> {
  const changes = changedFields(ownerBody(before), ownerBody(after));
  if (contactsMasked) {
    if (changes.phone === null) delete changes.phone;
    if (changes.email === null) delete changes.email;
  }
  return changes;
}

export const OWNER_RULES: FieldRules = {
  kind: { key: 'owners.error.kind' },
  fullName: { key: 'owners.error.name' },
  phone: { key: 'owners.error.phone' },
  email: { key: 'owners.error.email' },
  inn: { key: 'owners.error.inn' },
};

export interface OwnershipForm {
  share: string;
  validFrom: string;
  validTo: string;
  document: string;
}

export const ownershipToForm = (o?: {
  share: string;
  validFrom: string | null;
  validTo: string | null;
  document: string | null;
}): OwnershipForm => ({
  share: o?.share ?? '',
  validFrom: o?.validFrom ?? '',
  validTo: o?.validTo ?? '',
  document: o?.document ?? '',
});

export const ownershipBody = (form: OwnershipForm): OwnershipTerms => ({
  share: form.share.replace(/\s/g, ''),
  validFrom: textOrNull(form.validFrom),
  validTo: textOrNull(form.validTo),
  document: textOrNull(form.document),
});

const shareRule = {
  key: 'ownerships.error.share',
  when: [
    {
      match: /more than the whole:/,
      key: 'ownerships.error.share_sum',
      values: (_m: RegExpExecArray, details: Record<string, unknown>) => ({
        left: String(details.left ?? '0'),
      }),
    },
    { match: /above zero/, key: 'ownerships.error.share_zero' },
    { match: /more than the whole/, key: 'ownerships.error.share_over_one' },
  ],
};

export const OWNERSHIP_RULES: FieldRules = {
  share: shareRule,
  validFrom: { key: 'ownerships.error.date' },
  validTo: {
    key: 'ownerships.error.date',
    when: [{ match: /before validFrom/, key: 'ownerships.error.period' }],
  },
  document: { key: 'ownerships.error.document' },
  ownerId: {
    key: 'ownerships.error.owner',
    when: [{ match: /already has a share/, key: 'ownerships.error.owner_taken' }],
  },
};

/** A new owner recorded together with their share: the share's errors come as `ownership.<field>`. */
export const NEW_OWNER_RULES: FieldRules = {
  ...OWNER_RULES,
  ...Object.fromEntries(Object.entries(OWNERSHIP_RULES).map(([field, rule]) => [`ownership.${field}`, rule])),
};

// ── Meters ────────────────────────────────────────────────────────────────────────────────────────────────────

/** One box per tariff zone, as many as the meter has. */
export function zoneInputs(values: readonly string[], zones: number): string[] {
  return Array.from({ length: Math.max(1, zones) }, (_, i) => values[i] ?? '');
}

/** Values as the API takes them; none when every box is empty (the API then uses its own default). */
export function zoneValues(values: readonly string[]): string[] | undefined {
  const normalized = values.map(normalizeReadingInput);
  return normalized.every((v) => v === '') ? undefined : normalized;
}

export interface MeterForm {
  type: string;
  serial: string;
  zones: number;
  integerDigits: string;
  fractionDigits: string;
  installedAt: string;
  verificationDueAt: string;
  initialValues: string[];
  accountId: string | null;
}

export const newMeterForm = (today: string, accountId: string | null): MeterForm => ({
  type: 'COLD_WATER',
  serial: '',
  zones: 1,
  integerDigits: '5',
  fractionDigits: '3',
  installedAt: today,
  verificationDueAt: '',
  initialValues: [''],
  accountId,
});

export function meterBody(form: MeterForm) {
  const initialValues = zoneValues(zoneInputs(form.initialValues, form.zones));
  return {
    type: form.type,
    serial: form.serial.trim(),
    zones: form.zones,
    integerDigits: integerInput(form.integerDigits) as number,
    fractionDigits: integerInput(form.fractionDigits) as number,
    installedAt: form.installedAt.trim(),
    verificationDueAt: form.verificationDueAt.trim(),
    ...(initialValues ? { initialValues } : {}),
    accountId: form.accountId,
  };
}

const valueRule = {
  key: 'meters.error.value',
  when: [
    { match: /digits before the decimal point/, key: 'meters.error.value_digits' },
    { match: /decimals/, key: 'meters.error.value_decimals' },
    {
      match: /below the last reading \(([^)]*)\)/,
      key: 'meters.error.below_last',
      values: (m: RegExpExecArray) => ({ value: m[1] ?? '' }),
    },
  ],
};

const dateRule = (specific: FieldRule['when'] = []): FieldRule => ({
  key: 'meters.error.date',
  when: [
    ...specific,
    { match: /in the future/, key: 'meters.error.future' },
    { match: /before the (old )?meter was installed/, key: 'meters.error.before_install' },
  ],
});

export const METER_RULES: FieldRules = {
  type: { key: 'meters.error.type' },
  serial: {
    key: 'meters.error.serial',
    when: [{ match: /already registered/, key: 'meters.error.serial_taken' }],
  },
  zones: {
    key: 'meters.error.zones',
    when: [{ match: /only electricity/, key: 'meters.error.single_zone' }],
  },
  integerDigits: { key: 'meters.error.integer_digits' },
  fractionDigits: { key: 'meters.error.fraction_digits' },
  installedAt: dateRule(),
  verificationDueAt: dateRule([{ match: /after the installation/, key: 'meters.error.due_after_install' }]),
  initialValues: { key: 'meters.error.values_count' },
  'initialValues.*': valueRule,
  accountId: { key: 'meters.error.account' },
};

export interface ReplaceForm {
  closingValues: string[];
  replacedAt: string;
  serial: string;
  verificationDueAt: string;
  initialValues: string[];
}

export const newReplaceForm = (today: string, zones: number): ReplaceForm => ({
  closingValues: zoneInputs([], zones),
  replacedAt: today,
  serial: '',
  verificationDueAt: '',
  initialValues: zoneInputs([], zones),
});

export function replaceBody(form: ReplaceForm, zones: number) {
  const initialValues = zoneValues(zoneInputs(form.initialValues, zones));
  return {
    closingValues: zoneInputs(form.closingValues, zones).map(normalizeReadingInput),
    ...(form.replacedAt.trim() ? { replacedAt: form.replacedAt.trim() } : {}),
    newMeter: {
      serial: form.serial.trim(),
      verificationDueAt: form.verificationDueAt.trim(),
      ...(initialValues ? { initialValues } : {}),
    },
  };
}

export const REPLACE_RULES: FieldRules = {
  closingValues: { key: 'meters.error.values_count' },
  'closingValues.*': valueRule,
  replacedAt: dateRule(),
  'newMeter.serial': METER_RULES.serial as FieldRule,
  'newMeter.verificationDueAt': METER_RULES.verificationDueAt as FieldRule,
  'newMeter.installedAt': dateRule(),
  'newMeter.initialValues': { key: 'meters.error.values_count' },
  'newMeter.initialValues.*': valueRule,
};

export const RETIRE_RULES: FieldRules = {
  closingValues: { key: 'meters.error.values_count' },
  'closingValues.*': valueRule,
  retiredAt: dateRule(),
};
