import type { TFunction } from 'i18next';
import { formatDate } from '../../format.ts';
import type { Pass, PassFilter, PassKind, PassResult, PassStatus } from './api.ts';

/** Text keys and colours of passes; literal keys so the panel's text test can see them. */

export const RESULT_KEYS: Record<PassResult, string> = {
  VALID: 'passes.result.VALID',
  NOT_YET_VALID: 'passes.result.NOT_YET_VALID',
  EXPIRED: 'passes.result.EXPIRED',
  USED: 'passes.result.USED',
  REVOKED: 'passes.result.REVOKED',
  NOT_APPROVED: 'passes.result.NOT_APPROVED',
  WRONG_HOUSE: 'passes.result.WRONG_HOUSE',
  UNKNOWN: 'passes.result.UNKNOWN',
};

/** Green: let in. Yellow: not now, but the pass is fine otherwise. Red: turn away. */
export const RESULT_COLORS: Record<PassResult, 'teal' | 'yellow' | 'red'> = {
  VALID: 'teal',
  NOT_YET_VALID: 'yellow',
  NOT_APPROVED: 'yellow',
  EXPIRED: 'red',
  USED: 'red',
  REVOKED: 'red',
  WRONG_HOUSE: 'red',
  UNKNOWN: 'red',
};

export const STATUS_KEYS: Record<PassStatus, string> = {
  PENDING_APPROVAL: 'passes.status.PENDING_APPROVAL',
  ACTIVE: 'passes.status.ACTIVE',
  USED: 'passes.status.USED',
  CANCELLED: 'passes.status.CANCELLED',
  REVOKED: 'passes.status.REVOKED',
  EXPIRED: 'passes.status.EXPIRED',
};

export const STATUS_COLORS: Record<PassStatus, string> = {
  PENDING_APPROVAL: 'yellow',
  ACTIVE: 'teal',
  USED: 'gray',
  CANCELLED: 'gray',
  REVOKED: 'red',
  EXPIRED: 'gray',
};

export const FILTER_KEYS: Record<PassFilter, string> = {
  all: 'passes.filter.all',
  active: 'passes.filter.active',
  pending: 'passes.filter.pending',
  used: 'passes.filter.used',
  expired: 'passes.filter.expired',
  cancelled: 'passes.filter.cancelled',
  revoked: 'passes.filter.revoked',
};

export const KIND_KEYS: Record<PassKind, string> = { GUEST: 'passes.kind.GUEST', CAR: 'passes.kind.CAR' };

/** "Guest: Anna" / "Car: А123ВС77" — the plate in one form however the resident typed it. */
export function passWho(t: TFunction, pass: Pick<Pass, 'kind' | 'guestName' | 'plate' | 'plateText'>) {
  return pass.kind === 'CAR'
    ? t('passes.car', { plate: pass.plateText ?? pass.plate ?? '' })
    : t('passes.guest', { name: pass.guestName ?? '' });
}

/** "23 Dec 2026" or "23 Dec 2026 – 25 Dec 2026", then one-time or any number of entries. */
export function passDates(
  t: TFunction,
  pass: Pick<Pass, 'fromDate' | 'toDate' | 'oneTime'>,
  language: string,
) {
  const days =
    pass.fromDate === pass.toDate
      ? formatDate(pass.fromDate, language)
      : `${formatDate(pass.fromDate, language)} – ${formatDate(pass.toDate, language)}`;
  return `${days}, ${t(pass.oneTime ? 'passes.one_time' : 'passes.multi_entry')}`;
}
