import { STAFF_ROLES } from '@domovoy/domain';
import { Type } from 'typebox';

export const LoginBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const Me = Type.Object({
  id: Type.String(),
  email: Type.String(),
  fullName: Type.String(),
  organization: Type.Object({ id: Type.String(), name: Type.String() }),
  grants: Type.Array(
    Type.Object({
      role: Type.Enum([...STAFF_ROLES]),
      houseId: Type.Union([Type.String(), Type.Null()]),
      houseAddress: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  permissions: Type.Array(Type.String()),
});

export const SessionReply = Type.Object({ user: Me, csrfToken: Type.String() });
