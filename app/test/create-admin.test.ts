import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyPassword } from '@domovoy/domain';
import { createDatabase, type Database } from '@domovoy/prisma';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, expectSuccess, npmRun } from './npm-run.ts';

/** Requisites that pass the banks' check digits (Sberbank's INN, BIC and correspondent account; an account keyed to it). */
const ORG = [
  ['--org-kind', 'UK'],
  ['--org-name', 'ООО «УК Надёжный дом»'],
  ['--org-inn', '7707083893'],
  ['--org-kpp', '773601001'],
  ['--org-ogrn', '1027700132195'],
  ['--org-phone', '+7 495 500-55-50'],
  ['--org-address', 'Москва, ул. Вавилова, 19'],
  ['--bank-name', 'ПАО Сбербанк'],
  ['--bic', '044525225'],
  ['--bank-account', '40702810938000012345'],
  ['--corr-account', '30101810400000000225'],
].flat();

/**
 * `npm run create-admin`, as whoever runs the server sets up a real deployment (no demo data) or gets back in, on
 * the embedded database: the organisation and its first administrator, who can then sign in.
 */
describe('npm run create-admin', () => {
  let dir: string;
  const run = (...args: string[]) =>
    npmRun(['create-admin', '--', ...args], { DATA_DIR: dir, DATABASE_URL: '', DEMO_DATA: 'off' });
  const withDb = async <T>(use: (db: Database) => Promise<T>) => {
    const db = await createDatabase({ dataDir: dir });
    try {
      return await use(db);
    } finally {
      await db.close();
    }
  };
  const passwordOf = (out: CliRun) => /\n {2}(\S+)\n/.exec(out.stdout)?.[1];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'domovoy-create-admin-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('refuses to start an organisation without its requisites, or with a typo in them, and writes nothing', async () => {
    const bare = await run('--email', 'boss@uk.test', '--name', 'Иванов Иван');
    expect(bare.status).toBe(1);
    expect(bare.stderr).toContain('there is no organisation yet: give its requisites');

    const typo = [...ORG];
    typo[typo.indexOf('--org-inn') + 1] = '7707083894';
    typo[typo.indexOf('--bank-account') + 1] = '40702810938000012346';
    typo[typo.indexOf('--org-ogrn') + 1] = '1027700132196';
    const bad = await run('--email', 'boss@uk.test', '--name', 'Иванов Иван', ...typo);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--org-inn: check digit does not match');
    expect(bad.stderr).toContain('--bank-account: control key does not match the BIC');
    expect(bad.stderr).toContain('--org-ogrn: check digit does not match');

    expect((await run('--email', 'boss@uk.test')).status).toBe(2);
    await withDb(async (db) => {
      expect(await db.prisma.organization.count()).toBe(0);
      expect(await db.prisma.staffUser.count()).toBe(0);
    });
  }, 120_000);

  it('creates the organisation and its administrator, whose stored hash matches the printed password', async () => {
    const out = await run('--email', ' Boss@UK.test ', '--name', 'Иванов Иван', ...ORG);
    expectSuccess(out);
    expect(out.stdout).toContain('Organisation created: ООО «УК Надёжный дом» (INN 7707083893).');
    const password = passwordOf(out);
    expect(password).toMatch(/^[\w-]{16}$/);
    await withDb(async (db) => {
      const admin = await db.prisma.staffUser.findUniqueOrThrow({
        where: { email: 'boss@uk.test' },
        select: { passwordHash: true, active: true, roles: { select: { role: true, houseId: true } } },
      });
      expect(admin.roles).toEqual([{ role: 'ADMIN', houseId: null }]);
      expect(admin.active).toBe(true);
      expect(await verifyPassword(admin.passwordHash, password!)).toBe(true);
      const org = await db.prisma.organization.findFirstOrThrow();
      expect(org).toMatchObject({
        kind: 'UK',
        inn: '7707083893',
        kpp: '773601001',
        ogrn: '1027700132195',
        phone: '+7 495 500-55-50',
        email: null,
        bic: '044525225',
      });
      const audit = await db.prisma.auditLog.findMany({ orderBy: { id: 'asc' } });
      expect(audit.map((a) => [a.action, a.staffUserId])).toEqual([
        ['organization.create', null],
        ['staff.create', null],
      ]);
    });
  }, 120_000);

  it('adds another administrator to the existing organisation by INN, once per email', async () => {
    const out = await run('--email', 'deputy@uk.test', '--name', 'Петров Пётр', '--org-inn', '7707083893');
    expectSuccess(out);
    expect(out.stdout).toContain('Organisation: ООО «УК Надёжный дом» (INN 7707083893).');
    const again = await run('--email', 'deputy@uk.test', '--name', 'Петров Пётр');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('a staff account with this email exists');
    const unknown = await run('--email', 'x@uk.test', '--name', 'X', '--org-inn', '7736050003');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('no organisation with INN 7736050003');
    await withDb(async (db) => {
      expect(await db.prisma.organization.count()).toBe(1);
      expect(
        (await db.prisma.staffUser.findMany({ select: { email: true } })).map((u) => u.email).sort(),
      ).toEqual(['boss@uk.test', 'deputy@uk.test']);
    });
  }, 120_000);
});
