import { z } from 'zod';
import { isTimeZone } from '../time/zoned.ts';
import { bankAccountProblem, bicProblem, corrAccountProblem, innProblem, ogrnProblem } from './requisites.ts';

export const ORGANIZATION_KINDS = ['UK', 'TSZH', 'TSN', 'ZHSK'] as const;

/** An optional field: blank (or only spaces) means "none", so it is stored as null. */
const optional = <T extends z.ZodType>(schema: T) =>
  z
    .preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), schema.nullish())
    .transform((v) => v ?? null);

const optionalText = (max: number) => optional(z.string().trim().max(max));

export const organizationShape = z.object({
  kind: z.enum(ORGANIZATION_KINDS),
  /** As printed on receipts (the QR's Name, at most 160 characters). */
  name: z.string().trim().min(1).max(160),
  shortName: optionalText(160),
  inn: z.string().trim(),
  kpp: optional(
    z
      .string()
      .trim()
      .regex(/^\d{4}[\dA-Z]{2}\d{3}$/, '9 characters: 4 digits, 2 digits or capital letters, 3 digits'),
  ),
  ogrn: optionalText(15),
  address: z.string().trim().min(1).max(300),
  phone: optionalText(40),
  email: optional(z.string().trim().max(200).email('an email address')),
  bankName: z.string().trim().min(1).max(200),
  bic: z.string().trim(),
  bankAccount: z.string().trim(),
  corrAccount: z.string().trim(),
  /** The default for new houses; each house keeps its own. */
  timezone: z
    .string()
    .trim()
    .max(64)
    .refine(isTimeZone, 'an IANA time zone, e.g. Europe/Moscow')
    .default('Europe/Moscow'),
});

type Shape = z.output<typeof organizationShape>;
type Field = keyof Shape;

/** The bank block is checked as a whole: each account's control key depends on the BIC. */
const BANK: readonly Field[] = ['bic', 'bankAccount', 'corrAccount'];

/**
 * What is wrong with the requisites, by field: of all of them, or (`only`) of the changed ones and what depends on
 * them, so that correcting a phone is not refused for an old account number nobody touched.
 */
export function requisiteProblems(org: Shape, only?: ReadonlySet<string>): [Field, string][] {
  const checks = (fields: readonly Field[]) => !only || fields.some((f) => only.has(f));
  const problems: [Field, string | undefined][] = [];
  if (checks(['inn'])) problems.push(['inn', innProblem(org.inn)]);
  if (checks(['ogrn'])) problems.push(['ogrn', org.ogrn ? ogrnProblem(org.ogrn) : undefined]);
  if (checks(BANK)) {
    problems.push(
      ['bic', bicProblem(org.bic)],
      ['bankAccount', bankAccountProblem(org.bankAccount, org.bic)],
      ['corrAccount', corrAccountProblem(org.corrAccount, org.bic)],
    );
  }
  return problems.filter((p): p is [Field, string] => p[1] !== undefined);
}

/**
 * An organisation's requisites as printed on every receipt and in its payment QR (GOST R 56042): each number is
 * checked as banks and payment apps check it, since a typo would send residents' money nowhere.
 */
export const organizationFieldsSchema = organizationShape.superRefine((org, ctx) => {
  for (const [field, message] of requisiteProblems(org))
    ctx.addIssue({ code: 'custom', path: [field], message });
});

export type OrganizationFields = z.output<typeof organizationFieldsSchema>;

/** What the organisation page shows and edits. */
export const ORGANIZATION_SELECT = {
  id: true,
  kind: true,
  name: true,
  shortName: true,
  inn: true,
  kpp: true,
  ogrn: true,
  address: true,
  phone: true,
  email: true,
  bankName: true,
  bic: true,
  bankAccount: true,
  corrAccount: true,
  timezone: true,
  updatedAt: true,
} as const;
