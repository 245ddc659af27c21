import { z } from 'zod';
import { writeSystemAudit } from '../audit/write-audit.ts';
import type { DomainDeps, Tx } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { insertStaffAccount, staffEmailSchema, staffNameSchema } from '../staff/manage/staff-roles-input.ts';
import { PASSWORD_MAX_LENGTH } from '../staff/password.ts';
import { hashNewStaffPassword } from '../staff/password-rules.ts';
import { bankAccountProblem, bicProblem, corrAccountProblem, innProblem } from './requisites.ts';

export const newOrganizationSchema = z
  .object({
    kind: z.enum(['UK', 'TSZH', 'TSN', 'ZHSK']),
    /** As printed on receipts (the QR's Name, at most 160 characters). */
    name: z.string().trim().min(1).max(160),
    inn: z.string().trim(),
    kpp: z
      .string()
      .trim()
      .regex(/^\d{4}[\dA-Z]{2}\d{3}$/, '9 characters: 4 digits, 2 digits or capital letters, 3 digits')
      .nullish(),
    address: z.string().trim().min(1).max(300),
    bankName: z.string().trim().min(1).max(200),
    bic: z.string().trim(),
    bankAccount: z.string().trim(),
    corrAccount: z.string().trim(),
    timezone: z.string().trim().max(64).default('Europe/Moscow'),
  })
  .superRefine((org, ctx) => {
    const problems: [string, string | undefined][] = [
      ['inn', innProblem(org.inn)],
      ['bic', bicProblem(org.bic)],
      ['bankAccount', bankAccountProblem(org.bankAccount, org.bic)],
      ['corrAccount', corrAccountProblem(org.corrAccount, org.bic)],
    ];
    for (const [field, message] of problems)
      if (message) ctx.addIssue({ code: 'custom', path: [field], message });
    try {
      new Intl.DateTimeFormat('en', { timeZone: org.timezone });
    } catch {
      ctx.addIssue({ code: 'custom', path: ['timezone'], message: 'an IANA time zone, e.g. Europe/Moscow' });
    }
  });

export const organizationAdminSchema = z.object({
  email: staffEmailSchema,
  fullName: staffNameSchema,
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});

export const createOrganizationAdminSchema = z.object({
  admin: organizationAdminSchema,
  /** The organisation's INN when it exists already (adding an administrator, e.g. after the last one left). */
  organizationInn: z.string().trim().optional(),
  /** A new organisation, when there is none with that INN yet. */
  organization: newOrganizationSchema.optional(),
});

/**
 * Setting up (run from the command line by whoever runs the server, so there is no staff actor): a new organisation
 * with its first administrator, or one more administrator for the whole of an existing organisation when nobody
 * can sign in to add one. Audited as the system's doing (no staff member), in the same transaction.
 */
export async function createOrganizationAdmin(
  deps: Pick<DomainDeps, 'db'>,
  input: z.input<typeof createOrganizationAdminSchema>,
): Promise<{ organization: { id: string; name: string; inn: string; created: boolean }; adminId: string }> {
  const args = createOrganizationAdminSchema.parse(input);
  const passwordHash = await hashNewStaffPassword(args.admin.password, {
    email: args.admin.email,
    field: 'password',
  });
  return deps.db.prisma.$transaction(async (tx) => {
    const organization = await organizationFor(tx, args);
    const admin = await insertStaffAccount(tx, {
      organizationId: organization.id,
      email: args.admin.email,
      fullName: args.admin.fullName,
      passwordHash,
      roles: [{ role: 'ADMIN', houseId: null }],
    });
    await writeSystemAudit(tx, organization.id, {
      action: 'staff.create',
      entityType: 'staff_user',
      entityId: admin.id,
      after: {
        email: args.admin.email,
        fullName: args.admin.fullName,
        roles: [{ role: 'ADMIN', houseId: null }],
        via: 'command line',
      },
    });
    return { organization, adminId: admin.id };
  });
}

async function organizationFor(tx: Tx, args: z.output<typeof createOrganizationAdminSchema>) {
  const inn = args.organization?.inn ?? args.organizationInn;
  const existing = inn
    ? await tx.organization.findMany({ where: { inn }, select: { id: true, name: true, inn: true } })
    : await tx.organization.findMany({ select: { id: true, name: true, inn: true }, take: 2 });
  if (existing.length === 1 && (inn || !args.organization)) return { ...existing[0]!, created: false };
  if (existing.length > 1)
    throw new AppError(
      'CONFLICT',
      inn ? `several organisations have INN ${inn}` : 'there are several organisations: name one by its INN',
      { what: 'organization_ambiguous' },
    );
  if (!args.organization)
    throw new AppError(
      'NOT_FOUND',
      inn ? `no organisation with INN ${inn}` : 'there is no organisation yet: give its requisites',
      { what: 'organization' },
    );
  const org = args.organization;
  const created = await tx.organization.create({
    data: {
      kind: org.kind,
      name: org.name,
      inn: org.inn,
      kpp: org.kpp ?? null,
      address: org.address,
      bankName: org.bankName,
      bic: org.bic,
      bankAccount: org.bankAccount,
      corrAccount: org.corrAccount,
      timezone: org.timezone,
    },
    select: { id: true, name: true, inn: true },
  });
  await writeSystemAudit(tx, created.id, {
    action: 'organization.create',
    entityType: 'organization',
    entityId: created.id,
    after: { ...org, via: 'command line' },
  });
  return { ...created, created: true };
}
