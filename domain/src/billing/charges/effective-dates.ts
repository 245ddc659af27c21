import { AppError } from '../../errors/app-error.ts';
import { isoDate } from '../../registry/registry-fields.ts';
import { rangesOverlap } from './service-fields.ts';

interface Range {
  id: string;
  validFrom: Date;
  validTo: Date | null;
}

/**
 * Effective dates of tariffs and normatives never overlap, or a period would have two prices. The one allowed
 * exception, on request (`supersede`): an open-ended range that started earlier is ended the day before the new
 * one — what a yearly tariff change does. Returns that range with its new end, or throws CONFLICT naming the
 * range in the way.
 */
export function supersedeOrRefuse(
  what: 'tariff' | 'normative',
  existing: readonly Range[],
  added: { validFrom: Date; validTo: Date | null; supersede: boolean },
): { id: string; validTo: Date } | null {
  const overlapping = existing.filter((r) => rangesOverlap(r, added));
  if (overlapping.length === 0) return null;
  const [only] = overlapping;
  if (
    added.supersede &&
    overlapping.length === 1 &&
    only &&
    only.validTo === null &&
    only.validFrom < added.validFrom
  ) {
    return { id: only.id, validTo: new Date(added.validFrom.getTime() - 86_400_000) };
  }
  const shown = overlapping
    .map((r) => `${isoDate(r.validFrom)} – ${r.validTo ? isoDate(r.validTo) : 'open-ended'}`)
    .join(', ');
  const message = `overlaps the ${what} in force ${shown}`;
  const hint =
    only && overlapping.length === 1 && only.validTo === null && only.validFrom < added.validFrom
      ? `; to end it on ${isoDate(new Date(added.validFrom.getTime() - 86_400_000))}, add this one with supersede`
      : '';
  throw new AppError('CONFLICT', `${message}${hint}`, {
    fields: { validFrom: message },
    overlapping: overlapping.map((r) => ({
      id: r.id,
      validFrom: isoDate(r.validFrom),
      validTo: r.validTo ? isoDate(r.validTo) : null,
    })),
  });
}
