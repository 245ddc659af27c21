import type { FastifyInstance } from 'fastify';
import { announcementPublicRoutes, announcementRoutes } from './announcements.ts';
import { auditRoutes } from './audit.ts';
import { authRoutes } from './auth.ts';
import { billingRoutes } from './billing.ts';
import { billingExportRoutes } from './billing-exports.ts';
import { dashboardRoutes } from './dashboard.ts';
import { houseFinanceRoutes } from './house-finances.ts';
import { houseRoutes } from './houses.ts';
import { meterRoutes } from './meters.ts';
import { organizationRoutes } from './organization.ts';
import { passRoutes } from './passes.ts';
import { paymentRoutes } from './payments.ts';
import { penaltyRoutes } from './penalties.ts';
import { pollRoutes } from './polls.ts';
import { readingRoutes } from './readings.ts';
import { receiptRoutes } from './receipts.ts';
import { registryRoutes } from './registry.ts';
import { registryImportRoutes } from './registry-import.ts';
import { residentRoutes } from './residents.ts';
import { staffRoutes } from './staff.ts';
import { staffPasswordRoutes } from './staff-password.ts';
import { staffTelegramRoutes } from './staff-telegram.ts';
import { ticketAttachmentRoutes } from './ticket-attachments.ts';
import { ticketRoutes } from './tickets.ts';

/** Everything under /api. Auth routes decide per route; every other route needs a staff session. */
export async function apiRoutes(app: FastifyInstance) {
  await app.register(authRoutes);
  // Telegram fetches announcement photos and documents from here, without a session.
  await app.register(announcementPublicRoutes);
  await app.register(async (staff) => {
    staff.addHook('onRequest', staff.requireStaff);
    await staff.register(dashboardRoutes);
    await staff.register(announcementRoutes);
    await staff.register(houseRoutes);
    await staff.register(auditRoutes);
    await staff.register(ticketRoutes);
    await staff.register(ticketAttachmentRoutes);
    await staff.register(staffTelegramRoutes);
    await staff.register(staffRoutes);
    await staff.register(staffPasswordRoutes);
    await staff.register(organizationRoutes);
    await staff.register(readingRoutes);
    await staff.register(registryRoutes);
    await staff.register(residentRoutes);
    await staff.register(meterRoutes);
    await staff.register(passRoutes);
    await staff.register(registryImportRoutes);
    await staff.register(penaltyRoutes);
    await staff.register(pollRoutes);
    await staff.register(receiptRoutes);
    await staff.register(paymentRoutes);
    await staff.register(billingRoutes);
    await staff.register(billingExportRoutes);
    await staff.register(houseFinanceRoutes);
  });
}
