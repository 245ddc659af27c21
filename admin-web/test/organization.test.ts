import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/client.ts';
import type { Organization } from '../src/pages/organization/api.ts';
import {
  ORGANIZATION_RULES,
  organizationChanges,
  organizationToForm,
  validateOrganizationForm,
} from '../src/pages/organization/organization-form.ts';
import { serverFieldErrors } from '../src/registry/field-errors.ts';

const org: Organization = {
  id: 'o1',
  kind: 'UK',
  name: 'ООО «УК Пример»',
  shortName: null,
  inn: '7701234567',
  kpp: '770101001',
  ogrn: null,
  address: 'г. Москва, ул. Примерная, д. 1',
  phone: '+7 495 000-00-00',
  email: null,
  bankName: 'ПАО Банк',
  bic: '044525225',
  bankAccount: '40702810038000012345',
  corrAccount: '30101810400000000225',
  timezone: 'Europe/Moscow',
  updatedAt: '2026-11-01T10:00:00.000Z',
};

describe('organisation form', () => {
  it('sends nothing for the requisites as they are', () => {
    const form = organizationToForm(org);
    expect(validateOrganizationForm(form)).toEqual({});
    expect(organizationChanges(org, form)).toEqual({});
  });

  it('sends only what changed, trimmed; a blank optional field clears it', () => {
    const form = { ...organizationToForm(org), phone: '  ', shortName: ' УК Пример ', bankName: 'ПАО Банк ' };
    expect(organizationChanges(org, form)).toEqual({ phone: null, shortName: 'УК Пример' });
    expect(organizationChanges(org, { ...organizationToForm(org), kind: 'TSZH' })).toEqual({ kind: 'TSZH' });
  });

  it('checks the shape of each number before sending', () => {
    const form = {
      ...organizationToForm(org),
      name: ' ',
      inn: '77012345',
      kpp: '7701-01001',
      ogrn: '123',
      email: 'office',
      bic: '04452522',
      bankAccount: '4070281003800001234X',
      corrAccount: '301',
    };
    expect(validateOrganizationForm(form)).toEqual({
      name: 'organization.error.required',
      inn: 'organization.error.inn',
      kpp: 'organization.error.kpp',
      ogrn: 'organization.error.ogrn',
      email: 'organization.error.email',
      bic: 'organization.error.bic',
      bankAccount: 'organization.error.bank_account',
      corrAccount: 'organization.error.corr_account',
    });
    // "0": a bank without a correspondent account; a 12-digit INN and a 15-digit OGRN are an entrepreneur's.
    expect(
      validateOrganizationForm({
        ...organizationToForm(org),
        corrAccount: '0',
        inn: '500100732259',
        ogrn: '304500116000157',
      }),
    ).toEqual({});
  });

  it('says in the user’s words what the server found wrong with the check digits', () => {
    const error = new ApiError(400, 'VALIDATION', 'invalid requisites', {
      fields: {
        bankAccount: 'control key does not match the BIC',
        inn: 'check digit does not match',
        ogrn: '13 digits (an organisation) or 15 (an individual entrepreneur)',
      },
    });
    expect(serverFieldErrors(error, ORGANIZATION_RULES)).toEqual({
      fields: {
        bankAccount: { key: 'organization.error.key_mismatch' },
        inn: { key: 'organization.error.check_digit' },
        ogrn: { key: 'organization.error.ogrn' },
      },
      other: false,
    });
  });
});
