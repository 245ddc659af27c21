import type { FieldRules } from '../../registry/field-errors.ts';
import type { Organization, OrganizationChanges } from './api.ts';

/**
 * The organisation form's pure logic (unit-tested in Node): its values, what changed, the checks made before
 * sending (the shape of each number; check digits are the server's), and the server's field errors in the user's
 * language.
 */

export const TEXT_FIELDS = [
  'name',
  'shortName',
  'inn',
  'kpp',
  'ogrn',
  'address',
  'phone',
  'email',
  'bankName',
  'bic',
  'bankAccount',
  'corrAccount',
] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
export type OrganizationField = TextField | 'kind' | 'timezone';

export type OrganizationForm = Record<TextField, string> & Pick<Organization, 'kind' | 'timezone'>;

const OPTIONAL = new Set<OrganizationField>(['shortName', 'kpp', 'ogrn', 'phone', 'email']);

export function organizationToForm(org: Organization): OrganizationForm {
  const form = { kind: org.kind, timezone: org.timezone } as OrganizationForm;
  for (const field of TEXT_FIELDS) form[field] = org[field] ?? '';
  return form;
}

/** Only what the user changed; a blank optional field is sent as null (cleared). */
export function organizationChanges(org: Organization, form: OrganizationForm): OrganizationChanges {
  const changes: Record<string, string | null> = {};
  if (form.kind !== org.kind) changes.kind = form.kind;
  if (form.timezone !== org.timezone) changes.timezone = form.timezone;
  for (const field of TEXT_FIELDS) {
    const value = form[field].trim();
    const next = value === '' && OPTIONAL.has(field) ? null : value;
    if (next !== (org[field] ?? null)) changes[field] = next;
  }
  return changes as OrganizationChanges;
}

const digits = (n: number | number[]) => (value: string) =>
  (Array.isArray(n) ? n : [n]).some((k) => new RegExp(`^\\d{${k}}$`).test(value));

/** Shape checks: web.json key of the problem per field. */
const SHAPES: Partial<Record<TextField, [(v: string) => boolean, string]>> = {
  inn: [digits([10, 12]), 'organization.error.inn'],
  kpp: [(v) => /^\d{4}[\dA-Z]{2}\d{3}$/.test(v), 'organization.error.kpp'],
  ogrn: [digits([13, 15]), 'organization.error.ogrn'],
  email: [(v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'organization.error.email'],
  bic: [digits(9), 'organization.error.bic'],
  bankAccount: [digits(20), 'organization.error.bank_account'],
  corrAccount: [(v) => v === '0' || digits(20)(v), 'organization.error.corr_account'],
};

export function validateOrganizationForm(form: OrganizationForm): Partial<Record<OrganizationField, string>> {
  const errors: Partial<Record<OrganizationField, string>> = {};
  for (const field of TEXT_FIELDS) {
    const value = form[field].trim();
    if (value === '') {
      if (!OPTIONAL.has(field)) errors[field] = 'organization.error.required';
      continue;
    }
    const shape = SHAPES[field];
    if (shape && !shape[0](value)) errors[field] = shape[1];
  }
  return errors;
}

const checkDigit = { match: /check digit/, key: 'organization.error.check_digit' };
const keyMismatch = { match: /control key/, key: 'organization.error.key_mismatch' };

/** The server's field errors (English, for developers) as texts of the user's language. */
export const ORGANIZATION_RULES: FieldRules = {
  name: { key: 'organization.error.required' },
  address: { key: 'organization.error.required' },
  bankName: { key: 'organization.error.required' },
  inn: { key: 'organization.error.inn', when: [checkDigit] },
  kpp: { key: 'organization.error.kpp' },
  ogrn: { key: 'organization.error.ogrn', when: [checkDigit] },
  email: { key: 'organization.error.email' },
  bic: { key: 'organization.error.bic' },
  bankAccount: { key: 'organization.error.bank_account', when: [keyMismatch] },
  corrAccount: { key: 'organization.error.corr_account', when: [keyMismatch] },
  timezone: { key: 'organization.error.timezone' },
  shortName: { key: 'organization.error.too_long' },
  phone: { key: 'organization.error.too_long' },
};
