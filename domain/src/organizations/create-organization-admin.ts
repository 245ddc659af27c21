import { z } from 'zod';
import { writeSystemAudit } from '../audit/write-audit.ts';
import type { DomainDeps, Tx } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { insertStaffAccount, staffEmailSchema, staffNameSchema } from '../staff/manage/staff-roles-input.ts';
import { PASSWORD_MAX_LENGTH } from '../staff/password.ts';
import { hashNewStaffPassword } from '../staff/password-rules.ts';
import { organizationFieldsSchema } from './organization-fields.ts';

/** A new organisation from the command line: the requisites, as the organisation page edits them. */
export const newOrganizationSchema = organizationFieldsSchema;

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
      ...org,
      kpp: org.kpp ?? null,
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
