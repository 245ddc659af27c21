/**
 * Russian phone numbers in one form, +7XXXXXXXXXX, so a contact shared from Telegram ("79001234567") matches the
 * registry ("8 (900) 123-45-67"). Other countries keep their digits with a plus.
 */
export function normalizePhone(raw: string): string | null {
  const digits = raw.replace(/\D/g, '');
  if (digits.length === 10 && digits.startsWith('9')) return `+7${digits}`;
  if (digits.length === 11 && (digits.startsWith('7') || digits.startsWith('8')))
    return `+7${digits.slice(1)}`;
  if (digits.length >= 11 && digits.length <= 15) return `+${digits}`;
  return null;
}

/** Shown to staff without the middle digits unless their role may read personal data. */
export const maskPhone = (phone: string) =>
  phone.replace(/^(\+\d)(\d{3})\d{3}(\d{2})(\d{2})$/, '$1 $2 ***-**-$4');
