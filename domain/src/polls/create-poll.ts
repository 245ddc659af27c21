import { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import { type DomainDeps, nowOf } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { loadHouse } from '../registry/registry-access.ts';
import { idSchema } from '../registry/registry-fields.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { POLL_SELECT, pollView } from './poll-view.ts';

export const POLL_KINDS = ['SIMPLE', 'OWNERS_MEETING'] as const;
export const VOTE_UNITS = ['PER_RESIDENT', 'PER_PREMISES', 'BY_OWNERSHIP'] as const;
export const POLL_THRESHOLDS = [
  'MAJORITY_OF_PARTICIPANTS',
  'MORE_THAN_HALF_OF_ALL',
  'TWO_THIRDS_OF_ALL',
  'UNANIMOUS',
] as const;
export const RESULTS_VISIBILITIES = ['LIVE', 'AFTER_VOTE', 'AFTER_END', 'STAFF_ONLY'] as const;
export const MEETING_FORMS = ['IN_PERSON', 'ABSENTEE', 'MIXED'] as const;

/** The options of every owners' meeting question, as the protocol words them (Minstroy order 44/pr). */
export const MEETING_OPTIONS = [
  { decision: 'FOR', text: 'За' },
  { decision: 'AGAINST', text: 'Против' },
  { decision: 'ABSTAIN', text: 'Воздержался' },
] as const;

export const pollTitleSchema = z
  .string()
  .trim()
  .min(3, 'the title must be at least 3 characters')
  .max(200, 'the title must be at most 200 characters');

export const questionTextSchema = z
  .string()
  .trim()
  .min(3, 'the question must be at least 3 characters')
  .max(1000, 'the question must be at most 1000 characters');

export const answerTextSchema = z
  .string()
  .trim()
  .min(1, 'an answer cannot be empty')
  .max(100, 'an answer must be at most 100 characters');

/** The answers of a simple poll's question: 2–10, all different (ignoring case). */
export const simpleAnswersSchema = z
  .array(answerTextSchema)
  .min(2, 'give at least 2 answers')
  .max(10, 'at most 10 answers')
  .refine((answers) => new Set(answers.map((a) => a.toLowerCase())).size === answers.length, {
    message: 'the answers must differ',
  });

const questionSchema = z.object({
  text: questionTextSchema,
  /** Simple polls: 2–10 answers. Owners' meetings always get for / against / abstain. */
  options: z.array(answerTextSchema).max(10, 'at most 10 answers').default([]),
  threshold: z.enum(POLL_THRESHOLDS).default('MAJORITY_OF_PARTICIPANTS'),
});

export const createPollInputSchema = z
  .object({
    houseId: idSchema,
    kind: z.enum(POLL_KINDS),
    title: pollTitleSchema,
    description: z.string().trim().max(2000, 'the description must be at most 2000 characters').nullish(),
    /** Simple polls: one vote per resident or per flat. Owners' meetings always vote by ownership. */
    voteUnit: z.enum(VOTE_UNITS).optional(),
    /** Entrance numbers; empty: the whole house. Owners' meetings are always for the whole house. */
    entrances: z.array(z.number().int().min(1).max(999)).max(100).default([]),
    endsAt: z.coerce.date({ message: 'the deadline must be a date and time' }),
    resultsVisibility: z.enum(RESULTS_VISIBILITIES).default('AFTER_END'),
    meetingForm: z.enum(MEETING_FORMS).optional(),
    initiator: z.string().trim().max(300, 'the initiator must be at most 300 characters').nullish(),
    questions: z.array(questionSchema).min(1, 'add at least one question').max(20, 'at most 20 questions'),
  })
  .superRefine((poll, ctx) => {
    const meeting = poll.kind === 'OWNERS_MEETING';
    if (meeting && poll.voteUnit && poll.voteUnit !== 'BY_OWNERSHIP')
      ctx.addIssue({
        code: 'custom',
        path: ['voteUnit'],
        message: 'an owners’ meeting votes by ownership (area × share)',
      });
    if (!meeting && poll.voteUnit === 'BY_OWNERSHIP')
      ctx.addIssue({
        code: 'custom',
        path: ['voteUnit'],
        message: 'a simple poll is one vote per resident or per flat',
      });
    if (meeting && poll.entrances.length > 0)
      ctx.addIssue({
        code: 'custom',
        path: ['entrances'],
        message: 'an owners’ meeting is for the whole house',
      });
    poll.questions.forEach((q, i) => {
      const answers = meeting ? undefined : simpleAnswersSchema.safeParse(q.options);
      if (answers && !answers.success)
        ctx.addIssue({
          code: 'custom',
          path: ['questions', i, 'options'],
          message: answers.error.issues[0]?.message ?? 'invalid answers',
        });
      if (!meeting && q.threshold !== 'MAJORITY_OF_PARTICIPANTS')
        ctx.addIssue({
          code: 'custom',
          path: ['questions', i, 'threshold'],
          message: 'thresholds apply to owners’ meetings only',
        });
    });
  });

export type CreatePollInput = z.input<typeof createPollInputSchema>;

/**
 * A chair or manager drafts a poll for a house (polls.manage there): a simple poll (one vote per resident or per
 * flat) or an owners' meeting (ЖК РФ ст. 44–48: votes by ownership, a decision threshold per question, the options
 * for / against / abstain). It stays a draft, invisible to residents, until it is published. Audited.
 */
export async function createPoll(deps: DomainDeps, actor: StaffActor, input: CreatePollInput) {
  const args = createPollInputSchema.parse(input);
  const now = nowOf(deps);
  if (args.endsAt.getTime() <= now.getTime()) {
    const message = 'the deadline must be in the future';
    throw new AppError('VALIDATION', message, { fields: { endsAt: message } });
  }
  const meeting = args.kind === 'OWNERS_MEETING';
  return deps.db.prisma.$transaction(async (tx) => {
    await loadHouse(tx, actor, args.houseId, 'polls.manage');
    if (args.entrances.length > 0) {
      const found = await tx.entrance.findMany({
        where: { houseId: args.houseId, number: { in: args.entrances } },
        select: { number: true },
      });
      const missing = args.entrances.filter((n) => !found.some((e) => e.number === n));
      if (missing.length > 0) {
        const message = `the house has no entrance ${missing.join(', ')}`;
        throw new AppError('VALIDATION', message, { fields: { entrances: message } });
      }
    }
    const created = await tx.poll.create({
      data: {
        organizationId: actor.organizationId,
        houseId: args.houseId,
        kind: args.kind,
        title: args.title,
        description: args.description || null,
        voteUnit: meeting ? 'BY_OWNERSHIP' : (args.voteUnit ?? 'PER_RESIDENT'),
        entrances: [...new Set(args.entrances)].sort((a, b) => a - b),
        startsAt: now,
        endsAt: args.endsAt,
        status: 'DRAFT',
        resultsVisibility: args.resultsVisibility,
        meetingForm: meeting ? (args.meetingForm ?? 'ABSENTEE') : null,
        initiator: args.initiator || null,
        createdByStaffId: actor.staffUserId,
        createdAt: now,
        questions: {
          create: args.questions.map((q, i) => ({
            position: i + 1,
            text: q.text,
            threshold: meeting ? q.threshold : 'MAJORITY_OF_PARTICIPANTS',
            options: {
              create: meeting
                ? MEETING_OPTIONS.map((o, j) => ({ position: j + 1, text: o.text, decision: o.decision }))
                : q.options.map((text, j) => ({ position: j + 1, text })),
            },
          })),
        },
      },
      select: POLL_SELECT,
    });
    const view = pollView(created);
    await writeAudit(tx, actor, {
      action: 'poll.create',
      entityType: 'poll',
      entityId: view.id,
      after: {
        kind: view.kind,
        title: view.title,
        houseId: view.houseId,
        voteUnit: view.voteUnit,
        entrances: view.entrances,
        endsAt: view.endsAt,
        questions: view.questions.map((q) => ({
          text: q.text,
          threshold: q.threshold,
          options: q.options.length,
        })),
      },
    });
    return view;
  });
}
