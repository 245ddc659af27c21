import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The invoice payload Telegram carries from sendInvoice to pre_checkout_query and successful_payment:
 * `p1:<accountId>:<kopecks>:<signature>`, the signature an HMAC-SHA256 (first 128 bits, base64url) of the rest under
 * the bot's secret. Nothing is stored per invoice, yet a payload the bot did not issue, or one whose account or
 * amount was changed, is recognised and refused. Telegram allows 128 bytes; an id of up to 64 characters fits.
 */
const VERSION = 'p1';
const SIGNATURE_BYTES = 16;

export interface InvoiceClaim {
  accountId: string;
  amountKopecks: bigint;
}

export function signInvoicePayload(secret: string, claim: InvoiceClaim): string {
  const body = `${VERSION}:${claim.accountId}:${claim.amountKopecks}`;
  return `${body}:${signature(secret, body).toString('base64url')}`;
}

/** The account and amount a payload names, or null when it is not one the holder of `secret` signed. */
export function readInvoicePayload(secret: string, payload: string): InvoiceClaim | null {
  const parts = payload.split(':');
  if (parts.length !== 4 || parts[0] !== VERSION) return null;
  const [, accountId, amount, sig] = parts as [string, string, string, string];
  if (!accountId || !/^[1-9]\d{0,17}$/.test(amount)) return null;
  const given = Buffer.from(sig, 'base64url');
  const expected = signature(secret, `${VERSION}:${accountId}:${amount}`);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { accountId, amountKopecks: BigInt(amount) };
}

function signature(secret: string, body: string): Buffer {
  return createHmac('sha256', `domovoy-invoice:${secret}`).update(body).digest().subarray(0, SIGNATURE_BYTES);
}
