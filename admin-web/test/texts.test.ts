import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flattenKeys, resources } from '@domovoy/locales';
import { describe, expect, it } from 'vitest';
import { ApiError, isSessionLost, toApiError } from '../src/api/client.ts';
import { REPLY_DELIVERIES } from '../src/api/tickets.ts';
import { describeError, invalidFields } from '../src/errors.ts';
import { createI18n } from '../src/i18n/index.ts';
import { pickLanguage, retryDelay } from '../src/i18n/language.ts';
import { validateLogin } from '../src/login-form.ts';
import { NAV_ITEMS } from '../src/nav.ts';
import { actionKey } from '../src/pages/audit/changes.ts';
import { ORGANIZATION_KINDS } from '../src/pages/organization/api.ts';
import { TEXT_FIELDS } from '../src/pages/organization/organization-form.ts';
import { ISSUE_CODES, issueKey } from '../src/registry/import-report.ts';

const SRC = fileURLToPath(new URL('../src', import.meta.url));
const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
const code = sourceFiles(SRC)
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');

/**
 * web.json keys with i18next plural suffixes folded: time.minutes_one → time.minutes. Only real plural sets (with `_one`
 * and an `_other` form): `shares_over_one` and `choose_other` are keys of their own.
 */
const allKeys = new Set(flattenKeys(resources.ru.web));
const webKeys = new Set(
  [...allKeys].map((k) => {
    const plural = /^(.*)_(zero|one|two|few|many|other)$/.exec(k);
    const set = plural && allKeys.has(`${plural[1]}_one`) && allKeys.has(`${plural[1]}_other`);
    return set ? (plural[1] as string) : k;
  }),
);
const topLevel = new Set([...webKeys].map((k) => k.split('.')[0]));
const permissions = new Set<string>(
  NAV_ITEMS.flatMap((item) =>
    'orPermission' in item ? [item.permission, item.orPermission] : [item.permission],
  ),
);
/** The registry import's issue codes (`premises.conflict`) are the server's, not web.json keys. */
const issueCodes = new Set<string>(ISSUE_CODES);
/** Dotted string literals in src/ that look like web.json keys (permission names like `dashboard.view` are not). */
const literalKeys = new Set(
  [...code.matchAll(/['"`]([a-z_]+(?:\.[A-Za-z_]+)+)['"`]/g)]
    .map((m) => m[1] as string)
    .filter((k) => topLevel.has(k.split('.')[0] as string) && !permissions.has(k) && !issueCodes.has(k)),
);

/**
 * What the domain writes to the audit log, read from its source: the actions (`action: '…'`) and kinds of object
 * (`entityType: '…'`) in every file that calls writeAudit or writeSystemAudit. The audit page labels each.
 */
const DOMAIN_SRC = fileURLToPath(new URL('../../domain/src', import.meta.url));
const auditing = sourceFiles(DOMAIN_SRC)
  .filter((f) => !f.endsWith('.test.ts'))
  .map((f) => readFileSync(f, 'utf8'))
  .filter((text) => /\bwrite(System)?Audit\(/.test(text));
const auditLines = auditing.flatMap((text) => text.split('\n'));
const auditedActions = new Set(
  auditLines
    .filter((line) => /\baction:/.test(line))
    .flatMap((line) => [...line.matchAll(/'([a-z_]+(?:\.[a-z_]+)+)'/g)].map((m) => m[1] as string)),
);
const auditedEntities = new Set(
  auditLines.flatMap((line) => [...line.matchAll(/\bentityType: '([a-z_]+)'/g)].map((m) => m[1] as string)),
);

describe('panel texts', () => {
  it('every action and kind of object the domain audits has a label, and no label is for nothing', () => {
    expect(auditedActions.size).toBeGreaterThan(50);
    expect(auditedEntities.size).toBeGreaterThan(20);
    const labelled = (prefix: string) =>
      [...webKeys].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
    expect(labelled('audit.actions.').sort()).toEqual(
      [...auditedActions].map((a) => actionKey(a).slice('audit.actions.'.length)).sort(),
    );
    expect(labelled('audit.entities.').sort()).toEqual([...auditedEntities].sort());
  });

  it('every key the code names exists in web.json', () => {
    expect([...literalKeys].filter((k) => !webKeys.has(k))).toEqual([]);
  });

  it('every key in web.json is used, literally or through a known dynamic prefix', () => {
    const dynamic = [
      ...NAV_ITEMS.map((item) => `nav.${item.key}`),
      ...['ADMIN', 'MANAGER', 'ACCOUNTANT', 'DISPATCHER', 'EXECUTOR', 'CHAIR', 'GUARD'].map(
        (r) => `roles.${r}`,
      ),
      ...['houses', 'premises', 'accounts', 'residents'].map((c) => `dashboard.${c}`),
      // Import problems are shown by the server's code.
      ...ISSUE_CODES.map(issueKey),
      ...TEXT_FIELDS.map((f) => `organization.field.${f}`),
      'organization.field.kind',
      ...REPLY_DELIVERIES.map((d) => `tickets.thread.delivery.${d}`),
      'organization.field.timezone',
      ...ORGANIZATION_KINDS.map((k) => `organization.kind.${k}`),
      // Audit entries are labelled by the action and kind of object the server stored.
      ...[...auditedActions].map(actionKey),
      ...[...auditedEntities].map((e) => `audit.entities.${e}`),
    ];
    const used = new Set([...literalKeys, ...dynamic]);
    // errors.<CODE> are looked up by the server's error code.
    const unused = [...webKeys].filter((k) => !used.has(k) && !/^errors\.[A-Z_]+$/.test(k));
    expect(unused).toEqual([]);
    for (const key of dynamic) expect(webKeys, key).toContain(key);
  });
});

describe('language', () => {
  it('starts in Russian unless the user chose otherwise or the browser prefers English', () => {
    expect(pickLanguage(null, [])).toBe('ru');
    expect(pickLanguage(null, ['ru-RU', 'en-US'])).toBe('ru');
    expect(pickLanguage(null, ['de-DE', 'en'])).toBe('ru');
    expect(pickLanguage(null, ['en-GB', 'ru'])).toBe('en');
    expect(pickLanguage(null, ['EN'])).toBe('en');
    expect(pickLanguage('ru', ['en-US'])).toBe('ru');
    expect(pickLanguage('en', ['ru-RU'])).toBe('en');
    expect(pickLanguage('fr', ['ru-RU'])).toBe('ru');
  });

  it('rounds retry delays up to a readable unit', () => {
    expect(retryDelay(0.2)).toEqual({ key: 'time.seconds', count: 1 });
    expect(retryDelay(59)).toEqual({ key: 'time.seconds', count: 59 });
    expect(retryDelay(60)).toEqual({ key: 'time.minutes', count: 1 });
    expect(retryDelay(61)).toEqual({ key: 'time.minutes', count: 2 });
    expect(retryDelay(3600)).toEqual({ key: 'time.hours', count: 1 });
  });
});

describe('error messages', () => {
  const ru = createI18n('ru');
  const en = createI18n('en');
  const rateLimited = (seconds?: number) =>
    new ApiError(
      429,
      'RATE_LIMITED',
      'Too many',
      seconds === undefined ? {} : { retryAfterSeconds: seconds },
    );

  it('shows errors.<code> when web.json has it, a generic text otherwise', () => {
    const invalid = new ApiError(401, 'INVALID_CREDENTIALS', 'nope');
    expect(describeError(invalid, ru)).toBe(resources.ru.web.errors.INVALID_CREDENTIALS);
    expect(describeError(invalid, en)).toBe(resources.en.web.errors.INVALID_CREDENTIALS);
    expect(describeError(new ApiError(0, 'NETWORK', 'fetch failed'), en)).toBe(
      resources.en.web.errors.NETWORK,
    );
    expect(describeError(new ApiError(418, 'TEAPOT', 'x'), ru)).toBe(resources.ru.web.errors.generic);
    expect(describeError(new Error('boom'), en)).toBe(resources.en.web.errors.generic);
    // A server code never selects one of the panel's own lower-case helper texts.
    expect(describeError(new ApiError(400, 'try_again_later', 'x'), en)).toBe(
      resources.en.web.errors.generic,
    );
  });

  it('says when to try again after a rate limit, with correct Russian plurals', () => {
    expect(describeError(rateLimited(1), ru)).toBe(
      'Слишком много попыток. Попробуйте снова через 1 секунду.',
    );
    expect(describeError(rateLimited(90), ru)).toBe(
      'Слишком много попыток. Попробуйте снова через 2 минуты.',
    );
    expect(describeError(rateLimited(21 * 60), ru)).toBe(
      'Слишком много попыток. Попробуйте снова через 21 минуту.',
    );
    expect(describeError(rateLimited(15 * 60), ru)).toBe(
      'Слишком много попыток. Попробуйте снова через 15 минут.',
    );
    expect(describeError(rateLimited(60), en)).toBe('Too many attempts. Please try again in 1 minute.');
    expect(describeError(rateLimited(7200), en)).toBe('Too many attempts. Please try again in 2 hours.');
    expect(describeError(rateLimited(), en)).toBe('Too many attempts. Please try again a little later.');
  });

  it('reads the API error shape and copes with bodies that are not', () => {
    const parsed = toApiError(400, {
      error: { code: 'VALIDATION', message: 'bad', details: { fields: { email: 'invalid' } } },
    });
    expect(parsed).toMatchObject({ status: 400, code: 'VALIDATION', message: 'bad' });
    expect(invalidFields(parsed)).toEqual(['email']);
    expect(invalidFields(new ApiError(400, 'VALIDATION', 'x', { fields: ['password'] }))).toEqual([
      'password',
    ]);
    expect(invalidFields(new ApiError(401, 'INVALID_CREDENTIALS', 'x'))).toEqual([]);
    expect(toApiError(502, undefined).code).toBe('UNAVAILABLE');
    expect(toApiError(500, '<html>').code).toBe('HTTP_500');
  });

  it('treats a 401 as a lost session, except a wrong password', () => {
    expect(isSessionLost(new ApiError(401, 'UNAUTHENTICATED', 'x'))).toBe(true);
    expect(isSessionLost(new ApiError(401, 'INVALID_CREDENTIALS', 'x'))).toBe(false);
    expect(isSessionLost(new ApiError(403, 'FORBIDDEN', 'x'))).toBe(false);
  });
});

describe('login form', () => {
  it('asks for an email and a password, and a plausible email', () => {
    expect(validateLogin('', '')).toEqual({
      email: 'login.email_required',
      password: 'login.password_required',
    });
    expect(validateLogin('manager', 'x')).toEqual({ email: 'login.email_invalid' });
    expect(validateLogin(' manager@example.ru ', 'secret')).toEqual({});
  });
});
