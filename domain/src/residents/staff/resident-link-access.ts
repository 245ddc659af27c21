import { z } from 'zod';
import type { Tx } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { authorize, type Permission } from '../../permissions/policy.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';

/** The bot's username as in t.me links: 5–32 letters, digits and _, a leading @ tolerated. */
export const botUsernameSchema = z
  .string()
  .trim()
  .transform((v) => v.replace(/^@/, ''))
  .pipe(
    z
      .string()
      .regex(
        /^[A-Za-z][A-Za-z0-9_]{4,31}$/,
        'a Telegram bot username such as domovoy_bot (5–32 letters, digits, _)',
      ),
  );

export const LINK_SELECT = {
  id: true,
  residentId: true,
  accountId: true,
  role: true,
  ownerId: true,
  linkedVia: true,
  active: true,
  createdAt: true,
  updatedAt: true,
  account: {
    select: {
      organizationId: true,
      premisesId: true,
      number: true,
      closedAt: true,
      premises: { select: { houseId: true, number: true } },
    },
  },
} as const;

/** A resident's link to an account, for a staff action in the account's house (another organisation's: missing). */
export async function loadResidentLink(db: Tx, actor: StaffActor, linkId: string, permission: Permission) {
  const link = await db.residentAccountLink.findUnique({ where: { id: linkId }, select: LINK_SELECT });
  if (!link || link.account.organizationId !== actor.organizationId)
    throw new AppError('NOT_FOUND', 'resident link not found', { what: 'resident_link' });
  authorize(actor, permission, { houseId: link.account.premises.houseId });
  return link;
}

export function linkView(link: {
  id: string;
  residentId: string;
  accountId: string;
  role: 'OWNER' | 'TENANT' | 'FAMILY';
  ownerId: string | null;
  linkedVia: 'INVITE' | 'PHONE' | 'STAFF';
  active: boolean;
  createdAt: Date;
}) {
  return {
    id: link.id,
    residentId: link.residentId,
    accountId: link.accountId,
    role: link.role,
    ownerId: link.ownerId,
    ownerConfirmed: link.ownerId !== null,
    linkedVia: link.linkedVia,
    active: link.active,
    linkedAt: link.createdAt.toISOString(),
  };
}
