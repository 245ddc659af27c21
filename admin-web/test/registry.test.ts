import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resources } from '@domovoy/locales';
import { describe, expect, it } from 'vitest';
import { ApiError, attachmentName } from '../src/api/client.ts';
import type { RegistryImportReport, RegistryIssue } from '../src/api/registry-import.ts';
import { uploadContentType } from '../src/api/registry-import.ts';
import { formatDate, todayIn } from '../src/format.ts';
import { createI18n } from '../src/i18n/index.ts';
import { isActiveSection, NAV_ITEMS, registryPage, visibleSubNav } from '../src/nav.ts';
import { normalizeBotUsername } from '../src/registry/bot-username.ts';
import { serverFieldErrors } from '../src/registry/field-errors.ts';
import {
  ACCOUNT_RULES,
  accountBody,
  changedFields,
  ENTRANCE_RULES,
  entranceBody,
  integerInput,
  isBlankAccount,
  METER_RULES,
  meterBody,
  NEW_OWNER_RULES,
  newMeterForm,
  newReplaceForm,
  OWNERSHIP_RULES,
  ownerChanges,
  ownershipBody,
  ownerToForm,
  PREMISES_RULES,
  premisesBody,
  REPLACE_RULES,
  replaceBody,
  zoneInputs,
} from '../src/registry/forms.ts';
import { ISSUE_CODES, importStep, issueKey, issueText, summaryRows } from '../src/registry/import-report.ts';
import { verificationState } from '../src/registry/verification.ts';

const validation = (fields: Record<string, string>, details: Record<string, unknown> = {}) =>
  new ApiError(400, 'VALIDATION', 'invalid input', { fields, ...details });

describe('server field errors', () => {
  it('puts each message the API sends next to its field, in the user’s words', () => {
    // Exactly what the API answers for a bad area and a fractional floor (admin-api/test/registry.test.ts).
    const result = serverFieldErrors(
      validation({
        area: 'the area must be a number of m² above 0 with at most 2 decimals, e.g. 54.3',
        floor: 'must be integer',
      }),
      PREMISES_RULES,
    );
    expect(result).toEqual({
      fields: { area: { key: 'premises.error.area' }, floor: { key: 'premises.error.floor' } },
      other: false,
    });
  });

  it('tells a taken number (409 with fields) from a badly formed one', () => {
    const taken = new ApiError(409, 'CONFLICT', 'x', {
      fields: { number: 'entrance 1 already exists in this house' },
    });
    expect(serverFieldErrors(taken, ENTRANCE_RULES).fields).toEqual({
      number: { key: 'entrances.error.taken' },
    });
    const range = validation({ number: 'the entrance number must be between 1 and 999' });
    expect(serverFieldErrors(range, ENTRANCE_RULES).fields).toEqual({
      number: { key: 'entrances.error.number' },
    });
    const account = new ApiError(409, 'CONFLICT', 'x', {
      fields: { number: 'account 001234567 already exists in the organisation' },
    });
    expect(serverFieldErrors(account, ACCOUNT_RULES).fields.number?.key).toBe('accounts.error.taken');
  });

  it('says how much of a premises is left when shares would exceed the whole', () => {
    const message =
      'the shares of flat 30 would add up to 7/6, more than the whole: 5/6 already belongs to other owners, 1/6 is left';
    const result = serverFieldErrors(validation({ share: message }, { left: '1/6' }), OWNERSHIP_RULES);
    expect(result.fields.share).toEqual({ key: 'ownerships.error.share_sum', values: { left: '1/6' } });
    expect(
      serverFieldErrors(validation({ share: 'a share cannot be more than the whole (1)' }), OWNERSHIP_RULES)
        .fields.share,
    ).toEqual({ key: 'ownerships.error.share_over_one' });
    // A new owner with a share: the share's fields come nested under `ownership`.
    const nested = serverFieldErrors(
      validation({
        fullName: 'the full name is required',
        'ownership.share': 'the share must be above zero',
      }),
      NEW_OWNER_RULES,
    );
    expect(nested.fields).toEqual({
      fullName: { key: 'owners.error.name' },
      'ownership.share': { key: 'ownerships.error.share_zero' },
    });
  });

  it('maps per-zone values by index and keeps the server’s number', () => {
    const result = serverFieldErrors(
      validation({
        'closingValues.1': 'below the last reading (1000.5)',
        'newMeter.initialValues.0': 'more than 5 digits before the decimal point',
        'newMeter.serial': 'a cold water meter with serial X is already registered here',
      }),
      REPLACE_RULES,
    );
    expect(result).toEqual({
      fields: {
        'closingValues.1': { key: 'meters.error.below_last', values: { value: '1000.5' } },
        'newMeter.initialValues.0': { key: 'meters.error.value_digits' },
        'newMeter.serial': { key: 'meters.error.serial_taken' },
      },
      other: false,
    });
    const meter = serverFieldErrors(
      validation({
        zones: 'only electricity meters have several tariff zones',
        installedAt: 'must not be in the future',
        verificationDueAt: 'the verification must be due after the installation date',
      }),
      METER_RULES,
    );
    expect(meter.fields).toEqual({
      zones: { key: 'meters.error.single_zone' },
      installedAt: { key: 'meters.error.future' },
      verificationDueAt: { key: 'meters.error.due_after_install' },
    });
  });

  it('reports what no field explains as a general error', () => {
    expect(serverFieldErrors(validation({ somethingElse: 'x', area: 'bad' }), PREMISES_RULES)).toEqual({
      fields: { area: { key: 'premises.error.area' } },
      other: true,
    });
    expect(serverFieldErrors(new ApiError(403, 'FORBIDDEN', 'no'), PREMISES_RULES)).toEqual({
      fields: {},
      other: true,
    });
    expect(serverFieldErrors(new ApiError(409, 'INVALID_STATE', 'closed'), ACCOUNT_RULES).other).toBe(true);
    expect(serverFieldErrors(new Error('boom'), PREMISES_RULES).other).toBe(true);
    expect(serverFieldErrors(null, PREMISES_RULES)).toEqual({ fields: {}, other: false });
  });

  it('has a text in both languages for every key a rule can choose', () => {
    const keys = [
      PREMISES_RULES,
      ENTRANCE_RULES,
      ACCOUNT_RULES,
      NEW_OWNER_RULES,
      METER_RULES,
      REPLACE_RULES,
    ].flatMap((rules) =>
      Object.values(rules).flatMap((rule) => [rule.key, ...(rule.when ?? []).map((w) => w.key)]),
    );
    for (const language of ['ru', 'en'] as const) {
      const i18n = createI18n(language);
      for (const key of keys) expect(i18n.exists(key), `${language}: ${key}`).toBe(true);
    }
    expect(createI18n('ru').t('ownerships.error.share_sum', { left: '1/6' })).toContain('1/6');
  });
});

