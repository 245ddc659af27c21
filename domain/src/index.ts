export { type DomainDeps, nowOf } from './context.ts';
export { APP_ERROR_CODES, AppError, type AppErrorCode, isAppError } from './errors/app-error.ts';
export { toAppError, withDatabaseErrors } from './errors/database-error.ts';
export {
  authorize,
  can,
  type HouseScope,
  houseFilter,
  houseScope,
  PERMISSIONS,
  type Permission,
  permissionsOf,
  ROLE_PERMISSIONS,
  STAFF_ROLES,
  type StaffGrant,
  type StaffPrincipal,
  type StaffRoleName,
} from './permissions/policy.ts';
export { type RegisteredResident, registerResident } from './residents/register-resident.ts';
export { setResidentLanguage } from './residents/set-resident-language.ts';
export type { TelegramIdentity } from './residents/telegram-identity.ts';
export { hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, verifyPassword } from './staff/password.ts';
