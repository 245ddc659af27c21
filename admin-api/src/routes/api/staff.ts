import {
  createStaffUser,
  listStaff,
  PASSWORD_MAX_LENGTH,
  STAFF_ROLES,
  updateStaffUser,
} from '@domovoy/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../plugins/app/authentication.ts';
import { errorResponses, IdParams, PaginationQuery, staffSecurity } from '../../schemas/common.ts';
import { Nullable, Page } from '../../schemas/registry.ts';

const Grant = Type.Object(
  {
    role: Type.Enum([...STAFF_ROLES]),
    houseId: Nullable(
      Type.String({ minLength: 1, maxLength: 64, description: 'null: the whole organisation' }),
    ),
  },
  { additionalProperties: false },
);
const Grants = Type.Array(Grant, { minItems: 1, maxItems: 50 });
const Phone = Nullable(Type.String({ maxLength: 32 }));
const StaffMember = Type.Object({
  id: Type.String(),
  email: Type.String(),
  fullName: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
  roles: Type.Array(Type.Object({ role: Type.String(), houseId: Type.Union([Type.String(), Type.Null()]) })),
});

/** Staff accounts of the organisation: list, add, change roles, disable. Organisation-wide staff.manage. */
export const staffRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/staff',
    {
      schema: {
        tags: ['staff'],
        summary: 'The organisation’s staff with their roles, by name (organisation-wide staff.manage)',
        security: staffSecurity,
        querystring: Type.Object(
          {
            search: Type.Optional(Type.String({ maxLength: 100, description: 'part of the name or email' })),
            includeInactive: Type.Optional(Type.Boolean({ default: false })),
            ...PaginationQuery,
          },
          { additionalProperties: false },
        ),
        response: {
          200: Page(
            Type.Object({
              id: Type.String(),
              email: Type.String(),
              fullName: Type.String(),
              phone: Type.Union([Type.String(), Type.Null()]),
              active: Type.Boolean(),
              lastLoginAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
              telegramLinked: Type.Boolean(),
              roles: Type.Array(
                Type.Object({
                  role: Type.String(),
                  houseId: Type.Union([Type.String(), Type.Null()]),
                  houseAddress: Type.Union([Type.String(), Type.Null()]),
                }),
              ),
            }),
          ),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const page = await listStaff(app.deps, actorOf(request), request.query);
      return {
        ...page,
        items: page.items.map((u) => ({ ...u, lastLoginAt: u.lastLoginAt?.toISOString() ?? null })),
      };
    },
  );

  app.post(
    '/staff',
    {
      schema: {
        tags: ['staff'],
        summary: 'Add a staff member with their roles (organisation-wide staff.manage)',
        description:
          'The email is the login and must be new. The first password follows the password rules; hand it over and ask for a change at the first sign-in. Audited without the password.',
        security: staffSecurity,
        body: Type.Object(
          {
            email: Type.String({ minLength: 3, maxLength: 254 }),
            fullName: Type.String({ minLength: 1, maxLength: 200 }),
            phone: Type.Optional(Phone),
            password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
            roles: Grants,
          },
          { additionalProperties: false },
        ),
        response: { 201: StaffMember, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await createStaffUser(app.deps, actorOf(request), request.body);
      return reply.code(201).send(created);
    },
  );

  app.patch(
    '/staff/:id',
    {
      schema: {
        tags: ['staff'],
        summary:
          'Change a staff member: name, phone, roles (replaced), or disable/enable (organisation-wide staff.manage)',
        description:
          'Disabling ends the member’s sessions at once. Refused with 409 when it would leave the organisation without an active organisation-wide administrator, or when you disable yourself. Audited with before and after.',
        security: staffSecurity,
        params: IdParams,
        body: Type.Object(
          {
            fullName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            phone: Type.Optional(Phone),
            active: Type.Optional(Type.Boolean()),
            roles: Type.Optional(Grants),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: {
          200: Type.Intersect([StaffMember, Type.Object({ endedSessions: Type.Integer() })]),
          ...errorResponses,
        },
      },
    },
    async (request) =>
      updateStaffUser(app.deps, actorOf(request), { staffUserId: request.params.id, ...request.body }),
  );
};