describe('registry forms', () => {
  it('sends whole numbers as numbers, empty as null, anything else as typed for the API to judge', () => {
    expect(integerInput(' 12 ')).toBe(12);
    expect(integerInput('-1')).toBe(-1);
    expect(integerInput('')).toBeNull();
    expect(integerInput('1.5')).toBe('1.5');
    expect(integerInput('пять')).toBe('пять');
    expect(entranceBody({ number: '', floors: '' })).toEqual({ number: '', floors: null });
    expect(entranceBody({ number: '3', floors: '9' })).toEqual({ number: 3, floors: 9 });
  });

  it('keeps the area as exact text and trims what the user typed', () => {
    expect(
      premisesBody({ kind: 'FLAT', number: ' 12А ', area: ' 54,30 ', floor: '', entranceId: null }),
    ).toEqual({ kind: 'FLAT', number: '12А', area: '54,30', floor: null, entranceId: null });
  });

  it('opens an account with nobody registered unless told, and skips an empty account form', () => {
    expect(accountBody({ number: ' 001234567 ', payerName: ' ', registeredPersons: '' })).toEqual({
      number: '001234567',
      payerName: null,
      registeredPersons: 0,
    });
    expect(isBlankAccount({ number: '', payerName: ' ', registeredPersons: '' })).toBe(true);
    expect(isBlankAccount({ number: '', payerName: '', registeredPersons: '2' })).toBe(false);
  });

  it('sends only changed fields, and never a masked contact as a deletion', () => {
    expect(changedFields({ a: 1, b: 'x', c: null }, { a: 1, b: 'y', c: null })).toEqual({ b: 'y' });
    expect(changedFields({ a: 1 }, { a: 1 })).toEqual({});
    const masked = {
      kind: 'PERSON',
      fullName: 'Иванова М. П.',
      phone: '+7 900 ***-**-67',
      email: null,
      inn: null,
    };
    const before = ownerToForm({ ...masked, kind: 'PERSON', contactsMasked: true });
    expect(before.phone).toBe('');
    expect(ownerChanges(before, { ...before, fullName: 'Иванова Мария Петровна' }, true)).toEqual({
      fullName: 'Иванова Мария Петровна',
    });
    expect(ownerChanges(before, { ...before, phone: '+7 911 000-00-01' }, true)).toEqual({
      phone: '+7 911 000-00-01',
    });
    const open = ownerToForm({ ...masked, kind: 'PERSON', phone: '+79001234567', contactsMasked: false });
    expect(ownerChanges(open, { ...open, phone: '' }, false)).toEqual({ phone: null });
  });

  it('writes a share without spaces and empty dates as none', () => {
    expect(ownershipBody({ share: ' 1 / 3 ', validFrom: '', validTo: '2026-01-31', document: ' ' })).toEqual({
      share: '1/3',
      validFrom: null,
      validTo: '2026-01-31',
      document: null,
    });
  });

  it('builds meter bodies with one value per zone, leaving opening values to the API when none are typed', () => {
    expect(zoneInputs(['1'], 3)).toEqual(['1', '', '']);
    expect(zoneInputs(['1', '2'], 1)).toEqual(['1']);
    const form = {
      ...newMeterForm('2026-11-23', 'acc-1'),
      serial: ' ХВ-1 ',
      verificationDueAt: '2030-11-23',
    };
    expect(meterBody(form)).toEqual({
      type: 'COLD_WATER',
      serial: 'ХВ-1',
      zones: 1,
      integerDigits: 5,
      fractionDigits: 3,
      installedAt: '2026-11-23',
      verificationDueAt: '2030-11-23',
      accountId: 'acc-1',
    });
    expect(meterBody({ ...form, initialValues: ['1 234,5'] }).initialValues).toEqual(['1234,5']);
    const replace = {
      ...newReplaceForm('2026-11-23', 2),
      closingValues: ['1 010,5', '505'],
      serial: 'E-2',
      verificationDueAt: '2034-01-01',
    };
    expect(replaceBody(replace, 2)).toEqual({
      closingValues: ['1010,5', '505'],
      replacedAt: '2026-11-23',
      newMeter: { serial: 'E-2', verificationDueAt: '2034-01-01' },
    });
    expect(replaceBody({ ...replace, initialValues: ['0', '1.5'] }, 2).newMeter.initialValues).toEqual([
      '0',
      '1.5',
    ]);
  });
});

