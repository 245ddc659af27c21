import type { StaffActor } from '../staff/staff-actor.ts';
import { contactsFor } from './personal-data.ts';

export const OWNER_SELECT = {
  id: true,
  kind: true,
  fullName: true,
  phone: true,
  email: true,
  inn: true,
} as const;

export interface OwnerRow {
  id: string;
  kind: 'PERSON' | 'LEGAL_ENTITY' | 'PUBLIC';
  fullName: string;
  phone: string | null;
  email: string | null;
  inn: string | null;
}

/** An owner as a viewer may see them: phone and e-mail masked without `personal-data.read` in their houses. */
export function ownerView(actor: StaffActor, owner: OwnerRow, houseIds: readonly string[]) {
  return {
    id: owner.id,
    kind: owner.kind,
    fullName: owner.fullName,
    inn: owner.inn,
    ...contactsFor(actor, houseIds, owner),
  };
}

/** Audit snapshot (full values: the audit log is read by roles that may see personal data). */
export const ownerAudit = (o: OwnerRow) => ({
  kind: o.kind,
  fullName: o.fullName,
  phone: o.phone,
  email: o.email,
  inn: o.inn,
});
