import { readFileSync } from 'node:fs';
import { createTestDatabase, DATABASE_BACKENDS, type TestDatabase } from '@domovoy/test-support/backends';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainDeps } from '../src/context.ts';
import { isAppError } from '../src/errors/app-error.ts';
import {
  importBankStatement,
  listAccountPayments,
  listUnmatchedPayments,
  matchPayment,
  recordManualPayment,
  reversePayment,
  type StatementItem,
} from '../src/payments/index.ts';
import type { StaffRoleName } from '../src/permissions/policy.ts';
import type { StaffActor } from '../src/staff/staff-actor.ts';

const NOW = new Date('2026-11-11T09:00:00Z');
const OUR_ACCOUNT = '40702810000000000001';
const fixture = (name: string) => readFileSync(new URL(`./fixtures/bank/${name}`, import.meta.url));
const SAMPLE = fixture('statement-1251.txt');
const SAMPLE_UTF8 = fixture('statement-utf8.txt');

/**
 * What the sample statement must give: bank document number → [account number, period named]. Written out by hand
 * from the purposes in fixtures/bank/make-sample.ts, not computed by the code under test.
 */
const EXPECTED_MATCHED: [string, string, string | null][] = [
  ['1', '100001', '2026-10'],
  ['2', '100002', '2026-10'],
  ['3', '100003', '2026-10'],
  ['4', '100004', null],
  ['5', '100005', '2026-10'],
  ['6', '100006', null],
  ['701', '100007', '2026-10'],
  ['702', '100008', '2026-10'],
  ['9', '100009', '2026-09'],
  ['10', '100010', '2026-09'],
  ['11', '100011', null],
  ['12', '100012', null],
  ['13', '100013', '2026-11'],
  ['14', '100014', null],
  ['15', '100015', null],
  ['16', '100016', '2026-10'],
  ['17', '100017', null],
  ['18', '100018', null],
  ['719', '100019', '2026-09'],
  ['20', '100020', '2026-10'],
  ['21', '100021', '2026-10'],
  ['22', '100022', '2026-10'],
  ['23', '100023', null],
  ['24', '100024', null],
  ['25', '0054321', null],
  ['26', '100026', '2026-10'],
  ['27', '100027', '2026-10'],
  ['28', '100028', '2026-10'],
  ['29', '100029', null],
  ['30', '100030', null],
  ['31', '100031', '2026-10'],
  ['32', '100032', null],
  ['33', '100033', null],
  ['34', '100034', null],
  ['35', '100035', null],
  ['36', '100036', null],
  ['37', '100001', '2026-11'],
  ['39', '100039', null],
  ['40', '100040', '2026-10'],
];
const EXPECTED_UNMATCHED: [string, string][] = [
  ['41', 'no-account-number'],
  ['42', 'no-account-number'],
  ['43', 'account-not-found'],
  ['44', 'ambiguous'],
  ['45', 'ambiguous'],
  ['46', 'no-account-number'],
  ['47', 'no-account-number'],
  ['48', 'no-account-number'],
];
const MATCHED_KOPECKS = 12_367_960n;

/**
 * Accounts of the organisation: 100001–100041, 0054321 (written without its zeros by a payer), and numbers that
 * equal the sample's postcode, INN and phone, so that taking any of those for an account would show.
 */
const ACCOUNT_NUMBERS = [
  ...Array.from({ length: 41 }, (_, i) => String(100001 + i)),
  '0054321',
  '125009',
  '7701234567',
  '89161234567',
];