describe('registry import report', () => {
  const issue = (fields: Partial<RegistryIssue>): RegistryIssue => ({
    row: 3,
    severity: 'error',
    code: 'area.invalid',
    message: 'area: not a number',
    ...fields,
  });

  it('shows a known problem in the user’s language, with the column as the file names it', () => {
    expect(issueKey('shares.over_one_with_existing')).toBe(
      'registry_import.issue.shares_over_one_with_existing',
    );
    const ru = createI18n('ru');
    const found = issueText(
      issue({
        code: 'value.required',
        column: 'owner_share',
        header: 'Доля',
        params: { column: 'owner_share' },
      }),
    );
    expect(found).toEqual({
      key: 'registry_import.issue.value_required',
      values: { column: 'Доля', row: 3 },
    });
    if ('key' in found) expect(ru.t(found.key, found.values)).toBe('Нужно заполнить «Доля».');
  });

  it('falls back to the server’s own words for a problem the panel does not know', () => {
    expect(issueText(issue({ code: 'future.code', message: 'something new' }))).toEqual({
      text: 'something new',
    });
  });

  it('knows every problem code the server reports, with a text in both languages', () => {
    const source = readFileSync(
      fileURLToPath(new URL('../../domain/src/registry-import/issues.ts', import.meta.url)),
      'utf8',
    );
    const list = /REGISTRY_ISSUE_CODES = \[([\s\S]*?)\] as const/.exec(source)?.[1] ?? '';
    const serverCodes = [...list.matchAll(/'([a-z_.]+)'/g)].map((m) => m[1]);
    expect(serverCodes.length).toBeGreaterThan(30);
    expect([...ISSUE_CODES].sort()).toEqual([...serverCodes].sort());
    for (const language of ['ru', 'en'] as const) {
      const i18n = createI18n(language);
      for (const code of ISSUE_CODES) expect(i18n.exists(issueKey(code)), `${language}: ${code}`).toBe(true);
    }
  });

  it('lists the counts in the layout’s order, entities added later at the end', () => {
    const counts = (create: number) => ({ create, update: 0, unchanged: 1 });
    expect(
      summaryRows({ premises: counts(2), houses: counts(1), gadgets: counts(5) }).map((r) => [
        r.entity,
        r.create,
      ]),
    ).toEqual([
      ['houses', 1],
      ['premises', 2],
      ['gadgets', 5],
    ]);
  });

  it('offers the import only after a clean check of the very file chosen', () => {
    const report = (fields: Partial<RegistryImportReport>) =>
      ({ errors: 0, dryRun: true, applied: false, ...fields }) as RegistryImportReport;
    const file = { name: 'a.csv' };
    const other = { name: 'a.csv' };
    expect(importStep(null, null, file)).toBe('check');
    expect(importStep(report({}), file, file)).toBe('ready');
    expect(importStep(report({}), file, other)).toBe('check');
    expect(importStep(report({ errors: 2 }), file, file)).toBe('fix');
    expect(importStep(report({ dryRun: false, applied: true }), file, file)).toBe('done');
    // A real run refused because the database disagreed (errors found only then): back to fixing.
    expect(importStep(report({ dryRun: false, applied: false, errors: 1 }), file, file)).toBe('fix');
    expect(importStep(report({}), null, null)).toBe('check');
  });

  it('sends a file with the content type its name suggests, bytes otherwise', () => {
    expect(uploadContentType('Реестр.CSV')).toBe('text/csv');
    expect(uploadContentType('registry.xlsx')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(uploadContentType('registry.xls')).toBe('application/octet-stream');
  });
});

describe('registry helpers', () => {
  it('warns about a verification that is overdue or due within 30 days', () => {
    expect(verificationState('2026-11-22', '2026-11-23')).toBe('overdue');
    expect(verificationState('2026-11-23', '2026-11-23')).toBe('soon');
    expect(verificationState('2026-12-23', '2026-11-23')).toBe('soon');
    expect(verificationState('2026-12-24', '2026-11-23')).toBe('ok');
    // Across a month end and a year end.
    expect(verificationState('2027-01-30', '2026-12-31')).toBe('soon');
    expect(verificationState('2027-01-31', '2026-12-31')).toBe('ok');
  });

  it('accepts a bot username as people write it, and nothing else', () => {
    expect(normalizeBotUsername('@Domovoy_Bot ')).toBe('Domovoy_Bot');
    expect(normalizeBotUsername('https://t.me/domovoy_bot')).toBe('domovoy_bot');
    expect(normalizeBotUsername('bot')).toBeNull();
    expect(normalizeBotUsername('1domovoy')).toBeNull();
    expect(normalizeBotUsername('domovoy bot')).toBeNull();
  });

  it('shows calendar dates without moving them by a time zone', () => {
    expect(formatDate('2026-01-01', 'ru')).toBe('1 янв. 2026 г.');
    expect(formatDate('2026-12-31', 'en')).toBe('Dec 31, 2026');
    expect(formatDate('soon', 'en')).toBe('soon');
    // 23:30 UTC on 31 December is already 1 January in Moscow.
    const instant = new Date(Date.UTC(2026, 11, 31, 23, 30));
    expect(todayIn('Europe/Moscow', instant)).toBe('2027-01-01');
    expect(todayIn('America/New_York', instant)).toBe('2026-12-31');
  });

  it('reads the file name of a download', () => {
    expect(attachmentName('attachment; filename="invite-codes-entrance-1.pdf"', 'x.pdf')).toBe(
      'invite-codes-entrance-1.pdf',
    );
    expect(attachmentName(null, 'x.pdf')).toBe('x.pdf');
  });
});

describe('registry navigation', () => {
  const registry = NAV_ITEMS.find((item) => item.key === 'registry');
  if (!registry) throw new Error('no registry section');

  it('lists the registry’s pages; importing only with registry.write', () => {
    const keys = (permissions: string[]) => visibleSubNav('registry', permissions).map((p) => p.key);
    expect(keys(['registry.read'])).toEqual([
      'houses',
      'entrances',
      'premises',
      'accounts',
      'owners',
      'meters',
    ]);
    expect(keys(['registry.read', 'registry.write'])).toContain('import');
    expect(keys(['readings.read'])).toEqual([]);
    expect(visibleSubNav('readings', ['registry.read', 'registry.write'])).toEqual([]);
    const labels = Object.keys(resources.ru.web.registry_nav).sort();
    expect(
      visibleSubNav('registry', ['registry.read', 'registry.write'])
        .map((p) => p.key)
        .sort(),
    ).toEqual(labels);
  });

  it('keeps the section open on any of its pages', () => {
    expect(isActiveSection(registry, '/houses/abc')).toBe(true);
    expect(isActiveSection(registry, '/registry/premises/p1')).toBe(true);
    expect(isActiveSection(registry, '/registry/import')).toBe(true);
    expect(isActiveSection(registry, '/readings')).toBe(false);
    expect(registryPage('import')).toMatchObject({ path: '/registry/import', permission: 'registry.write' });
  });
});
