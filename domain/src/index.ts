export * from './announcements/index.ts';
export { auditLogFacets, listAuditLog, listAuditLogInputSchema } from './audit/list-audit-log.ts';
export { type AuditEntry, writeAudit } from './audit/write-audit.ts';
export * from './billing/charges/index.ts';
export * from './billing/dashboard/index.ts';
export * from './billing/exports/index.ts';
export * from './billing/finances/index.ts';
export * from './billing/penalties/index.ts';
export * from './billing/receipts/index.ts';
export * from './billing/resident/index.ts';
export { syncLegalData } from './billing/sync-legal-data.ts';
export type { Tx } from './context.ts';
export { type DomainDeps, nowOf } from './context.ts';
export { getDashboardCounts } from './dashboard/get-dashboard-counts.ts';
export {
  DEMO_DATA_EXISTS_MESSAGE,
  DEMO_LOGINS,
  type DemoLogin,
  demoLogins,
  formatDemoLogins,
  isDatabaseEmpty,
  type SeedDemoOptions,
  type SeedDemoResult,
  seedDemo,
  seedDemoIfEmpty,
} from './demo/seed-demo.ts';
export { APP_ERROR_CODES, AppError, type AppErrorCode, isAppError } from './errors/app-error.ts';
export { toAppError, withDatabaseErrors } from './errors/database-error.ts';
export * from './files/index.ts';
export { getHouse } from './houses/get-house.ts';
export { listHouses, listHousesInputSchema } from './houses/list-houses.ts';
export { updateHouse, updateHouseInputSchema } from './houses/update-house.ts';
export { uuidv7 } from './ids/uuidv7.ts';
export * from './meters/index.ts';
export { botText, formatLocalDay } from './notifications/texts.ts';
export {
  createOrganizationAdmin,
  createOrganizationAdminSchema,
  newOrganizationSchema,
} from './organizations/create-organization-admin.ts';
export { getOrganization } from './organizations/get-organization.ts';
export { ORGANIZATION_KINDS, organizationFieldsSchema } from './organizations/organization-fields.ts';
export { updateOrganization, updateOrganizationSchema } from './organizations/update-organization.ts';
export { type ClaimedMessage, type ClaimOptions, claimBatch } from './outbox/claim-batch.ts';
export {
  type EnqueueMessageInput,
  enqueueMany,
  enqueueMessage,
  type OutboxWriter,
} from './outbox/enqueue-message.ts';
export {
  OUTBOX_METHODS,
  OUTBOX_PRIORITIES,
  OUTBOX_STATUSES,
  type OutboxMethod,
  type OutboxPayload,
  type OutboxPriority,
  type OutboxStatusName,
} from './outbox/outbox-message.ts';
export {
  listOutboxRecipients,
  type OutboxRecipientStatus,
  type OutboxStats,
  outboxStats,
} from './outbox/outbox-stats.ts';
export {
  isOutboxUpload,
  type OutboxTransport,
  type OutboxUpload,
  type SendResult,
} from './outbox/outbox-transport.ts';
export {
  type BatchReport,
  type OutboxLimits,
  type OutboxLogger,
  OutboxWorker,
  type OutboxWorkerOptions,
} from './outbox/outbox-worker.ts';
export {
  type StoredFileSource,
  type StoredFileUploadOptions,
  withStoredFileUploads,
} from './outbox/stored-file-uploads.ts';
export * from './passes/index.ts';
export * from './payments/index.ts';
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
export * from './polls/index.ts';
export { type Assessment, assessReading, type Confirmation } from './readings/assess-reading.ts';
export {
  DEFAULT_REMINDER_OPTIONS,
  enqueueReadingReminders,
  type ReminderOptions,
} from './readings/enqueue-reading-reminders.ts';
export { enqueueVerificationReminders } from './readings/enqueue-verification-reminders.ts';
export { getMeterHistory, type HistoryRow } from './readings/meter-history.ts';
export { decimalToMilli, MILLI, milliToString, parseReadingValue } from './readings/reading-value.ts';
export { readingsWindow, type WindowSettings, type WindowState } from './readings/reading-window.ts';
export { requestMeterVerification } from './readings/request-meter-verification.ts';
export {
  FLAT_METERS_SQL,
  type FlatMeters,
  loadFlatMeters,
  type MeterBlock,
  type MeterState,
  type ZoneState,
} from './readings/resident-meters.ts';
export { enterReadingAsStaff, enterReadingSchema } from './readings/staff/enter-reading-as-staff.ts';
export { EXPORT_COLUMNS, exportReadings, exportReadingsSchema } from './readings/staff/export-readings.ts';
export { listHouseReadings, listHouseReadingsSchema } from './readings/staff/list-house-readings.ts';
export { openReadingsWindowEarly, openWindowEarlySchema } from './readings/staff/open-window-early.ts';
export {
  checkZoneValue,
  type MeterSnapshot,
  readingUpsertSql,
  type SubmitResult,
  snapshotMeter,
  submitReadings,
  submitReadingsSchema,
  type ZoneCheck,
} from './readings/submit-readings.ts';
export * from './registry/index.ts';
export {
  COLUMN_TITLES,
  type ImportRegistryInput,
  importRegistry,
  importRegistryInputSchema,
  REGISTRY_COLUMNS,
  REGISTRY_ENTITIES,
  REGISTRY_ISSUE_CODES,
  type RegistryImportProgress,
  type RegistryImportReport,
  type RegistryIssue,
  type RegistryIssueCode,
  type RegistrySummary,
  writeRegistryCsv,
  writeRegistryXlsx,
} from './registry-import/index.ts';
export {
  INVITE_CODE_LENGTH,
  inviteDeepLink,
  newInviteCode,
  normalizeInviteCode,
} from './residents/invite-code.ts';
export {
  findInvitedFlat,
  INVITE_GUESS_LIMIT,
  type InvitedFlat,
  linkByInviteCode,
  linkRoleSchema,
} from './residents/link-by-invite-code.ts';
export { linkByPhone } from './residents/link-by-phone.ts';
export {
  listResidentFlats,
  RESIDENT_FLATS_SQL,
  type ResidentFlat,
  unlinkFlat,
} from './residents/list-resident-flats.ts';
export { maskPhone, normalizePhone } from './residents/phone.ts';
export { type RegisteredResident, registerResident } from './residents/register-resident.ts';
export { setResidentLanguage } from './residents/set-resident-language.ts';
export * from './residents/staff/index.ts';
export type { TelegramIdentity } from './residents/telegram-identity.ts';
export { changeOwnPassword, changeOwnPasswordSchema } from './staff/change-own-password.ts';
export {
  createStaffLinkCode,
  linkStaffTelegram,
  STAFF_LINK_CODE_TTL_MINUTES,
  STAFF_LINK_GUESS_LIMIT,
  staffActorByTelegram,
} from './staff/link-staff-telegram.ts';
export { loadStaffPrincipal, type StaffMe } from './staff/load-staff-principal.ts';
export { LOGIN_LIMITS, type LoginResult, loginInputSchema, loginStaff } from './staff/login-staff.ts';
export * from './staff/manage/index.ts';
export { hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, verifyPassword } from './staff/password.ts';
export {
  assertPasswordRules,
  checkPasswordRules,
  hashNewStaffPassword,
  PASSWORD_RULES,
  type PasswordRuleFailure,
} from './staff/password-rules.ts';
export { resetStaffPassword, resetStaffPasswordSchema } from './staff/reset-staff-password.ts';
export {
  openStaffSessionCache,
  STAFF_CHANGES_CHANNEL,
  type StaffSessionCache,
} from './staff/session-cache.ts';
export type { StaffActor } from './staff/staff-actor.ts';
export {
  createStaffSession,
  csrfMatches,
  endAllStaffSessions,
  endOtherStaffSessions,
  endStaffSession,
  type ResolvedStaffSession,
  resolveStaffSession,
  STAFF_SESSION_ABSOLUTE_HOURS,
} from './staff/staff-sessions.ts';
export { changeTicketStatus, changeTicketStatusSchema } from './tickets/change-ticket-status.ts';
export * from './tickets/classifier/classify-ticket.ts';
export {
  createResidentTicket,
  createResidentTicketSchema,
  listResidentTickets,
  TICKET_CATEGORIES,
} from './tickets/create-resident-ticket.ts';
export * from './tickets/in-telegram.ts';
export * from './tickets/inbox/index.ts';
export { notifyTicketResident } from './tickets/notify-resident.ts';
export { replyToTicket, replyToTicketSchema } from './tickets/reply-to-ticket.ts';
export * from './tickets/sla/index.ts';
export {
  allowedTransitions,
  assertTransition,
  TICKET_STATUSES,
  TICKET_TRANSITIONS,
  type TicketActor,
  type TicketStatus,
} from './tickets/ticket-status.ts';
export { localDateTime, periodDate, zonedInstant } from './time/zoned.ts';
