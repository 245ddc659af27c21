import { type Static, type TSchema, Type } from 'typebox';
import { PaginationQuery } from './common.ts';

/**
 * Schemas of the registry, residents and meters routes. Request schemas check types and sizes only; the domain's
 * zod rules give the per-field messages (area, account number, share, phone …) in `details.fields`.
 */

/**
 * `T | null`. For strings and numbers as one JSON-schema type list (`["string", "null"]`) rather than `anyOf`: where
 * the API's Ajv coerces types (query strings; see validator.ts), `anyOf` would turn a `null` into `""` in the string
 * branch before trying the null one.
 */
export function Nullable<T extends TSchema>(schema: T) {
  const type = (schema as { type?: unknown }).type;
  return typeof type === 'string' && type !== 'object' && type !== 'array'
    ? Type.Unsafe<Static<T> | null>({ ...schema, type: [type, 'null'] })
    : Type.Unsafe<Static<T> | null>(Type.Union([schema, Type.Null()]));
}

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
    items: Type.Array(item),
  });

export const SearchQuery = { search: Type.Optional(Type.String({ maxLength: 200 })), ...PaginationQuery };

const Id = Type.String({ minLength: 1, maxLength: 64 });
const DateText = Type.String({ maxLength: 10, description: 'a calendar date, YYYY-MM-DD' });
const Decimal = Type.Union([Type.String({ maxLength: 20 }), Type.Number()]);
const Text = (maxLength: number) => Type.String({ maxLength });

// ── Houses ──────────────────────────────────────────────────────────────────────────────────────────────────────

export const CreateHouseBody = Type.Object(
  {
    address: Text(300),
    timezone: Type.Optional(Text(64)),
    totalArea: Type.Optional(Decimal),
    emergencyPhone: Type.Optional(Nullable(Text(20))),
    readingsWindowStartDay: Type.Optional(Type.Integer({ minimum: 1, maximum: 28 })),
    readingsWindowEndDay: Type.Optional(Type.Integer({ minimum: 1, maximum: 31 })),
    requirePassApproval: Type.Optional(Type.Boolean()),
    fiasId: Type.Optional(Nullable(Text(64))),
    cadastralNumber: Type.Optional(Nullable(Text(40))),
  },
  { additionalProperties: false },
);

export const CreatedHouse = Type.Object({
  id: Type.String(),
  address: Type.String(),
  timezone: Type.String(),
  totalArea: Type.String({ description: 'm², 2 decimals' }),
  emergencyPhone: Nullable(Type.String()),
  readingsWindowStartDay: Type.Integer(),
  readingsWindowEndDay: Type.Integer(),
  requirePassApproval: Type.Boolean(),
  fiasId: Nullable(Type.String()),
  cadastralNumber: Nullable(Type.String()),
});

// ── Entrances ───────────────────────────────────────────────────────────────────────────────────────────────────

export const Entrance = Type.Object({
  id: Type.String(),
  houseId: Type.String(),
  number: Type.Integer(),
  floors: Nullable(Type.Integer()),
  premisesCount: Type.Integer(),
});

export const CreateEntranceBody = Type.Object(
  { number: Type.Integer(), floors: Type.Optional(Nullable(Type.Integer())) },
  { additionalProperties: false },
);

export const UpdateEntranceBody = Type.Object(
  { number: Type.Optional(Type.Integer()), floors: Type.Optional(Nullable(Type.Integer())) },
  { additionalProperties: false, minProperties: 1 },
);

// ── Premises ────────────────────────────────────────────────────────────────────────────────────────────────────

const PremisesKind = Type.Enum(['FLAT', 'NON_RESIDENTIAL']);

export const Premises = Type.Object({
  id: Type.String(),
  houseId: Type.String(),
  entranceId: Nullable(Type.String()),
  entranceNumber: Nullable(Type.Integer()),
  kind: PremisesKind,
  number: Type.String(),
  area: Type.String({ description: 'm², 2 decimals' }),
  floor: Nullable(Type.Integer()),
});

export const PremisesListItem = Type.Intersect([
  Premises,
  Type.Object({ accountsCount: Type.Integer(), ownersCount: Type.Integer() }),
]);

export const ListPremisesQuery = Type.Object(
  { kind: Type.Optional(PremisesKind), entranceId: Type.Optional(Id), ...SearchQuery },
  { additionalProperties: false },
);

