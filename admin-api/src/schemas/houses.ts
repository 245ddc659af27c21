import { Type } from 'typebox';
import { PaginationQuery } from './common.ts';
import { Nullable } from './registry.ts';

export const House = Type.Object({
  id: Type.String(),
  address: Type.String(),
  timezone: Type.String(),
  totalArea: Type.String({ description: 'm², 2 decimals' }),
  emergencyPhone: Type.Union([Type.String(), Type.Null()]),
  readingsWindowStartDay: Type.Integer(),
  readingsWindowEndDay: Type.Integer(),
});

export const HouseListItem = Type.Intersect([House, Type.Object({ premisesCount: Type.Integer() })]);

export const HouseDetails = Type.Intersect([
  House,
  Type.Object({
    requirePassApproval: Type.Boolean(),
    readingsWindowOpenedEarlyUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  }),
]);

export const ListHousesQuery = Type.Object(
  { search: Type.Optional(Type.String({ maxLength: 200 })), ...PaginationQuery },
  { additionalProperties: false },
);

export const HouseList = Type.Object({
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  items: Type.Array(HouseListItem),
});

export const UpdateHouseBody = Type.Object(
  {
    address: Type.Optional(Type.String({ minLength: 5, maxLength: 300 })),
    timezone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    emergencyPhone: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
    readingsWindowStartDay: Type.Optional(Type.Integer({ minimum: 1, maximum: 28 })),
    readingsWindowEndDay: Type.Optional(Type.Integer({ minimum: 1, maximum: 31 })),
    requirePassApproval: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
