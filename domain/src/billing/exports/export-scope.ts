import { z } from 'zod';
import { writeAudit } from '../../audit/write-audit.ts';
import type { DomainDeps } from '../../context.ts';
import { can } from '../../permissions/policy.ts';
import { periodSchema } from '../../readings/staff/period.ts';
import { loadHouse } from '../../registry/registry-access.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';

export const billingExportInputSchema = z.object({
  houseId: z.string().min(1).max(64),
  period: periodSchema,
  format: z.enum(['xlsx', 'csv']),
});

export type BillingExportInput = z.input<typeof billingExportInputSchema>;

/**
 * Opens an export: the house must be the actor's and `billing.read` held there. Payer names are personal data
 * (152-ФЗ): they go into the file only for those who may read personal data in the house, otherwise the column
 * stays empty and the layout does not change.
 */
export async function openBillingExport(deps: DomainDeps, actor: StaffActor, input: BillingExportInput) {
  const args = billingExportInputSchema.parse(input);
  const house = await loadHouse(deps.db.prisma, actor, args.houseId, 'billing.read');
  return { ...args, house, withNames: can(actor, 'personal-data.read', { houseId: house.id }) };
}

/** Exports leave the system with account numbers and names, so each download is recorded. */
export async function auditBillingExport(
  deps: DomainDeps,
  actor: StaffActor,
  action: 'billing.charges.export' | 'billing.payments.export',
  houseId: string,
  after: Record<string, unknown>,
) {
  await deps.db.prisma.$transaction((tx) =>
    writeAudit(tx, actor, { action, entityType: 'house', entityId: houseId, after }),
  );
}
