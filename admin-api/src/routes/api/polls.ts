import {
  closePoll,
  createPoll,
  getPoll,
  getPollProtocolPdf,
  getPollProtocolXlsx,
  getPollRegister,
  getPollResults,
  listPolls,
  MEETING_FORMS,
  POLL_KINDS,
  POLL_STATUSES,
  POLL_THRESHOLDS,
  publishPoll,
  RESULTS_VISIBILITIES,
  VOTE_UNITS,
} from '@domovoy/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../plugins/app/authentication.ts';
import { errorResponses, IdParams, staffSecurity } from '../../schemas/common.ts';
import { Nullable, Page, SearchQuery } from '../../schemas/registry.ts';

const tags = ['polls'];
const Kind = Type.Enum([...POLL_KINDS]);
const Status = Type.Enum([...POLL_STATUSES]);
const Unit = Type.Enum([...VOTE_UNITS]);
const Threshold = Type.Enum([...POLL_THRESHOLDS]);
const Visibility = Type.Enum([...RESULTS_VISIBILITIES]);
const MeetingForm = Type.Enum([...MEETING_FORMS]);
const Decision = Type.Enum(['FOR', 'AGAINST', 'ABSTAIN']);
const M2 = (description: string) => Type.String({ description: `${description}, m² with 2 decimals` });
const Percent = Nullable(Type.String({ description: 'percent with 2 decimals; null when the base is zero' }));
const Language = Type.Enum(['ru', 'en'], { description: 'language of the document (ru by default)' });

const Poll = Type.Object({
  id: Type.String(),
  houseId: Type.String(),
  address: Type.String(),
  timezone: Type.String(),
  entrances: Type.Array(Type.Integer()),
  kind: Kind,
  title: Type.String(),
  description: Nullable(Type.String()),
  voteUnit: Unit,
  startsAt: Type.String(),
  endsAt: Type.String(),
  status: Status,
  resultsVisibility: Visibility,
  meetingForm: Nullable(MeetingForm),
  initiator: Nullable(Type.String()),
  totalVotes: Nullable(M2('all votes of the house, frozen at publication')),
  createdAt: Type.String(),
  createdBy: Type.Object({ id: Type.String(), fullName: Type.String() }),
  questions: Type.Array(
    Type.Object({
      id: Type.String(),
      position: Type.Integer(),
      text: Type.String(),
      threshold: Threshold,
      options: Type.Array(
        Type.Object({
          id: Type.String(),
          position: Type.Integer(),
          text: Type.String(),
          decision: Nullable(Decision),
        }),
      ),
    }),
  ),
});

const Results = Type.Object({
  kind: Kind,
  participants: Type.Integer({
    description: 'voting units that took part (ownerships in an owners’ meeting)',
  }),
  participantVotes: Nullable(M2('votes of the participants')),
  totalVotes: Nullable(M2('all votes of the house')),
  participantPercent: Percent,
  quorum: Nullable(
    Type.Boolean({ description: 'more than 50 % of all votes took part (ЖК РФ ст. 45 ч. 3)' }),
  ),
  questions: Type.Array(
    Type.Object({
      id: Type.String(),
      position: Type.Integer(),
      text: Type.String(),
      threshold: Threshold,
      base: Type.Enum(['PARTICIPANTS', 'ALL', 'VOTERS'], { description: 'what the percentages are of' }),
      voters: Type.Integer(),
      decision: Nullable(Type.Enum(['ADOPTED', 'REJECTED', 'NO_QUORUM'])),
      leaders: Type.Array(Type.String(), { description: 'simple polls: the option ids with the most votes' }),
      options: Type.Array(
        Type.Object({
          id: Type.String(),
          position: Type.Integer(),
          text: Type.String(),
          decision: Nullable(Decision),
          count: Type.Integer(),
          votes: Nullable(M2('votes for this option (owners’ meetings)')),
          percent: Percent,
        }),
      ),
    }),
  ),
});

const CreatePollBody = Type.Object(
  {
    houseId: Type.String({ minLength: 1, maxLength: 64 }),
    kind: Kind,
    title: Type.String({ maxLength: 300 }),
    description: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
    voteUnit: Type.Optional(Unit),
    entrances: Type.Optional(Type.Array(Type.Integer(), { maxItems: 100 })),
    endsAt: Type.String({ maxLength: 40, description: 'the deadline, an ISO 8601 instant' }),
    resultsVisibility: Type.Optional(Visibility),
    meetingForm: Type.Optional(MeetingForm),
    initiator: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    questions: Type.Array(
      Type.Object(
        {
          text: Type.String({ maxLength: 2000 }),
          options: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20 })),
          threshold: Type.Optional(Threshold),
        },
        { additionalProperties: false },
      ),
      { maxItems: 30 },
    ),
  },
  { additionalProperties: false },
);

/** A file response for the OpenAPI document: the body is the file itself, not JSON. */
const binary = (description: string, contentType: string) => ({
  description,
  content: { [contentType]: { schema: { type: 'string', format: 'binary' } } } as Record<
    string,
    { schema: unknown }
  >,
});

/**
 * Polls and owners' meetings (ЖК РФ ст. 44–48) for the chair and managers (`polls.manage` in the house): draft,
 * publish (residents are invited in the bot), close early, the results (by area × share for an owners' meeting),
 * the per-owner register of votes and the protocol (Minstroy order 44/pr) as PDF and XLSX.
 */