describe.each(DATABASE_BACKENDS)('bank statement import and payments [%s]', (backend) => {
  let db: TestDatabase;
  let deps: DomainDeps;
  let orgId: string;
  let houseA: string;
  let houseB: string;
  const accounts = new Map<string, string>();
  const actors = {} as Record<'accountant' | 'accountantB' | 'dispatcher' | 'chair' | 'otherOrg', StaffActor>;
  let otherOrgAccount: string;

  async function staff(organizationId: string, key: string, role: StaffRoleName, houseId: string | null) {
    const user = await db.prisma.staffUser.create({
      data: {
        organizationId,
        email: `${key}@payments.test`,
        fullName: key,
        passwordHash: 'x',
        roles: { create: [{ role, houseId }] },
      },
    });
    return { staffUserId: user.id, organizationId, grants: [{ role, houseId }] };
  }

  async function organization(inn: string, bankAccount: string) {
    return db.prisma.organization.create({
      data: {
        kind: 'UK',
        name: `УК ${inn}`,
        inn,
        bankAccount,
        bankName: 'Тестбанк',
        bic: '044525000',
        corrAccount: '30101810000000000000',
        address: 'Москва',
      },
    });
  }

  beforeAll(async () => {
    db = await createTestDatabase(backend);
    deps = { db, now: () => NOW };
    const org = await organization('7700000001', OUR_ACCOUNT);
    orgId = org.id;
    houseA = (
      await db.prisma.house.create({
        data: { organizationId: orgId, address: 'ул. Тестовая, 5', totalArea: '3000' },
      })
    ).id;
    houseB = (
      await db.prisma.house.create({
        data: { organizationId: orgId, address: 'ул. Другая, 7', totalArea: '3000' },
      })
    ).id;
    for (const [i, number] of ACCOUNT_NUMBERS.entries()) {
      const premises = await db.prisma.premises.create({
        data: { houseId: i < 20 ? houseA : houseB, number: String(i + 1), area: '50.00' },
      });
      const account = await db.prisma.personalAccount.create({
        data: { organizationId: orgId, premisesId: premises.id, number, inviteCode: `PAYTEST${i}` },
      });
      accounts.set(number, account.id);
    }
    actors.accountant = await staff(orgId, 'accountant', 'ACCOUNTANT', null);
    actors.accountantB = await staff(orgId, 'accountant-b', 'ACCOUNTANT', houseB);
    actors.dispatcher = await staff(orgId, 'dispatcher', 'DISPATCHER', null);
    actors.chair = await staff(orgId, 'chair', 'CHAIR', null);
    const other = await organization('7700000009', '40702810000000000009');
    const otherHouse = await db.prisma.house.create({
      data: { organizationId: other.id, address: 'ул. Чужая, 1', totalArea: '100' },
    });
    const otherPremises = await db.prisma.premises.create({
      data: { houseId: otherHouse.id, number: '1', area: '50.00' },
    });
    otherOrgAccount = (
      await db.prisma.personalAccount.create({
        data: {
          organizationId: other.id,
          premisesId: otherPremises.id,
          number: '100001',
          inviteCode: 'PAYOTHER1',
        },
      })
    ).id;
    actors.otherOrg = await staff(other.id, 'other-accountant', 'ACCOUNTANT', null);
  });
  afterAll(() => db?.destroy());

  const refused = async (promise: Promise<unknown>, code: string) => {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(isAppError(error), String(error)).toBe(true);
    expect((error as { code: string }).code).toBe(code);
    return error as { code: string; message: string; details: Record<string, unknown> };
  };
  const paymentOfDoc = (number: string) =>
    db.prisma.payment.findFirstOrThrow({ where: { organizationId: orgId, bankDocNumber: number } });
  const matchedList = (items: StatementItem[]) =>
    items.filter((i) => i.outcome === 'matched').map((i) => [i.number, i.accountNumber, i.period]);
  const unmatchedList = (items: StatementItem[]) =>
    items.filter((i) => i.outcome === 'unmatched').map((i) => [i.number, i.reason]);

  it('a dry run reports what would be matched, unmatched and skipped, and writes nothing', async () => {
    const report = await importBankStatement(deps, actors.accountant, {
      fileName: 'statement-1251.txt',
      content: SAMPLE,
      dryRun: true,
    });
    expect(report).toMatchObject({
      encoding: 'windows-1251',
      accounts: [OUR_ACCOUNT],
      dateFrom: '2026-11-01',
      dateTo: '2026-11-10',
      documents: 54,
      counts: { matched: 39, unmatched: 8, duplicates: 1, skippedOutgoing: 5, skippedOther: 1 },
      amounts: { matchedKopecks: Number(MATCHED_KOPECKS) },
      dryRun: true,
      applied: false,
      batchId: null,
    });
    expect(matchedList(report.items)).toEqual(EXPECTED_MATCHED);
    expect(await db.prisma.payment.count()).toBe(0);
    expect(await db.prisma.importBatch.count()).toBe(0);
    expect(await db.prisma.auditLog.count({ where: { action: 'payment.import' } })).toBe(0);
  });

  it('imports the sample: the exact matched and unmatched lists, ≥ 95 % of documents naming a real account matched', async () => {
    const report = await importBankStatement(deps, actors.accountant, {
      fileName: 'statement-1251.txt',
      content: SAMPLE,
    });
    expect(report.applied).toBe(true);
    expect(report.counts).toEqual({
      matched: 39,
      unmatched: 8,
      duplicates: 1,
      skippedOutgoing: 5,
      skippedOther: 1,
    });
    expect(matchedList(report.items)).toEqual(EXPECTED_MATCHED);
    expect(unmatchedList(report.items)).toEqual(EXPECTED_UNMATCHED);
    expect(report.items.filter((i) => i.outcome === 'duplicate').map((i) => [i.number, i.line])).toEqual([
      ['1', report.items.filter((i) => i.number === '1')[1]!.line],
    ]);
    expect(report.items.filter((i) => i.outcome === 'skipped').map((i) => [i.number, i.reason])).toEqual([
      ['501', 'outgoing'],
      ['502', 'outgoing'],
      ['503', 'outgoing'],
      ['504', 'outgoing'],
      ['505', 'outgoing'],
      ['54', 'not-incoming'],
    ]);
    // Documents that name at least one existing account: matched, plus the two that name two accounts each.
    const significant = (n: string) => n.replace(/^0+/, '');
    const existing = new Set([...accounts.keys()].map(significant));
    const namingReal = report.items.filter(
      (i) =>
        (i.outcome === 'matched' || i.outcome === 'unmatched') &&
        i.accountNumbers.some((n) => existing.has(significant(n))),
    );
    const matchedShare = report.counts.matched / namingReal.length;
    expect(namingReal.length).toBe(41);
    expect(matchedShare).toBeGreaterThanOrEqual(0.95);

    // What the database holds.
    const rows = await db.prisma.payment.findMany({
      where: { organizationId: orgId },
      include: { account: { select: { number: true } } },
    });
    expect(rows).toHaveLength(47);
    expect(rows.every((r) => r.importBatchId === report.batchId && r.source === 'BANK_IMPORT')).toBe(true);
    const matched = rows.filter((r) => r.status === 'MATCHED');
    expect(
      matched
        .map((r) => [r.bankDocNumber, r.account!.number, r.period?.toISOString().slice(0, 7) ?? null])
        .sort((a, b) => Number(a[0]) - Number(b[0]) || String(a[2]).localeCompare(String(b[2]))),
    ).toEqual(
      [...EXPECTED_MATCHED].sort(
        (a, b) => Number(a[0]) - Number(b[0]) || String(a[2]).localeCompare(String(b[2])),
      ),
    );
    expect(matched.reduce((s, r) => s + r.amountKopecks, 0n)).toBe(MATCHED_KOPECKS);
    expect(
      matched.every((r) => r.matchedAt?.getTime() === NOW.getTime() && r.matchedByStaffId === null),
    ).toBe(true);
    const unmatched = rows.filter((r) => r.status === 'UNMATCHED');
    expect(unmatched.map((r) => r.bankDocNumber).sort()).toEqual(EXPECTED_UNMATCHED.map(([n]) => n).sort());
    expect(unmatched.every((r) => r.accountId === null && r.matchedAt === null)).toBe(true);

    const sber = await paymentOfDoc('701');
    expect(sber).toMatchObject({
      amountKopecks: 350000n,
      paidAt: new Date(Date.UTC(2026, 10, 3)),
      bankDocDate: new Date(Date.UTC(2026, 10, 3)),
      payerName: 'ПАО СБЕРБАНК',
      payerInn: '7707083893',
      payerAccount: '30233810000000000099',
      period: new Date(Date.UTC(2026, 9, 1)),
      accountId: accounts.get('100007'),
    });
    expect((await paymentOfDoc('33')).amountKopecks).toBe(150050n);

    const batch = await db.prisma.importBatch.findUniqueOrThrow({ where: { id: report.batchId! } });
    expect(batch).toMatchObject({
      kind: 'BANK_STATEMENT',
      fileName: 'statement-1251.txt',
      sha256: report.sha256,
      createdByStaffId: actors.accountant.staffUserId,
      stats: expect.objectContaining({ matched: 39, unmatched: 8, duplicates: 1, skippedOutgoing: 5 }),
    });
    const audit = await db.prisma.auditLog.findMany({ where: { action: 'payment.import' } });
    expect(audit).toEqual([
      expect.objectContaining({
        organizationId: orgId,
        staffUserId: actors.accountant.staffUserId,
        entityType: 'import_batch',
        entityId: report.batchId,
        after: expect.objectContaining({ fileName: 'statement-1251.txt', matched: 39, unmatched: 8 }),
      }),
    ]);
  });

  it('importing the same statement again, or its UTF-8 variant, adds nothing', async () => {
    const before = await db.prisma.payment.count();
    const again = await importBankStatement(deps, actors.accountant, {
      fileName: 'statement-1251.txt',
      content: SAMPLE,
    });
    expect(again.counts).toEqual({
      matched: 0,
      unmatched: 0,
      duplicates: 48,
      skippedOutgoing: 5,
      skippedOther: 1,
    });
    expect(again.amounts).toEqual({ matchedKopecks: 0, unmatchedKopecks: 0 });
    expect(again.previousImport?.batchId).toEqual(expect.any(String));
    const utf8 = await importBankStatement(deps, actors.accountant, {
      fileName: 'statement-utf8.txt',
      content: SAMPLE_UTF8,
    });
    expect(utf8.encoding).toBe('utf-8');
    expect(utf8.counts.duplicates).toBe(48);
    expect(utf8.counts.matched + utf8.counts.unmatched).toBe(0);
    expect(await db.prisma.payment.count()).toBe(before);
    // Each upload is still on record, with no payments of its own.
    expect(await db.prisma.payment.count({ where: { importBatchId: again.batchId } })).toBe(0);
  });

  it('refuses a broken file or another account’s statement with a clear message, writing nothing', async () => {
    const batches = await db.prisma.importBatch.count();
    const text = SAMPLE_UTF8.toString('utf8');
    const broken = Buffer.from(text.replace('Сумма=4210.55', 'Сумма=4210.5.5'), 'utf8');
    const lineOfSum = text.split(/\r?\n/).indexOf('Сумма=4210.55') + 1;
    const error = await refused(
      importBankStatement(deps, actors.accountant, { fileName: 'broken.txt', content: broken }),
      'VALIDATION',
    );
    expect(error.message).toBe(
      `the bank statement cannot be imported: line ${lineOfSum}: document 2: «Сумма=4210.5.5» is not an amount in rubles such as 1234.56`,
    );
    expect(error.details.problems).toEqual([
      expect.objectContaining({ line: lineOfSum, code: 'document.sum' }),
    ]);

    const cut = Buffer.from(text.slice(0, text.indexOf('КонецФайла')), 'utf8');
    const truncated = await refused(
      importBankStatement(deps, actors.accountant, { fileName: 'cut.txt', content: cut, dryRun: true }),
      'VALIDATION',
    );
    expect(truncated.message).toContain('the file ends without «КонецФайла»');

    const notOneC = await refused(
      importBankStatement(deps, actors.accountant, {
        fileName: 'x.csv',
        content: Buffer.from('a;b;c\n1;2;3'),
      }),
      'VALIDATION',
    );
    expect(notOneC.message).toContain('line 1: this is not a 1C bank statement');

    const foreign = Buffer.from(text.replaceAll(OUR_ACCOUNT, '40702810000000000555'), 'utf8');
    const wrongAccount = await refused(
      importBankStatement(deps, actors.accountant, { fileName: 'other.txt', content: foreign }),
      'VALIDATION',
    );
    expect(wrongAccount.message).toContain(
      "the statement is for account 40702810000000000555, not the organisation's account 40702810000000000001",
    );
    expect(await db.prisma.importBatch.count()).toBe(batches);
    // An organisation's other account (a special account) imports when asked to; all of it is new there.
    const special = await importBankStatement(deps, actors.accountant, {
      fileName: 'special.txt',
      content: foreign,
      dryRun: true,
      allowOtherAccount: true,
    });
    expect(special.counts).toMatchObject({ matched: 39, unmatched: 8, duplicates: 1 });
  });

  it('needs payments.write organisation-wide: house-scoped accountants and dispatchers are refused', async () => {
    for (const actor of [actors.accountantB, actors.dispatcher, actors.chair]) {
      await refused(
        importBankStatement(deps, actor, { fileName: 's.txt', content: SAMPLE, dryRun: true }),
        'FORBIDDEN',
      );
      await refused(listUnmatchedPayments(deps, actor), 'FORBIDDEN');
    }
    await refused(
      importBankStatement(deps, actors.accountant, {
        organizationId: 'another',
        fileName: 's.txt',
        content: SAMPLE,
      }),
      'FORBIDDEN',
    );
  });

  it('the unmatched queue: oldest first, with what each purpose names; staff assign a payment once, audited', async () => {
    const queue = await listUnmatchedPayments(deps, actors.accountant, { pageSize: 100 });
    expect(queue.total).toBe(8);
    expect(queue.items.map((p) => p.bankDocNumber)).toEqual(['41', '42', '43', '44', '45', '46', '47', '48']);
    const sum = (await db.prisma.payment.findMany({ where: { status: 'UNMATCHED' } })).reduce(
      (s, p) => s + p.amountKopecks,
      0n,
    );
    expect(queue.totalKopecks).toBe(Number(sum));
    const ambiguous = queue.items.find((p) => p.bankDocNumber === '44')!;
    expect(ambiguous.suggestion).toEqual({
      accountNumbers: ['100001', '100002'],
      reason: 'ambiguous',
      accounts: [
        { id: accounts.get('100001'), number: '100001', houseId: houseA },
        { id: accounts.get('100002'), number: '100002', houseId: houseA },
      ].sort((a, b) => a.number.localeCompare(b.number)),
    });
    expect(queue.items.find((p) => p.bankDocNumber === '43')!.suggestion).toEqual({
      accountNumbers: ['999999'],
      reason: 'account-not-found',
      accounts: [],
    });
    const page2 = await listUnmatchedPayments(deps, actors.accountant, { page: 2, pageSize: 3 });
    expect(page2.items.map((p) => p.bankDocNumber)).toEqual(['44', '45', '46']);
    expect(
      (await listUnmatchedPayments(deps, actors.accountant, { search: 'григорьев' })).items,
    ).toHaveLength(1);
    expect((await listUnmatchedPayments(deps, actors.otherOrg)).total).toBe(0);

    // A house-B accountant cannot assign to a house-A account; another organisation's account does not exist here.
    await refused(
      matchPayment(deps, actors.accountantB, { paymentId: ambiguous.id, accountId: accounts.get('100001')! }),
      'FORBIDDEN',
    );
    await refused(
      matchPayment(deps, actors.accountant, { paymentId: ambiguous.id, accountId: otherOrgAccount }),
      'NOT_FOUND',
    );
    await refused(
      matchPayment(deps, actors.otherOrg, { paymentId: ambiguous.id, accountId: otherOrgAccount }),
      'NOT_FOUND',
    );

    const matched = await matchPayment(deps, actors.accountant, {
      paymentId: ambiguous.id,
      accountId: accounts.get('100001')!,
      period: '2026-10',
    });
    expect(matched).toMatchObject({
      status: 'MATCHED',
      accountNumber: '100001',
      period: '2026-10',
      amountKopecks: 800000,
      matchedByStaffId: actors.accountant.staffUserId,
    });
    await refused(
      matchPayment(deps, actors.accountant, { paymentId: ambiguous.id, accountId: accounts.get('100002')! }),
      'INVALID_STATE',
    );
    expect((await listUnmatchedPayments(deps, actors.accountant)).total).toBe(7);
    const audit = await db.prisma.auditLog.findMany({ where: { entityId: ambiguous.id } });
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'payment.match',
        staffUserId: actors.accountant.staffUserId,
        before: expect.objectContaining({ status: 'UNMATCHED', accountId: null }),
        after: expect.objectContaining({ status: 'MATCHED', accountNumber: '100001', period: '2026-10' }),
      }),
    ]);
  });

  it('manual payments: exact amount, matched at once, audited; a future day or a bad amount is refused', async () => {
    const accountId = accounts.get('100040')!;
    const payment = await recordManualPayment(deps, actors.accountant, {
      accountId,
      amount: '1234,56',
      paidAt: '2026-11-11',
      period: '2026-10',
      comment: 'Касса, ПКО №15',
    });
    expect(payment).toMatchObject({
      status: 'MATCHED',
      source: 'MANUAL',
      amountKopecks: 123456,
      paidAt: '2026-11-11',
      period: '2026-10',
      purpose: 'Касса, ПКО №15',
      accountNumber: '100040',
      matchedByStaffId: actors.accountant.staffUserId,
    });
    expect(await db.prisma.auditLog.findMany({ where: { entityId: payment.id } })).toEqual([
      expect.objectContaining({
        action: 'payment.create',
        after: expect.objectContaining({ amountKopecks: 123456, comment: 'Касса, ПКО №15' }),
      }),
    ]);
    // Two equal cash receipts are two payments.
    const twin = await recordManualPayment(deps, actors.accountant, {
      accountId,
      amount: '1234.56',
      paidAt: '2026-11-11',
    });
    expect(twin.id).not.toBe(payment.id);
    expect(twin.period).toBeNull();

    const future = await refused(
      recordManualPayment(deps, actors.accountant, { accountId, amount: '10', paidAt: '2026-11-12' }),
      'VALIDATION',
    );
    expect(future.details.fields).toEqual({ paidAt: 'the payment day cannot be in the future' });
    for (const amount of ['0', '-5', '12.345', 'abc']) {
      await expect(
        recordManualPayment(deps, actors.accountant, { accountId, amount, paidAt: '2026-11-10' }),
        amount,
      ).rejects.toThrow(/the amount must be in rubles above zero/);
    }
    await refused(
      recordManualPayment(deps, actors.dispatcher, { accountId, amount: '10', paidAt: '2026-11-10' }),
      'FORBIDDEN',
    );
    await refused(
      recordManualPayment(deps, actors.accountantB, {
        accountId: accounts.get('100001')!,
        amount: '10',
        paidAt: '2026-11-10',
      }),
      'FORBIDDEN',
    );
  });

  it('reversal: a reversed payment no longer counts; reversing twice is INVALID_STATE; the reason shows in the history', async () => {
    const accountId = accounts.get('100001')!;
    const history = () => listAccountPayments(deps, actors.accountant, { accountId, pageSize: 100 });
    const before = await history();
    // Documents 1 and 37 from the statement, and document 44 assigned by hand: 3500 + 3500 + 8000.
    expect(before.countedKopecks).toBe(1_500_000);
    expect(before.items.map((p) => p.bankDocNumber)).toEqual(['44', '37', '1']);

    const doc37 = before.items.find((p) => p.bankDocNumber === '37')!;
    await expect(
      reversePayment(deps, actors.accountant, { paymentId: doc37.id, reason: ' ' }),
    ).rejects.toThrow(/say why the payment is reversed/);
    const reversed = await reversePayment(deps, actors.accountant, {
      paymentId: doc37.id,
      reason: 'Возврат плательщику по заявлению',
    });
    expect(reversed).toMatchObject({
      status: 'REVERSED',
      reversalReason: 'Возврат плательщику по заявлению',
    });
    expect(reversed.reversedAt).toBe(NOW.toISOString());
    const second = await refused(
      reversePayment(deps, actors.accountant, { paymentId: doc37.id, reason: 'ещё раз' }),
      'INVALID_STATE',
    );
    expect(second.message).toBe('the payment is already reversed');

    const after = await history();
    expect(after.countedKopecks).toBe(1_150_000);
    expect(after.total).toBe(3);
    expect(after.items.find((p) => p.id === doc37.id)).toMatchObject({
      status: 'REVERSED',
      reversalReason: 'Возврат плательщику по заявлению',
    });
    expect((await listAccountPayments(deps, actors.accountant, { accountId, status: 'counted' })).total).toBe(
      2,
    );
    expect(
      (await listAccountPayments(deps, actors.accountant, { accountId, status: 'reversed' })).total,
    ).toBe(1);
    expect(await db.prisma.auditLog.findMany({ where: { entityId: doc37.id } })).toEqual([
      expect.objectContaining({
        action: 'payment.reverse',
        before: expect.objectContaining({ status: 'MATCHED', amountKopecks: 350000 }),
        after: expect.objectContaining({ status: 'REVERSED', reason: 'Возврат плательщику по заявлению' }),
      }),
    ]);

    // An unmatched payment sent back to the payer leaves the queue; it needs an organisation-wide grant.
    const unmatched = await paymentOfDoc('42');
    await refused(
      reversePayment(deps, actors.accountantB, { paymentId: unmatched.id, reason: 'возврат' }),
      'FORBIDDEN',
    );
    await reversePayment(deps, actors.accountant, {
      paymentId: unmatched.id,
      reason: 'Возврат: реквизиты не наши',
    });
    expect(
      (await listUnmatchedPayments(deps, actors.accountant)).items.map((p) => p.bankDocNumber),
    ).not.toContain('42');
    await refused(
      matchPayment(deps, actors.accountant, { paymentId: unmatched.id, accountId }),
      'INVALID_STATE',
    );
  });

  it('account payment history: newest first, paginated; payer data only for roles that may see it', async () => {
    const accountId = accounts.get('100001')!;
    const page1 = await listAccountPayments(deps, actors.accountant, { accountId, pageSize: 2 });
    const page2 = await listAccountPayments(deps, actors.accountant, { accountId, pageSize: 2, page: 2 });
    expect(page1).toMatchObject({
      total: 3,
      page: 1,
      pageSize: 2,
      account: { number: '100001', houseId: houseA },
    });
    expect([...page1.items, ...page2.items].map((p) => p.paidAt)).toEqual([
      '2026-11-10',
      '2026-11-09',
      '2026-11-02',
    ]);
    expect(page1.items[0]).toMatchObject({ payerName: 'Иванов Иван Иванович', personalDataHidden: false });
    const chair = await listAccountPayments(deps, actors.chair, { accountId });
    expect(chair.countedKopecks).toBe(page1.countedKopecks);
    expect(chair.items[0]).toMatchObject({
      payerName: null,
      payerAccount: null,
      purpose: null,
      personalDataHidden: true,
      amountKopecks: 800000,
    });
    await refused(listAccountPayments(deps, actors.dispatcher, { accountId }), 'FORBIDDEN');
    await refused(listAccountPayments(deps, actors.otherOrg, { accountId }), 'NOT_FOUND');
  });
});
