import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STAND_BACKENDS } from '@domovoy/test-support/stand';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { castVote } from '../../domain/src/polls/cast-vote.ts';
import { hashPassword } from '../../domain/src/staff/password.ts';
import { buildTestApi, type Client, PASSWORD, type TestApi } from './helper.ts';

const hasPoppler = existsSync('/usr/bin/pdftotext');

/**
 * The polls API over the hand-computed owners' meeting of domain/src/polls/compute-results.test.ts: house A gets
 * flat 1 54.30 m² (A ½, B ½), flat 2 71.15 m² (C ⅓, D ⅔), 1Н 200.00 m² (E) and flat 3 45.70 m² (F); 371.15 m² in all.
 */
describe.each(STAND_BACKENDS)('polls API [$database] [$kv]', (backends) => {
  let t: TestApi;
  let chairA: Client;
  let chairB: Client;
  let manager: Client;
  let dispatcherA: Client;
  let accountant: Client;
  let workDir: string;
  let meetingId: string;
  const voters = { A: 2001n, C: 2003n, D: 2004n, E: 2005n };

  const signIn = async (email: string): Promise<Client> => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: PASSWORD },
    });
    expect(res.statusCode, res.body).toBe(200);
    const cookie = `domovoy_sid=${res.cookies.find((c) => c.name === 'domovoy_sid')?.value}`;
    const { csrfToken } = res.json() as { csrfToken: string };
    return {
      csrfToken,
      cookie,
      request: ({ csrf = true, headers, ...options }) =>
        t.app.inject({
          ...options,
          headers: { ...headers, cookie, ...(csrf ? { 'x-csrf-token': csrfToken } : {}) },
        }),
    };
  };

  const meeting = {
    kind: 'OWNERS_MEETING',
    title: 'Годовое собрание',
    initiator: 'Правление',
    endsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    questions: [
      { text: 'Утвердить отчёт правления', threshold: 'MAJORITY_OF_PARTICIPANTS' },
      { text: 'Капитальный ремонт крыши', threshold: 'TWO_THIRDS_OF_ALL' },
    ],
  };

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'polls-api-'));
    t = await buildTestApi(backends);
    const p = t.db.prisma;
    const passwordHash = await hashPassword(PASSWORD);
    for (const [email, houseId] of [
      ['chair-a@test.local', t.fx.houseA],
      ['chair-b@test.local', t.fx.houseB],
    ] as const)
      await p.staffUser.create({
        data: {
          organizationId: t.fx.orgId,
          email,
          fullName: email.slice(0, 7),
          passwordHash,
          roles: { create: [{ role: 'CHAIR', houseId }] },
        },
      });
    [chairA, chairB, manager, dispatcherA, accountant] = await Promise.all([
      signIn('chair-a@test.local'),
      signIn('chair-b@test.local'),
      t.login('manager'),
      t.login('dispatcherA'),
      t.login('accountant'),
    ]);
    await p.house.update({ where: { id: t.fx.houseA }, data: { totalArea: '371.15' } });
    let accounts = 0;
    const flat = async (number: string, area: string, kind: 'FLAT' | 'NON_RESIDENTIAL' = 'FLAT') => {
      const premises = await p.premises.create({ data: { houseId: t.fx.houseA, number, area, kind } });
      const account = await p.personalAccount.create({
        data: {
          organizationId: t.fx.orgId,
          premisesId: premises.id,
          number: String(300000 + ++accounts),
          inviteCode: `PL${premises.id.slice(-8)}`,
        },
      });
      return { premisesId: premises.id, accountId: account.id };
    };
    const owner = async (
      fullName: string,
      premisesId: string,
      n: number,
      d: number,
      telegram?: bigint,
      accountId?: string,
    ) => {
      const o = await p.owner.create({ data: { organizationId: t.fx.orgId, fullName } });
      await p.ownership.create({
        data: { ownerId: o.id, premisesId, shareNumerator: n, shareDenominator: d },
      });
      if (telegram && accountId) {
        const r = await p.resident.create({
          data: { telegramUserId: telegram, chatId: telegram, firstName: fullName },
        });
        await p.residentAccountLink.create({
          data: { residentId: r.id, accountId, role: 'OWNER', ownerId: o.id, linkedVia: 'STAFF' },
        });
      }
    };
    const f1 = await flat('1', '54.30');
    const f2 = await flat('2', '71.15');
    const shop = await flat('1Н', '200.00', 'NON_RESIDENTIAL');
    const f3 = await flat('3', '45.70');
    await owner('Андреев Андрей Андреевич', f1.premisesId, 1, 2, voters.A, f1.accountId);
    await owner('Борисова Белла Борисовна', f1.premisesId, 1, 2);
    await owner('Сидоров Семён Семёнович', f2.premisesId, 1, 3, voters.C, f2.accountId);
    await owner('Дмитриева Дарья Дмитриевна', f2.premisesId, 2, 3, voters.D, f2.accountId);
    await owner('ООО «Магазин у дома»', shop.premisesId, 1, 1, voters.E, shop.accountId);
    await owner('Городской округ', f3.premisesId, 1, 1);
  });
  afterAll(async () => {
    await t?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('a chair drafts, publishes and closes an owners’ meeting; results by area × share', async () => {
    const created = await chairA.request({
      method: 'POST',
      url: '/api/polls',
      payload: { ...meeting, houseId: t.fx.houseA },
    });
    expect(created.statusCode, created.body).toBe(201);
    const draft = created.json();
    meetingId = draft.id;
    expect(draft).toMatchObject({
      status: 'DRAFT',
      kind: 'OWNERS_MEETING',
      voteUnit: 'BY_OWNERSHIP',
      totalVotes: null,
    });
    expect(draft.questions[0].options.map((o: { decision: string }) => o.decision)).toEqual([
      'FOR',
      'AGAINST',
      'ABSTAIN',
    ]);

    const early = await chairA.request({ method: 'GET', url: `/api/polls/${meetingId}/results` });
    expect(early.statusCode).toBe(409);

    const published = await chairA.request({ method: 'POST', url: `/api/polls/${meetingId}/publish` });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ status: 'ACTIVE', totalVotes: '371.15', recipients: 4 });

    // A votes for, against; C against, against; D for, for; E for, for.
    const ballots: [bigint, number[]][] = [
      [voters.A, [1, 2]],
      [voters.C, [2, 2]],
      [voters.D, [1, 1]],
      [voters.E, [1, 1]],
    ];
    for (const [telegramUserId, answers] of ballots)
      for (const [i, option] of answers.entries())
        await castVote({ db: t.db }, { telegramUserId, pollId: meetingId, question: i + 1, option });

    const got = await chairA.request({ method: 'GET', url: `/api/polls/${meetingId}` });
    expect(got.json()).toMatchObject({ voters: 4, invited: 4 });
    const list = await chairA.request({
      method: 'GET',
      url: `/api/polls?houseId=${t.fx.houseA}&status=ACTIVE`,
    });
    expect(list.json()).toMatchObject({ total: 1, items: [{ id: meetingId, voters: 4, questions: 2 }] });

    const pdfEarly = await chairA.request({ method: 'GET', url: `/api/polls/${meetingId}/protocol.pdf` });
    expect(pdfEarly.statusCode).toBe(409);

    const closed = await chairA.request({ method: 'POST', url: `/api/polls/${meetingId}/close` });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'FINISHED', notified: 4 });
    const { results } = (
      await chairA.request({ method: 'GET', url: `/api/polls/${meetingId}/results` })
    ).json();
    // P = 298.30 of 371.15 (80.37 %); Q1 for 274.58 of P (92.05 %); Q2 for 247.43 = exactly 2/3 of all: adopted.
    expect(results).toMatchObject({ participantVotes: '298.30', participantPercent: '80.37', quorum: true });
    expect(results.questions.map((q: { decision: string }) => q.decision)).toEqual(['ADOPTED', 'ADOPTED']);
    expect(results.questions[1].options[0]).toMatchObject({
      decision: 'FOR',
      votes: '247.43',
      percent: '66.67',
    });

    const register = (
      await chairA.request({ method: 'GET', url: `/api/polls/${meetingId}/register` })
    ).json();
    expect(register.items.map((r: { ownerName: string; votes: string }) => [r.ownerName, r.votes])).toEqual([
      ['Андреев Андрей Андреевич', '27.15'],
      ['Дмитриева Дарья Дмитриевна', '47.43'],
      ['Сидоров Семён Семёнович', '23.72'],
      ['ООО «Магазин у дома»', '200.00'],
    ]);
    const audit = await t.db.prisma.auditLog.findMany({
      where: { entityId: meetingId },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((a) => a.action)).toEqual(['poll.create', 'poll.publish', 'poll.close']);
  });

  it('returns the protocol as PDF and XLSX with the register of owners who voted', async () => {
    const pdf = await chairA.request({ method: 'GET', url: `/api/polls/${meetingId}/protocol.pdf` });
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(
      /^attachment; filename="protocol-\d{4}-\d{2}-\d{2}-.+\.pdf"$/,
    );
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    if (hasPoppler && pdf.headers['x-pdf-font'] !== 'Helvetica (transliterated)') {
      const file = join(workDir, 'protocol.pdf');
      writeFileSync(file, pdf.rawPayload);
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(text).toContain('ПРОТОКОЛ');
      expect(text).toContain('ул. Первая, 1');
      expect(text).toContain('371.15 м² (100 %)');
      expect(text).toContain('298.30 м² (80.37 %)');
      expect(text).toContain('имеется — собрание правомочно');
      expect(text).toContain('не менее 2/3 голосов от общего числа голосов собственников');
      expect(text).toContain('Андреев Андрей Андреевич');
      expect(text).toContain('ООО «Магазин у дома»');
      expect(text).toContain('Председатель собрания');
    }

    const xlsx = await chairA.request({
      method: 'GET',
      url: `/api/polls/${meetingId}/protocol.xlsx?language=ru`,
    });
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    expect(xlsx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const register = workbook.getWorksheet('Реестр')!;
    const rows = register.getSheetValues().slice(2) as unknown[][];
    expect(rows.map((r) => [r[2], r[3], r[4], r[5], r[6], r[7], r[8]])).toEqual([
      ['Андреев Андрей Андреевич', 'кв. 1', '1/2', 54.3, 27.15, 'За', 'Против'],
      ['Дмитриева Дарья Дмитриевна', 'кв. 2', '2/3', 71.15, 47.43, 'За', 'За'],
      ['Сидоров Семён Семёнович', 'кв. 2', '1/3', 71.15, 23.72, 'Против', 'Против'],
      ['ООО «Магазин у дома»', 'пом. 1Н', '1', 200, 200, 'За', 'За'],
    ]);
    const protocol = workbook.getWorksheet('Протокол')!;
    const cells = (protocol.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
    expect(cells).toContainEqual(['Кворум', 'имеется — собрание правомочно (ЖК РФ ст. 45 ч. 3)']);
    expect(cells).toContainEqual(['За', 247.43, 66.67]);
    expect(cells).toContainEqual(['Решение: принято']);

    const english = await chairA.request({
      method: 'GET',
      url: `/api/polls/${meetingId}/protocol.xlsx?language=en`,
    });
    const en = new ExcelJS.Workbook();
    await en.xlsx.load(english.rawPayload as unknown as ArrayBuffer);
    expect(en.getWorksheet('Register')).toBeDefined();
    const exports = await t.db.prisma.auditLog.count({
      where: { entityId: meetingId, action: 'poll.protocol.export' },
    });
    expect(exports).toBe(3);
  });

  it('only staff who run polls in the house see and change them', async () => {
    for (const c of [dispatcherA, accountant]) {
      expect((await c.request({ method: 'GET', url: '/api/polls' })).statusCode).toBe(403);
      expect((await c.request({ method: 'GET', url: `/api/polls/${meetingId}` })).statusCode).toBe(403);
      expect(
        (await c.request({ method: 'GET', url: `/api/polls/${meetingId}/protocol.pdf` })).statusCode,
      ).toBe(403);
      const create = await c.request({
        method: 'POST',
        url: '/api/polls',
        payload: { ...meeting, houseId: t.fx.houseA },
      });
      expect(create.statusCode).toBe(403);
    }
    // The chair of house B: not in house A.
    expect((await chairB.request({ method: 'GET', url: `/api/polls/${meetingId}/results` })).statusCode).toBe(
      403,
    );
    expect(
      (await chairB.request({ method: 'GET', url: `/api/polls/${meetingId}/protocol.xlsx` })).statusCode,
    ).toBe(403);
    const foreign = await chairB.request({
      method: 'POST',
      url: '/api/polls',
      payload: { ...meeting, houseId: t.fx.houseA },
    });
    expect(foreign.statusCode).toBe(403);
    expect((await chairB.request({ method: 'GET', url: '/api/polls' })).json()).toMatchObject({ total: 0 });
    // An organisation-wide manager sees every house's polls.
    expect((await manager.request({ method: 'GET', url: '/api/polls' })).json()).toMatchObject({ total: 1 });
    expect(
      (await manager.request({ method: 'GET', url: `/api/polls/${meetingId}/protocol.pdf` })).statusCode,
    ).toBe(200);
    expect((await chairA.request({ method: 'GET', url: '/api/polls/nope' })).statusCode).toBe(404);
    // Mutations need the CSRF token.
    const noCsrf = await chairA.request({
      method: 'POST',
      url: `/api/polls/${meetingId}/close`,
      csrf: false,
    });
    expect(noCsrf.statusCode).toBe(403);
  });

  it('explains an invalid poll field by field, and a simple poll has no protocol', async () => {
    const bad = await chairA.request({
      method: 'POST',
      url: '/api/polls',
      payload: {
        houseId: t.fx.houseA,
        kind: 'SIMPLE',
        title: 'Ок',
        endsAt: 'когда-нибудь',
        questions: [{ text: 'Цвет подъезда?', options: ['Зелёный'] }],
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields).toMatchObject({
      title: 'the title must be at least 3 characters',
      endsAt: 'the deadline must be a date and time',
    });
    const simple = await chairA.request({
      method: 'POST',
      url: '/api/polls',
      payload: {
        houseId: t.fx.houseA,
        kind: 'SIMPLE',
        title: 'Цвет подъезда',
        voteUnit: 'PER_PREMISES',
        endsAt: new Date(Date.now() + 86_400_000).toISOString(),
        questions: [{ text: 'Какой цвет?', options: ['Зелёный', 'Бежевый'] }],
      },
    });
    expect(simple.statusCode, simple.body).toBe(201);
    const id = simple.json().id;
    expect((await chairA.request({ method: 'POST', url: `/api/polls/${id}/publish` })).json()).toMatchObject({
      recipients: 4,
    });
    expect(
      (await chairA.request({ method: 'GET', url: `/api/polls/${id}/register` })).json().error.details,
    ).toEqual({
      what: 'not_a_meeting',
    });
    await chairA.request({ method: 'POST', url: `/api/polls/${id}/close` });
    expect((await chairA.request({ method: 'GET', url: `/api/polls/${id}/protocol.pdf` })).statusCode).toBe(
      409,
    );
  });
});
