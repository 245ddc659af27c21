import { getOrganization, ORGANIZATION_KINDS, updateOrganization } from '@domovoy/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../plugins/app/authentication.ts';
import { errorResponses, staffSecurity } from '../../schemas/common.ts';
import { Nullable } from '../../schemas/registry.ts';

const Text = (maxLength: number) => Type.String({ maxLength });
const NullableText = (maxLength: number) => Type.Union([Type.String({ maxLength }), Type.Null()]);

const Organization = Type.Object({
  id: Type.String(),
  kind: Type.Enum([...ORGANIZATION_KINDS]),
  name: Type.String(),
  shortName: NullableText(160),
  inn: Type.String(),
  kpp: NullableText(9),
  ogrn: NullableText(15),
  address: Type.String(),
  phone: NullableText(40),
  email: NullableText(200),
  bankName: Type.String(),
  bic: Type.String(),
  bankAccount: Type.String(),
  corrAccount: Type.String(),
  timezone: Type.String(),
  updatedAt: Type.String({ format: 'date-time' }),
});

const present = (org: Awaited<ReturnType<typeof getOrganization>>) => ({
  ...org,
  updatedAt: org.updatedAt.toISOString(),
});

/** The organisation's requisites, printed on every receipt and in its payment QR (organization.manage). */
export const organizationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/organization',
    {
      schema: {
        tags: ['organization'],
        summary: 'The organisation’s requisites (organisation-wide organization.manage)',
        security: staffSecurity,
        response: { 200: Organization, ...errorResponses },
      },
    },
    async (request) => present(await getOrganization(app.deps, actorOf(request))),
  );

  app.patch(
    '/organization',
    {
      schema: {
        tags: ['organization'],
        summary: 'Correct the organisation’s requisites (organisation-wide organization.manage)',
        description:
          'Fields left out keep their value; an empty optional field clears it. The INN, OGRN, BIC and both accounts are checked by their check digits, the accounts against the BIC, so a change of bank sends the BIC and both accounts together. With expectedUpdatedAt (from GET), a save over a newer change is refused with 409 `stale`. Receipts are printed on demand: every receipt printed afterwards carries the new requisites. Audited with before and after.',
        security: staffSecurity,
        body: Type.Object(
          {
            kind: Type.Optional(Type.Enum([...ORGANIZATION_KINDS])),
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 160 })),
            shortName: Type.Optional(Nullable(Text(160))),
            inn: Type.Optional(Text(12)),
            kpp: Type.Optional(Nullable(Text(9))),
            ogrn: Type.Optional(Nullable(Text(15))),
            address: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
            phone: Type.Optional(Nullable(Text(40))),
            email: Type.Optional(Nullable(Text(200))),
            bankName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            bic: Type.Optional(Text(9)),
            bankAccount: Type.Optional(Text(20)),
            corrAccount: Type.Optional(Text(20)),
            timezone: Type.Optional(Text(64)),
            expectedUpdatedAt: Type.Optional(Type.String({ format: 'date-time' })),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: Organization, ...errorResponses },
      },
    },
    async (request) => {
      const { expectedUpdatedAt, ...changes } = request.body;
      return present(
        await updateOrganization(app.deps, actorOf(request), {
          changes,
          ...(expectedUpdatedAt ? { expectedUpdatedAt } : {}),
        }),
      );
    },
  );
};
