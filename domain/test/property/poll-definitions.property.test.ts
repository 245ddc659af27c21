import { createTestDatabase, DATABASE_BACKENDS, type TestDatabase } from '@domovoy/test-support/backends';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import type { DomainDeps } from '../../src/context.ts';
import { isAppError } from '../../src/errors/app-error.ts';
import { type CreatePollInput, createPoll } from '../../src/polls/create-poll.ts';
import type { StaffActor } from '../../src/staff/staff-actor.ts';

/**
 * Poll definitions as the panel (or anyone with a session) may send them: any JSON at all, or a real definition with
 * one field bent. createPoll either creates exactly one draft with its questions and audit record, or refuses with a
 * validation error that names the field — and then writes nothing.
 */
const NOW = new Date('2026-11-20T09:00:00Z');

/**
 * The field a refusal names: zod's path, or the AppError's `details.fields`; a house that does not exist (or is
 * another organisation's) is the NOT_FOUND of its id, as the API answers it with 404.
 */
function refusedField(error: unknown): string | null {
  if (error instanceof ZodError) return error.issues[0]?.path.join('.') ?? '';
  if (isAppError(error, 'NOT_FOUND')) return 'houseId';
  if (isAppError(error, 'VALIDATION')) {
    const fields = error.details.fields;
    return fields && typeof fields === 'object' ? (Object.keys(fields)[0] ?? '') : '';
  }
  return null;
}

describe.each(DATABASE_BACKENDS)('poll definitions [%s]', (backend) => {
  let db: TestDatabase;
  let deps: DomainDeps;
  let chair: StaffActor;
  let houseId: string;

  const counts = async () => {
    const [c] = await db.sql.query<{ polls: number; questions: number; options: number; audits: number }>(
      `SELECT (SELECT count(*)::int FROM polls) AS polls, (SELECT count(*)::int FROM poll_questions) AS questions,
              (SELECT count(*)::int FROM poll_options) AS options, (SELECT count(*)::int FROM audit_logs) AS audits`,
    );
    return c!;
  };

  /** Runs createPoll and checks the outcome: created with everything it implies, or refused naming a field. */
  const attempt = async (input: unknown) => {
    const before = await counts();
    try {
      const poll = await createPoll(deps, chair, input as CreatePollInput);
      const after = await counts();
      expect(after.polls).toBe(before.polls + 1);
      expect(after.questions).toBe(before.questions + poll.questions.length);
      expect(after.audits).toBe(before.audits + 1);
      expect(poll.status).toBe('DRAFT');
      return 'created' as const;
    } catch (error) {
      const field = refusedField(error);
      if (field === null) throw error;
      // Only an id that is not this organisation's house may be refused as not found.
      if (isAppError(error, 'NOT_FOUND')) expect((input as { houseId?: unknown }).houseId).not.toBe(houseId);
      expect(await counts()).toEqual(before);
      return 'refused' as const;
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase(backend);
    deps = { db, now: () => NOW };
    const org = await db.prisma.organization.create({
      data: {
        kind: 'TSZH',
        name: 'ТСЖ «Опрос»',
        inn: '7700000077',
        bankAccount: '40703810000000000077',
        bankName: 'Тестбанк',
        bic: '044525077',
        corrAccount: '30101810000000000077',
        address: 'Москва',
      },
    });
    houseId = (
      await db.prisma.house.create({
        data: { organizationId: org.id, address: 'ул. Опросная, 1', totalArea: '100' },
      })
    ).id;
    await db.prisma.entrance.create({ data: { houseId, number: 1 } });
    const staff = await db.prisma.staffUser.create({
      data: {
        organizationId: org.id,
        email: 'chair@poll-definitions.test',
        fullName: 'Председатель',
        passwordHash: 'x',
        roles: { create: [{ role: 'CHAIR', houseId }] },
      },
    });
    chair = { staffUserId: staff.id, organizationId: org.id, grants: [{ role: 'CHAIR', houseId }] };
  });
  afterAll(() => db?.destroy());

  it('any JSON value at all is refused naming a field, never a crash, and writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), async (input) => {
        expect(await attempt(input)).toBe('refused');
      }),
      { numRuns: 150 },
    );
  });

  it('a real definition with any field bent: created whole, or refused with nothing written', async () => {
    const text = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('', '  ', 'Покраска подъезда', 'x'.repeat(201), 'ё'.repeat(1001), 'За', 'за'),
    );
    const definition = fc.record({
      houseId: fc.constantFrom('HOUSE', 'no-such-house', ''),
      kind: fc.constantFrom('SIMPLE', 'OWNERS_MEETING', 'REFERENDUM'),
      title: text,
      description: fc.option(text),
      voteUnit: fc.option(fc.constantFrom('PER_RESIDENT', 'PER_PREMISES', 'BY_OWNERSHIP', 'PER_CAT'), {
        nil: undefined,
      }),
      entrances: fc.array(fc.integer({ min: -1, max: 3 }), { maxLength: 3 }),
      endsAt: fc.constantFrom(
        '2026-12-01T10:00:00Z',
        '2020-01-01T00:00:00Z',
        'завтра',
        '',
        1_900_000_000_000,
      ),
      resultsVisibility: fc.option(fc.constantFrom('LIVE', 'AFTER_END', 'NEVER'), { nil: undefined }),
      questions: fc.array(
        fc.record({
          text,
          options: fc.array(text, { maxLength: 11 }),
          threshold: fc.option(fc.constantFrom('MAJORITY_OF_PARTICIPANTS', 'TWO_THIRDS_OF_ALL', 'HALF'), {
            nil: undefined,
          }),
        }),
        { maxLength: 3 },
      ),
    });
    const outcomes = { created: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(definition, async (d) => {
        outcomes[await attempt({ ...d, houseId: d.houseId === 'HOUSE' ? houseId : d.houseId })] += 1;
      }),
      { numRuns: 200 },
    );
    expect(outcomes.refused).toBeGreaterThan(0);
    // The refusals above are not a blanket no: a sound definition written out by hand is created.
    expect(
      await attempt({
        houseId,
        kind: 'SIMPLE',
        title: 'Покраска подъезда',
        endsAt: '2026-12-01T10:00:00Z',
        questions: [{ text: 'Какой цвет?', options: ['Синий', 'Зелёный'] }],
      }),
    ).toBe('created');
  });
});
