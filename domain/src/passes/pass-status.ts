import type { PassCheckResult, PassStatus } from '@domovoy/prisma';

export const PASS_STATUSES = [
  'PENDING_APPROVAL',
  'ACTIVE',
  'USED',
  'CANCELLED',
  'REVOKED',
  'EXPIRED',
] as const satisfies readonly PassStatus[];

export const PASS_CHECK_RESULTS = [
  'VALID',
  'NOT_YET_VALID',
  'EXPIRED',
  'USED',
  'REVOKED',
  'NOT_APPROVED',
  'WRONG_HOUSE',
  'UNKNOWN',
] as const satisfies readonly PassCheckResult[];

interface PassState {
  status: PassStatus;
  validFrom: Date;
  validTo: Date;
}

/**
 * The status as people mean it: a pass still marked active or awaiting approval after its last day is expired,
 * whether or not anything has rewritten the row yet.
 */
export function effectivePassStatus(pass: PassState, now: Date): PassStatus {
  if ((pass.status === 'ACTIVE' || pass.status === 'PENDING_APPROVAL') && now >= pass.validTo)
    return 'EXPIRED';
  return pass.status;
}

/**
 * What a guard is told about a pass at this instant. Final states first (withdrawn, used, expired), then the
 * dates, then the approval: a guard turns away a cancelled pass whatever its dates. A cancelled pass reads as
 * revoked at the gate: either way it was withdrawn.
 */
export function passCheckResult(pass: PassState, now: Date): PassCheckResult {
  if (pass.status === 'REVOKED' || pass.status === 'CANCELLED') return 'REVOKED';
  if (pass.status === 'USED') return 'USED';
  if (pass.status === 'EXPIRED' || now >= pass.validTo) return 'EXPIRED';
  if (now < pass.validFrom) return 'NOT_YET_VALID';
  if (pass.status === 'PENDING_APPROVAL') return 'NOT_APPROVED';
  return 'VALID';
}

/** A pass a resident or staff can still withdraw. */
export const isWithdrawable = (pass: PassState, now: Date) =>
  (pass.status === 'ACTIVE' || pass.status === 'PENDING_APPROVAL') && now < pass.validTo;
