import { createTestDatabase, DATABASE_BACKENDS, type TestDatabase } from '@domovoy/test-support/backends';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainDeps } from '../src/context.ts';
import { isAppError } from '../src/errors/app-error.ts';
import { castVote } from '../src/polls/cast-vote.ts';
import { closeDuePolls } from '../src/polls/close-due-polls.ts';
import { closePoll } from '../src/polls/close-poll.ts';
import { type CreatePollInput, createPoll } from '../src/polls/create-poll.ts';
import { getPollResults } from '../src/polls/get-poll.ts';
import { getPollRegister } from '../src/polls/poll-register.ts';
import { publishPoll } from '../src/polls/publish-poll.ts';
import { remindNonVoters } from '../src/polls/remind-non-voters.ts';
import { getResidentPoll, listResidentPolls } from '../src/polls/resident-polls.ts';
import type { StaffActor } from '../src/staff/staff-actor.ts';

/**
 * Polls against a real database: the owners' meeting of the hand-computed example in
 * domain/src/polls/compute-results.test.ts (flat 1 54.30 m² A ½ + B ½, flat 2 71.15 m² C ⅓ + D ⅔, 1Н 200.00 m² E,
 * flat 3 45.70 m² F; 371.15 m² in all), eligibility, concurrent taps, changing a vote, and the deadline.
 */

const START = new Date('2026-11-20T09:00:00Z'); // 12:00 in Moscow
const DEADLINE = new Date('2026-11-27T15:00:00Z'); // 18:00 in Moscow

const reason = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return `${error.code}:${String(error.details.what ?? '')}`;
    throw error;
  }
  return 'ok';
};

