import { can, type StaffPrincipal } from '../permissions/policy.ts';
import { maskPhone } from '../residents/phone.ts';

/**
 * Phones and e-mails of owners and residents (152-ФЗ): in full only to a principal with `personal-data.read` in
 * one of the houses the person is tied to (organisation-wide for a person tied to none), masked for everyone else.
 */
export function mayReadContacts(principal: StaffPrincipal, houseIds: readonly string[]): boolean {
  if (houseIds.length === 0) return can(principal, 'personal-data.read', { houseId: null });
  return houseIds.some((houseId) => can(principal, 'personal-data.read', { houseId }));
}

/** +7 900 ***-**-67 for Russian numbers; any other number keeps only its first and last two digits. */
export function maskAnyPhone(phone: string): string {
  const masked = maskPhone(phone);
  if (masked !== phone) return masked;
  const digits = phone.replace(/\D/g, '');
  return `+${digits.slice(0, 1)} ***${digits.slice(-2)}`;
}

/** i***@mail.ru */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at <= 0 ? '***' : `${email.slice(0, 1)}***${email.slice(at)}`;
}

export interface Contacts {
  phone: string | null;
  email: string | null;
  /** True when phone/e-mail were masked for this viewer. */
  contactsMasked: boolean;
}

export function contactsFor(
  principal: StaffPrincipal,
  houseIds: readonly string[],
  person: { phone: string | null; email?: string | null },
): Contacts {
  const full = mayReadContacts(principal, houseIds);
  const email = person.email ?? null;
  return {
    phone: person.phone === null ? null : full ? person.phone : maskAnyPhone(person.phone),
    email: email === null ? null : full ? email : maskEmail(email),
    contactsMasked: !full && (person.phone !== null || email !== null),
  };
}