export const CreatePremisesBody = Type.Object(
  {
    kind: Type.Optional(PremisesKind),
    number: Text(40),
    area: Decimal,
    floor: Type.Optional(Nullable(Type.Integer())),
    entranceId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
);

export const UpdatePremisesBody = Type.Object(
  {
    kind: Type.Optional(PremisesKind),
    number: Type.Optional(Text(40)),
    area: Type.Optional(Decimal),
    floor: Type.Optional(Nullable(Type.Integer())),
    entranceId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** Phone and e-mail come masked (`contactsMasked`) without `personal-data.read` in the person's houses. */
const Contacts = {
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
  contactsMasked: Type.Boolean(),
};

const OwnerKind = Type.Enum(['PERSON', 'LEGAL_ENTITY', 'PUBLIC']);

export const Ownership = Type.Object({
  id: Type.String(),
  ownerId: Type.String(),
  premisesId: Type.String(),
  share: Type.String({ description: 'a fraction such as 1/3, or 1 for the whole' }),
  validFrom: Nullable(Type.String()),
  validTo: Nullable(Type.String()),
  document: Nullable(Type.String()),
});

export const PremisesDetails = Type.Intersect([
  Premises,
  Type.Object({
    address: Type.String(),
    accounts: Type.Array(
      Type.Object({
        id: Type.String(),
        number: Type.String(),
        payerName: Nullable(Type.String()),
        registeredPersons: Type.Integer(),
        closedAt: Nullable(Type.String()),
      }),
    ),
    ownerships: Type.Array(
      Type.Intersect([
        Ownership,
        Type.Object({
          current: Type.Boolean(),
          owner: Type.Object({ id: Type.String(), kind: OwnerKind, fullName: Type.String(), ...Contacts }),
        }),
      ]),
    ),
    sharesTotal: Type.String({ description: 'sum of the current shares, e.g. 2/3' }),
  }),
]);

// ── Personal accounts ───────────────────────────────────────────────────────────────────────────────────────────

export const Account = Type.Object({
  id: Type.String(),
  houseId: Type.String(),
  premisesId: Type.String(),
  premisesNumber: Type.String(),
  number: Type.String(),
  payerName: Nullable(Type.String()),
  registeredPersons: Type.Integer(),
  closedAt: Nullable(Type.String()),
  inviteCodeIssuedAt: Type.String(),
  activeLinks: Type.Integer({ description: 'residents linked in the bot' }),
});

export const AccountDetails = Type.Intersect([
  Account,
  Type.Object({ address: Type.String(), premisesKind: PremisesKind }),
]);

export const ListAccountsQuery = Type.Object(
  {
    premisesId: Type.Optional(Id),
    status: Type.Optional(Type.Enum(['open', 'closed', 'all'])),
    ...SearchQuery,
  },
  { additionalProperties: false },
);

export const CreateAccountBody = Type.Object(
  {
    number: Text(40),
    payerName: Type.Optional(Nullable(Text(300))),
    registeredPersons: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false },
);

export const UpdateAccountBody = Type.Object(
  {
    number: Type.Optional(Text(40)),
    payerName: Type.Optional(Nullable(Text(300))),
    registeredPersons: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const CloseAccountBody = Type.Object(
  { closedAt: Type.Optional(Type.String({ format: 'date-time' })) },
  { additionalProperties: false },
);

// ── Owners and ownerships ───────────────────────────────────────────────────────────────────────────────────────

export const Owner = Type.Object({
  id: Type.String(),
  kind: OwnerKind,
  fullName: Type.String(),
  inn: Nullable(Type.String()),
  ...Contacts,
});

export const OwnerListItem = Type.Intersect([
  Owner,
  Type.Object({
    premises: Type.Array(
      Type.Object({
        ownershipId: Type.String(),
        premisesId: Type.String(),
        houseId: Type.String(),
        kind: PremisesKind,
        number: Type.String(),
        share: Type.String(),
        current: Type.Boolean(),
      }),
    ),
  }),
]);

export const OwnerDetails = Type.Intersect([
  Owner,
  Type.Object({
    ownerships: Type.Array(
      Type.Intersect([
        Ownership,
        Type.Object({
          houseId: Type.String(),
          address: Type.String(),
          premisesKind: PremisesKind,
          premisesNumber: Type.String(),
          current: Type.Boolean(),
        }),
      ]),
    ),
  }),
]);

export const CreatedOwner = Type.Intersect([Owner, Type.Object({ ownerships: Type.Array(Ownership) })]);

export const ListOwnersQuery = Type.Object(
  { houseId: Type.Optional(Id), ...SearchQuery },
  { additionalProperties: false },
);

const OwnershipTerms = {
  share: Text(30),
  validFrom: Type.Optional(Nullable(DateText)),
  validTo: Type.Optional(Nullable(DateText)),
  document: Type.Optional(Nullable(Text(200))),
};

const OwnerFields = {
  kind: Type.Optional(OwnerKind),
  fullName: Text(300),
  phone: Type.Optional(Nullable(Text(40))),
  email: Type.Optional(Nullable(Text(254))),
  inn: Type.Optional(Nullable(Text(12))),
};

export const CreateOwnerBody = Type.Object(
  {
    ...OwnerFields,
    ownership: Type.Optional(
      Type.Object({ premisesId: Id, ...OwnershipTerms }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);

export const UpdateOwnerBody = Type.Object(
  { ...OwnerFields, fullName: Type.Optional(Text(300)) },
  { additionalProperties: false, minProperties: 1 },
);

export const AddOwnershipBody = Type.Object(
  { ownerId: Id, ...OwnershipTerms },
  { additionalProperties: false },
);

export const UpdateOwnershipBody = Type.Object(
  {
    share: Type.Optional(Text(30)),
    validFrom: Type.Optional(Nullable(DateText)),
    validTo: Type.Optional(Nullable(DateText)),
    document: Type.Optional(Nullable(Text(200))),
  },
  { additionalProperties: false, minProperties: 1 },
);
