export { approvePass } from './approve-pass.ts';
export { cancelPass, cancelPassInputSchema } from './cancel-pass.ts';
export { checkPass, checkPassInputSchema, type PassCheckOutcome } from './check-pass.ts';
export { getPassSettings, passSettingsView } from './get-pass-settings.ts';
export { getResidentPass } from './get-resident-pass.ts';
export {
  listPasses,
  listPassesInputSchema,
  PASS_LIST_STATUSES,
  type PassListStatus,
} from './list-passes.ts';
export { listPremisesPasses, listPremisesPassesInputSchema } from './list-premises-passes.ts';
export { listResidentPasses, type ResidentPass } from './list-resident-passes.ts';
export { guestNameSchema, orderPass, orderPassInputSchema } from './order-pass.ts';
export {
  MAX_DAYS_AHEAD,
  MAX_PASS_DAYS,
  type PassDatesProblem,
  type PassWhen,
  passDays,
  passValidity,
  resolvePassDates,
} from './pass-dates.ts';
export { passQrPng } from './pass-qr.ts';
export {
  effectivePassStatus,
  isWithdrawable,
  PASS_CHECK_RESULTS,
  PASS_STATUSES,
  passCheckResult,
} from './pass-status.ts';
export { type CheckInput, newPassToken, parseCheckInput, passCheckUrl } from './pass-token.ts';
export type { PassView } from './pass-view.ts';
export {
  lookAlikesToLatin,
  normalizePlate,
  type PlateParse,
  type PlateProblem,
  parsePlate,
  plateInCyrillic,
} from './plate.ts';
export { revokePass, revokePassInputSchema } from './revoke-pass.ts';
export { updatePassSettings, updatePassSettingsInputSchema } from './update-pass-settings.ts';