describe.each(DATABASE_BACKENDS)('polls and owners’ meetings [%s]', (backend) => {
  let db: TestDatabase;
  const clock = { now: START };
  let deps: DomainDeps;
  let chair: StaffActor;
  let houseId: string;
  let secondHouseId: string;
  /** Telegram ids of the residents by who they are. */
  const tg = {
    A: 1001n,
    C: 1003n,
    D: 1004n,
    E: 1005n,
    tenant: 1009n,
    unconfirmed: 1010n,
    G: 1020n,
    n1: 1031n,
    n2: 1032n,
    n3: 1033n,
  };

  async function resident(
    telegramUserId: bigint,
    accountId: string,
    role: 'OWNER' | 'TENANT' | 'FAMILY',
    ownerId: string | null,
  ) {
    const r = await db.prisma.resident.create({
      data: { telegramUserId, chatId: telegramUserId, firstName: `R${telegramUserId}` },
    });
    await db.prisma.residentAccountLink.create({
      data: { residentId: r.id, accountId, role, ownerId, linkedVia: 'STAFF' },
    });
    return r.id;
  }

  async function premises(
    house: string,
    number: string,
    area: string,
    entrance: string | null,
    kind: 'FLAT' | 'NON_RESIDENTIAL' = 'FLAT',
  ) {
    const p = await db.prisma.premises.create({
      data: { houseId: house, number, area, kind, entranceId: entrance },
    });
    const a = await db.prisma.personalAccount.create({
      data: {
        organizationId: chair.organizationId,
        premisesId: p.id,
        number: `7${String(Math.random()).slice(2, 9)}`,
        inviteCode: `C${p.id.slice(-9)}`,
      },
    });
    return { premisesId: p.id, accountId: a.id };
  }

  async function owner(name: string, ownerships: [string, number, number][]) {
    const o = await db.prisma.owner.create({
      data: { organizationId: chair.organizationId, fullName: name },
    });
    for (const [premisesId, n, d] of ownerships)
      await db.prisma.ownership.create({
        data: { ownerId: o.id, premisesId, shareNumerator: n, shareDenominator: d },
      });
    return o.id;
  }

  const meetingInput = (over: Partial<CreatePollInput> = {}): CreatePollInput => ({
    houseId,
    kind: 'OWNERS_MEETING',
    title: 'Годовое собрание 2026',
    initiator: 'Правление ТСЖ',
    endsAt: DEADLINE,
    questions: [
      { text: 'Утвердить отчёт правления', threshold: 'MAJORITY_OF_PARTICIPANTS' },
      { text: 'Капитальный ремонт крыши', threshold: 'TWO_THIRDS_OF_ALL' },
      { text: 'Сдать часть подвала в аренду', threshold: 'MORE_THAN_HALF_OF_ALL' },
      { text: 'Уменьшить общее имущество', threshold: 'UNANIMOUS' },
    ],
    ...over,
  });

  const vote = (who: bigint, pollId: string, question: number, option: number) =>
    castVote(deps, { telegramUserId: who, pollId, question, option });

  beforeAll(async () => {
    db = await createTestDatabase(backend);
    deps = { db, now: () => clock.now };
    const org = await db.prisma.organization.create({
      data: {
        kind: 'TSZH',
        name: 'ТСЖ «Голосование»',
        inn: '7700000077',
        bankAccount: '40703810000000000077',
        bankName: 'Тестбанк',
        bic: '044525077',
        corrAccount: '30101810000000000077',
        address: 'Москва',
      },
    });
    const house = await db.prisma.house.create({
      data: { organizationId: org.id, address: 'ул. Собраний, 1', totalArea: '371.15' },
    });
    houseId = house.id;
    const second = await db.prisma.house.create({
      data: { organizationId: org.id, address: 'ул. Собраний, 2', totalArea: '200.00' },
    });
    secondHouseId = second.id;
    const staff = await db.prisma.staffUser.create({
      data: {
        organizationId: org.id,
        email: 'chair@polls.test',
        fullName: 'Председатель',
        passwordHash: 'x',
        roles: {
          create: [
            { role: 'CHAIR', houseId: house.id },
            { role: 'CHAIR', houseId: second.id },
          ],
        },
      },
    });
    chair = {
      staffUserId: staff.id,
      organizationId: org.id,
      grants: [
        { role: 'CHAIR', houseId: house.id },
        { role: 'CHAIR', houseId: second.id },
      ],
    };
    const e1 = await db.prisma.entrance.create({ data: { houseId, number: 1 } });
    const e2 = await db.prisma.entrance.create({ data: { houseId, number: 2 } });
    const flat1 = await premises(houseId, '1', '54.30', e1.id);
    const flat2 = await premises(houseId, '2', '71.15', e2.id);
    const shop = await premises(houseId, '1Н', '200.00', null, 'NON_RESIDENTIAL');
    const flat3 = await premises(houseId, '3', '45.70', e1.id);
    const A = await owner('Андреев А. А.', [[flat1.premisesId, 1, 2]]);
    await owner('Борисова Б. Б.', [[flat1.premisesId, 1, 2]]);
    const C = await owner('Сидоров С. С.', [[flat2.premisesId, 1, 3]]);
    const D = await owner('Дмитриева Д. Д.', [[flat2.premisesId, 2, 3]]);
    const E = await owner('ООО «Магазин»', [[shop.premisesId, 1, 1]]);
    await owner('Городской округ', [[flat3.premisesId, 1, 1]]);
    await resident(tg.A, flat1.accountId, 'OWNER', A);
    await resident(tg.C, flat2.accountId, 'OWNER', C);
    await resident(tg.D, flat2.accountId, 'OWNER', D);
    await resident(tg.E, shop.accountId, 'OWNER', E);
    await resident(tg.tenant, flat3.accountId, 'TENANT', null);
    await resident(tg.unconfirmed, flat1.accountId, 'OWNER', null);
    // The second house: one owner of two premises (60.00 m² whole, 40.00 m² a quarter).
    const big = await premises(secondHouseId, '10', '60.00', null);
    const small = await premises(secondHouseId, '11', '40.00', null);
    const G = await owner('Григорьев Г. Г.', [
      [big.premisesId, 1, 1],
      [small.premisesId, 1, 4],
    ]);
    await resident(tg.G, big.accountId, 'OWNER', G);
    await resident(tg.n1, small.accountId, 'TENANT', null);
    await resident(tg.n2, small.accountId, 'TENANT', null);
    await resident(tg.n3, big.accountId, 'FAMILY', null);
  });
  afterAll(() => db?.destroy());

  it('an owners’ meeting counts area × share and matches the hand-computed example', async () => {
    clock.now = START;
    const draft = await createPoll(deps, chair, meetingInput());
    expect(draft).toMatchObject({
      status: 'DRAFT',
      voteUnit: 'BY_OWNERSHIP',
      meetingForm: 'ABSENTEE',
      totalVotes: null,
    });
    expect(draft.questions[1]!.options.map((o) => [o.text, o.decision])).toEqual([
      ['За', 'FOR'],
      ['Против', 'AGAINST'],
      ['Воздержался', 'ABSTAIN'],
    ]);
    // Not yet published: residents cannot vote.
    expect(await reason(vote(tg.A, draft.id, 1, 1))).toBe('NOT_FOUND:poll');

    const published = await publishPoll(deps, chair, { pollId: draft.id });
    // Invitations: the four confirmed owners; neither the tenant nor the unconfirmed owner.
    expect(published).toMatchObject({ status: 'ACTIVE', totalVotes: '371.15', recipients: 4 });
    const invitations = await db.prisma.outboxMessage.findMany({
      where: { dedupeKey: { startsWith: `poll:${draft.id}:` } },
      select: { chatId: true, kind: true, priority: true, payload: true },
    });
    expect(invitations.map((m) => m.chatId).sort()).toEqual([tg.A, tg.C, tg.D, tg.E]);
    const payload = invitations[0]!.payload as {
      params: {
        text: string;
        reply_markup: { inline_keyboard: { text: string; callback_data: string }[][] };
      };
    };
    expect(payload.params.text).toContain('Общее собрание собственников: Годовое собрание 2026');
    expect(payload.params.text).toContain('Вопрос 1 из 4:\nУтвердить отчёт правления');
    expect(payload.params.reply_markup.inline_keyboard.flat().map((b) => [b.text, b.callback_data])).toEqual([
      ['✅ За', `pl:v:${draft.id}:1:1`],
      ['❌ Против', `pl:v:${draft.id}:1:2`],
      ['⏸ Воздержался', `pl:v:${draft.id}:1:3`],
    ]);
    expect(await reason(publishPoll(deps, chair, { pollId: draft.id }))).toBe('INVALID_STATE:poll_status');

    const FOR = 1;
    const AGAINST = 2;
    const ballots: [bigint, number[]][] = [
      [tg.A, [FOR, AGAINST, FOR, FOR]],
      [tg.C, [AGAINST, AGAINST, FOR, FOR]],
      [tg.D, [FOR, FOR, FOR, FOR]],
      [tg.E, [FOR, FOR, AGAINST, FOR]],
    ];
    for (const [who, answers] of ballots)
      for (const [i, option] of answers.entries()) await vote(who, draft.id, i + 1, option);

    const { results } = await getPollResults(deps, chair, { pollId: draft.id });
    expect(results).toMatchObject({
      participants: 4,
      participantVotes: '298.30',
      totalVotes: '371.15',
      participantPercent: '80.37',
      quorum: true,
    });
    const forOf = (q: number) => results.questions[q - 1]!.options[0]!;
    const againstOf = (q: number) => results.questions[q - 1]!.options[1]!;
    expect(results.questions.map((q) => q.decision)).toEqual(['ADOPTED', 'ADOPTED', 'REJECTED', 'REJECTED']);
    expect([forOf(1).votes, forOf(1).percent, againstOf(1).votes, againstOf(1).percent]).toEqual([
      '274.58',
      '92.05',
      '23.72',
      '7.95',
    ]);
    // Exactly two thirds of all votes: adopted.
    expect([forOf(2).votes, forOf(2).percent, againstOf(2).votes, againstOf(2).percent]).toEqual([
      '247.43',
      '66.67',
      '50.87',
      '13.71',
    ]);
    expect([forOf(3).votes, forOf(3).percent, againstOf(3).votes, againstOf(3).percent]).toEqual([
      '98.30',
      '26.49',
      '200.00',
      '53.89',
    ]);
    expect([forOf(4).votes, forOf(4).percent]).toEqual(['298.30', '80.37']);

    // The register: one row per ownership that voted, with the snapshot of area and share.
    const register = await getPollRegister(deps, chair, { pollId: draft.id });
    expect(register.items.map((r) => [r.premisesNumber, r.ownerName, r.share, r.area, r.votes])).toEqual([
      ['1', 'Андреев А. А.', '1/2', '54.30', '27.15'],
      ['2', 'Дмитриева Д. Д.', '2/3', '71.15', '47.43'],
      ['2', 'Сидоров С. С.', '1/3', '71.15', '23.72'],
      ['1Н', 'ООО «Магазин»', '1', '200.00', '200.00'],
    ]);
    expect(register.items[0]!.answers).toEqual({ 1: 'FOR', 2: 'AGAINST', 3: 'FOR', 4: 'FOR' });
    const weights = await db.prisma.vote.findMany({
      where: { question: { pollId: draft.id, position: 1 } },
      select: { voterKey: true, weight: true },
    });
    expect(weights.map((w) => w.weight?.toString()).sort()).toEqual(['200', '23.7167', '27.15', '47.4333']);
  });

  it('refuses a tenant and an unconfirmed owner in an owners’ meeting; they see it without a vote', async () => {
    const poll = await publishPoll(deps, chair, {
      pollId: (await createPoll(deps, chair, meetingInput())).id,
    });
    expect(await reason(vote(tg.tenant, poll.id, 1, 1))).toBe('FORBIDDEN:not_owner');
    expect(await reason(vote(tg.unconfirmed, poll.id, 1, 1))).toBe('FORBIDDEN:not_owner');
    expect(await db.prisma.vote.count({ where: { question: { pollId: poll.id } } })).toBe(0);
    const seen = await getResidentPoll(deps, { telegramUserId: tg.tenant, pollId: poll.id });
    expect(seen).toMatchObject({ eligible: false, refusal: 'not_owner', open: true, choices: {} });
    // A resident of another house does not see it at all.
    expect(await reason(getResidentPoll(deps, { telegramUserId: tg.G, pollId: poll.id }))).toBe(
      'NOT_FOUND:poll',
    );
    expect(await reason(vote(tg.G, poll.id, 1, 1))).toBe('FORBIDDEN:not_owner');
    await closePoll(deps, chair, { pollId: poll.id });
  });

  it('concurrent double taps count once; a changed answer replaces the earlier one until the deadline', async () => {
    clock.now = START;
    const poll = await publishPoll(deps, chair, {
      pollId: (await createPoll(deps, chair, meetingInput())).id,
    });
    const taps = await Promise.all(Array.from({ length: 10 }, () => vote(tg.D, poll.id, 1, 1)));
    expect(taps).toHaveLength(10);
    expect(taps.filter((t) => !t.changed)).toHaveLength(1);
    // Ten taps on different answers at once: still one vote, holding one of them.
    await Promise.all(Array.from({ length: 10 }, (_, i) => vote(tg.C, poll.id, 2, (i % 3) + 1)));
    const rows = await db.prisma.vote.findMany({
      where: { question: { pollId: poll.id } },
      select: { voterKey: true, question: { select: { position: true } } },
    });
    expect(rows.map((r) => r.question.position).sort()).toEqual([1, 2]);

    const changed = await vote(tg.D, poll.id, 1, 2);
    expect(changed.changed).toBe(true);
    const seen = await getResidentPoll(deps, { telegramUserId: tg.D, pollId: poll.id });
    expect(seen.choices).toEqual({ 1: 2 });
    const { results } = await getPollResults(deps, chair, { pollId: poll.id });
    expect(results.questions[0]!.options.map((o) => o.votes)).toEqual(['0.00', '47.43', '0.00']);

    clock.now = new Date(DEADLINE.getTime() + 1000);
    expect(await reason(vote(tg.D, poll.id, 1, 1))).toBe('INVALID_STATE:poll_closed');
    expect((await getResidentPoll(deps, { telegramUserId: tg.D, pollId: poll.id })).choices).toEqual({
      1: 2,
    });
    await closeDuePolls(deps);
    clock.now = START;
  });

  it('an owner of two premises votes with both ownerships: 60.00 + 40.00 × 1/4 = 70.00 m²', async () => {
    const poll = await publishPoll(deps, chair, {
      pollId: (await createPoll(deps, chair, { ...meetingInput(), houseId: secondHouseId })).id,
    });
    expect(poll.recipients).toBe(1);
    await vote(tg.G, poll.id, 1, 1);
    const { results } = await getPollResults(deps, chair, { pollId: poll.id });
    // 70.00 of 200.00 m²: 35 %, no quorum, so no decision.
    expect(results).toMatchObject({
      participants: 2,
      participantVotes: '70.00',
      participantPercent: '35.00',
      quorum: false,
    });
    expect(results.questions[0]!.decision).toBe('NO_QUORUM');
    const register = await getPollRegister(deps, chair, { pollId: poll.id });
    expect(register.items.map((r) => [r.premisesNumber, r.share, r.votes])).toEqual([
      ['10', '1', '60.00'],
      ['11', '1/4', '10.00'],
    ]);
    await closePoll(deps, chair, { pollId: poll.id });
  });

  it('simple polls: one vote per flat (another resident of the flat is refused) or per resident', async () => {
    const input = (voteUnit: 'PER_PREMISES' | 'PER_RESIDENT'): CreatePollInput => ({
      houseId: secondHouseId,
      kind: 'SIMPLE',
      title: 'Цвет стен в подъезде',
      voteUnit,
      endsAt: DEADLINE,
      resultsVisibility: 'AFTER_VOTE',
      questions: [{ text: 'Какой цвет выбрать?', options: ['Зелёный', 'Бежевый'] }],
    });
    const perFlat = await publishPoll(deps, chair, {
      pollId: (await createPoll(deps, chair, input('PER_PREMISES'))).id,
    });
    expect(perFlat.recipients).toBe(4);
    await vote(tg.n1, perFlat.id, 1, 1);
    expect(await reason(vote(tg.n2, perFlat.id, 1, 2))).toBe('CONFLICT:flat_already_voted');
    expect((await vote(tg.n1, perFlat.id, 1, 2)).changed).toBe(true);
    await vote(tg.n3, perFlat.id, 1, 1);
    const flatResults = await getPollResults(deps, chair, { pollId: perFlat.id });
    expect(flatResults.results.questions[0]!.options.map((o) => [o.text, o.count])).toEqual([
      ['Зелёный', 1],
      ['Бежевый', 1],
    ]);
    // The flat's vote is what the other resident of the flat sees too; results after one's own (flat's) vote.
    const seen = await getResidentPoll(deps, { telegramUserId: tg.n2, pollId: perFlat.id });
    expect(seen).toMatchObject({ eligible: true, choices: { 1: 2 }, canSeeResults: true });

    const perResident = await publishPoll(deps, chair, {
      pollId: (await createPoll(deps, chair, input('PER_RESIDENT'))).id,
    });
    await vote(tg.n1, perResident.id, 1, 1);
    await vote(tg.n2, perResident.id, 1, 1);
    const residentResults = await getPollResults(deps, chair, { pollId: perResident.id });
    expect(residentResults.results.questions[0]!.options.map((o) => o.count)).toEqual([2, 0]);
    expect(
      (await getResidentPoll(deps, { telegramUserId: tg.G, pollId: perResident.id })).canSeeResults,
    ).toBe(false);
    const list = await listResidentPolls(deps, tg.n1);
    expect(list.map((p) => p.poll.id)).toEqual(expect.arrayContaining([perFlat.id, perResident.id]));
    await closePoll(deps, chair, { pollId: perFlat.id });
    await closePoll(deps, chair, { pollId: perResident.id });
  });

  it('reminds those who have not voted a day before the deadline, once, outside quiet hours', async () => {
    clock.now = START;
    const poll = await publishPoll(deps, chair, {
      pollId: (await createPoll(deps, chair, meetingInput())).id,
    });
    await vote(tg.A, poll.id, 1, 1);
    // Two days before: too early.
    clock.now = new Date(DEADLINE.getTime() - 48 * 3_600_000);
    expect(await remindNonVoters(deps)).toEqual({ enqueued: 0 });
    // 23:00 in Moscow the evening before: quiet hours.
    clock.now = new Date('2026-11-26T20:00:00Z');
    expect(await remindNonVoters(deps)).toEqual({ enqueued: 0 });
    clock.now = new Date('2026-11-27T07:00:00Z'); // 10:00 on the last day
    expect(await remindNonVoters(deps)).toEqual({ enqueued: 3 });
    expect(await remindNonVoters(deps)).toEqual({ enqueued: 0 });
    const reminded = await db.prisma.outboxMessage.findMany({
      where: { dedupeKey: { startsWith: `poll-reminder:${poll.id}:` } },
      select: { chatId: true, payload: true },
    });
    expect(reminded.map((m) => m.chatId).sort()).toEqual([tg.C, tg.D, tg.E]);
    expect((reminded[0]!.payload as { params: { text: string } }).params.text).toBe(
      '⏰ Голосование «Годовое собрание 2026» заканчивается 27 ноября в 18:00, а вы ещё не проголосовали.',
    );
    clock.now = new Date(DEADLINE.getTime() + 60_000);
    await closeDuePolls(deps);
  });

  it('at the deadline the poll is finished once: results recorded and sent to those who voted, once', async () => {
    clock.now = START;
    const poll = await publishPoll(deps, chair, {
      pollId: (await createPoll(deps, chair, meetingInput())).id,
    });
    await vote(tg.A, poll.id, 1, 1);
    await vote(tg.E, poll.id, 1, 1);
    await vote(tg.E, poll.id, 2, 1);
    clock.now = new Date(DEADLINE.getTime() - 60_000);
    expect(await closeDuePolls(deps)).toEqual({ finished: 0, notified: 0 });
    clock.now = new Date(DEADLINE.getTime() + 60_000);
    const [first, second] = await Promise.all([closeDuePolls(deps), closeDuePolls(deps)]);
    expect(first.finished + second.finished).toBe(1);
    expect(first.notified + second.notified).toBe(2);
    expect(await closeDuePolls(deps)).toEqual({ finished: 0, notified: 0 });
    const row = await db.prisma.poll.findUniqueOrThrow({
      where: { id: poll.id },
      select: { status: true, endsAt: true },
    });
    expect(row).toEqual({ status: 'FINISHED', endsAt: DEADLINE });
    const audit = await db.prisma.auditLog.findMany({ where: { entityId: poll.id, action: 'poll.finish' } });
    expect(audit).toHaveLength(1);
    // 227.15 of 371.15 m²: 61.20 %, quorum; question 1: 227.15 of 227.15 for.
    expect(audit[0]!.after).toMatchObject({
      status: 'FINISHED',
      results: { participantVotes: '227.15', participantPercent: '61.20', quorum: true },
    });
    const sent = await db.prisma.outboxMessage.findMany({
      where: { dedupeKey: { startsWith: `poll-result:${poll.id}:` } },
      select: { chatId: true, payload: true },
    });
    expect(sent.map((m) => m.chatId).sort()).toEqual([tg.A, tg.E]);
    const text = (sent[0]!.payload as { params: { text: string } }).params.text;
    expect(text).toContain('📊 Итоги голосования «Годовое собрание 2026»');
    expect(text).toContain(
      'Всего голосов в доме: 371.15 м². Приняли участие собственники с 227.15 м² (61.20 %).',
    );
    expect(text).toContain('1. Утвердить отчёт правления\n✅ За: 227.15 м² (100.00 %)');
    expect(text).toContain('Решение принято (нужно большинством голосов участников собрания).');
    expect(await reason(vote(tg.D, poll.id, 1, 1))).toBe('INVALID_STATE:poll_closed');
    expect(await reason(closePoll(deps, chair, { pollId: poll.id }))).toBe('INVALID_STATE:poll_status');
    clock.now = START;
  });

  it('validates a draft and checks the staff member’s house', async () => {
    expect(
      await reason(createPoll(deps, chair, meetingInput({ endsAt: new Date(START.getTime() - 1000) }))),
    ).toBe('VALIDATION:');
    await expect(
      createPoll(deps, chair, {
        ...meetingInput(),
        kind: 'SIMPLE',
        questions: [{ text: 'Вопрос?', options: ['Да'] }],
      }),
    ).rejects.toThrow(/at least 2 answers/);
    await expect(createPoll(deps, chair, { ...meetingInput(), entrances: [1] })).rejects.toThrow(
      /whole house/,
    );
    const outsider: StaffActor = { ...chair, grants: [{ role: 'CHAIR', houseId: secondHouseId }] };
    expect(await reason(createPoll(deps, outsider, meetingInput()))).toBe('FORBIDDEN:');
    const dispatcher: StaffActor = { ...chair, grants: [{ role: 'DISPATCHER', houseId: null }] };
    expect(await reason(createPoll(deps, dispatcher, meetingInput()))).toBe('FORBIDDEN:');
  });
});