export const pollRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/polls',
    {
      schema: {
        tags,
        summary: 'Polls of the houses where the staff member runs polls, newest first (polls.manage)',
        security: staffSecurity,
        querystring: Type.Object(
          {
            houseId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            status: Type.Optional(Status),
            kind: Type.Optional(Kind),
            ...SearchQuery,
          },
          { additionalProperties: false },
        ),
        response: {
          200: Page(
            Type.Object({
              id: Type.String(),
              houseId: Type.String(),
              address: Type.String(),
              kind: Kind,
              title: Type.String(),
              status: Status,
              voteUnit: Unit,
              entrances: Type.Array(Type.Integer()),
              startsAt: Type.String(),
              endsAt: Type.String(),
              createdAt: Type.String(),
              questions: Type.Integer(),
              voters: Type.Integer({ description: 'voting units that have voted' }),
            }),
          ),
          ...errorResponses,
        },
      },
    },
    async (request) => listPolls(app.deps, actorOf(request), request.query),
  );

  app.post(
    '/polls',
    {
      schema: {
        tags,
        summary:
          'Draft a simple poll (answers per question, one vote per resident or flat) or an owners’ meeting (a threshold per question, for / against / abstain) (polls.manage; audited)',
        security: staffSecurity,
        body: CreatePollBody,
        response: { 201: Poll, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createPoll(app.deps, actorOf(request), request.body)),
  );

  app.get(
    '/polls/:id',
    {
      schema: {
        tags,
        summary:
          'A poll with its questions, how many residents were invited and how many voted (polls.manage)',
        security: staffSecurity,
        params: IdParams,
        response: {
          200: Type.Intersect([Poll, Type.Object({ voters: Type.Integer(), invited: Type.Integer() })]),
          ...errorResponses,
        },
      },
    },
    async (request) => getPoll(app.deps, actorOf(request), { pollId: request.params.id }),
  );

  app.post(
    '/polls/:id/publish',
    {
      schema: {
        tags,
        summary:
          'Open a draft: residents of its audience get the invitation in the bot; an owners’ meeting freezes the house’s total votes (polls.manage; audited)',
        security: staffSecurity,
        params: IdParams,
        response: {
          200: Type.Intersect([Poll, Type.Object({ recipients: Type.Integer() })]),
          ...errorResponses,
        },
      },
    },
    async (request) => publishPoll(app.deps, actorOf(request), { pollId: request.params.id }),
  );

  app.post(
    '/polls/:id/close',
    {
      schema: {
        tags,
        summary:
          'End a running poll now: results are counted and sent to those who voted (polls.manage; audited with the results)',
        security: staffSecurity,
        params: IdParams,
        response: {
          200: Type.Intersect([Poll, Type.Object({ results: Results, notified: Type.Integer() })]),
          ...errorResponses,
        },
      },
    },
    async (request) => closePoll(app.deps, actorOf(request), { pollId: request.params.id }),
  );

  app.get(
    '/polls/:id/results',
    {
      schema: {
        tags,
        summary:
          'Results so far or final: quorum and each question’s decision by area × share for an owners’ meeting, counts for a simple poll (polls.manage)',
        security: staffSecurity,
        params: IdParams,
        response: { 200: Type.Object({ poll: Poll, results: Results }), ...errorResponses },
      },
    },
    async (request) => getPollResults(app.deps, actorOf(request), { pollId: request.params.id }),
  );

  app.get(
    '/polls/:id/register',
    {
      schema: {
        tags,
        summary:
          'Owners’ meeting: the register of owners who voted — name, premises, share, area, votes, answers (polls.manage)',
        security: staffSecurity,
        params: IdParams,
        response: {
          200: Type.Object({
            pollId: Type.String(),
            items: Type.Array(
              Type.Object({
                ownerId: Type.String(),
                ownerName: Type.String(),
                premisesKind: Type.Enum(['FLAT', 'NON_RESIDENTIAL']),
                premisesNumber: Type.String(),
                share: Type.String({ description: 'e.g. 1/3; 1 for the whole' }),
                area: M2('area of the premises'),
                votes: M2('area × share'),
                answers: Type.Record(Type.String(), Decision, { description: 'question position → answer' }),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => getPollRegister(app.deps, actorOf(request), { pollId: request.params.id }),
  );

  const protocolQuery = Type.Object({ language: Type.Optional(Language) }, { additionalProperties: false });

  app.get(
    '/polls/:id/protocol.pdf',
    {
      schema: {
        tags,
        summary:
          'The protocol of a finished owners’ meeting (Minstroy order 44/pr) with the register, as PDF (polls.manage; audited)',
        security: staffSecurity,
        params: IdParams,
        querystring: protocolQuery,
        response: { 200: binary('the protocol', 'application/pdf'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const file = await getPollProtocolPdf(app.deps, actorOf(request), {
        pollId: request.params.id,
        ...request.query,
      });
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('x-pdf-font', file.font)
        .send(file.body);
    },
  );

  app.get(
    '/polls/:id/protocol.xlsx',
    {
      schema: {
        tags,
        summary:
          'The protocol of a finished owners’ meeting and the register of votes, as XLSX (polls.manage; audited)',
        security: staffSecurity,
        params: IdParams,
        querystring: protocolQuery,
        response: {
          200: binary('the protocol', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const file = await getPollProtocolXlsx(app.deps, actorOf(request), {
        pollId: request.params.id,
        ...request.query,
      });
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.body);
    },
  );
};
