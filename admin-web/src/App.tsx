import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { i18n } from 'i18next';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router';
import { HANDLE_TICKETS } from './api/tickets.ts';
import { RequireAuth } from './auth/RequireAuth.tsx';
import { AppLayout } from './layout/AppLayout.tsx';
import {
  BILLING_PAGES,
  type BillingPageKey,
  NAV_ITEMS,
  type NavItem,
  type RegistryPageKey,
  registryPage,
  type SectionKey,
} from './nav.ts';
import { ChangePasswordPage } from './pages/account/ChangePasswordPage.tsx';
import { ACCOUNT_PASSWORD_PATH } from './pages/account/password-form.ts';
import { AnnouncementComposePage } from './pages/announcements/AnnouncementComposePage.tsx';
import { AnnouncementPage } from './pages/announcements/AnnouncementPage.tsx';
import { AnnouncementsPage } from './pages/announcements/AnnouncementsPage.tsx';
import { AuditPage } from './pages/audit/AuditPage.tsx';
import { BillingDashboardPage } from './pages/billing/BillingDashboardPage.tsx';
import { ChargesPage } from './pages/billing/ChargesPage.tsx';
import { FinancesPage } from './pages/billing/FinancesPage.tsx';
import { PaymentsPage } from './pages/billing/PaymentsPage.tsx';
import { PenaltiesPage } from './pages/billing/PenaltiesPage.tsx';
import { ReceiptsPage } from './pages/billing/ReceiptsPage.tsx';
import { TariffsPage } from './pages/billing/TariffsPage.tsx';
import { HomeRoute, RequirePermission } from './pages/guards.tsx';
import { HousePage } from './pages/houses/HousePage.tsx';
import { HousesPage } from './pages/houses/HousesPage.tsx';
import { NotFoundPage } from './pages/InfoPages.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { NewsPage } from './pages/news/NewsPage.tsx';
import { OrganizationPage } from './pages/organization/OrganizationPage.tsx';
import { CheckPage } from './pages/passes/CheckPage.tsx';
import { PassesPage } from './pages/passes/PassesPage.tsx';
import { PollCreatePage } from './pages/polls/PollCreatePage.tsx';
import { PollPage } from './pages/polls/PollPage.tsx';
import { PollsPage } from './pages/polls/PollsPage.tsx';
import { ReadingsPage } from './pages/readings/ReadingsPage.tsx';
import { AccountsPage } from './pages/registry/AccountsPage.tsx';
import { EntrancesPage } from './pages/registry/EntrancesPage.tsx';
import { ImportPage } from './pages/registry/ImportPage.tsx';
import { MetersPage } from './pages/registry/MetersPage.tsx';
import { OwnersPage } from './pages/registry/OwnersPage.tsx';
import { PremisesDetailPage } from './pages/registry/PremisesDetailPage.tsx';
import { PremisesPage } from './pages/registry/PremisesPage.tsx';
import { ResidentsPage } from './pages/residents/ResidentsPage.tsx';
import { StaffPage } from './pages/staff/StaffPage.tsx';
import { TicketPage } from './pages/tickets/TicketPage.tsx';
import { TicketsAnalyticsPage } from './pages/tickets/TicketsAnalyticsPage.tsx';
import { TicketsInboxPage } from './pages/tickets/TicketsInboxPage.tsx';
import { theme } from './theme.ts';

const section = (key: SectionKey) => NAV_ITEMS.find((item) => item.key === key) as NavItem;
const registry = section('registry');
const readings = section('readings');
const residents = section('residents');
const polls = section('polls');
const tickets = section('tickets');
const broadcasts = section('broadcasts');

/** The registry's own pages (besides the houses): each behind the permission the menu shows it for. */
const REGISTRY_ROUTES: { key: RegistryPageKey; path: string; element: ReactNode }[] = [
  { key: 'entrances', path: registryPage('entrances').path, element: <EntrancesPage /> },
  { key: 'premises', path: registryPage('premises').path, element: <PremisesPage /> },
  { key: 'premises', path: `${registryPage('premises').path}/:id`, element: <PremisesDetailPage /> },
  { key: 'accounts', path: registryPage('accounts').path, element: <AccountsPage /> },
  { key: 'owners', path: registryPage('owners').path, element: <OwnersPage /> },
  { key: 'meters', path: registryPage('meters').path, element: <MetersPage /> },
  { key: 'import', path: registryPage('import').path, element: <ImportPage /> },
];

/** The billing pages (payments among them), each behind the permission its tab is shown for. */
const BILLING_ROUTES: { key: BillingPageKey; element: ReactNode }[] = [
  { key: 'dashboard', element: <BillingDashboardPage /> },
  { key: 'tariffs', element: <TariffsPage /> },
  { key: 'charges', element: <ChargesPage /> },
  { key: 'payments', element: <PaymentsPage /> },
  { key: 'penalties', element: <PenaltiesPage /> },
  { key: 'receipts', element: <ReceiptsPage /> },
  { key: 'finances', element: <FinancesPage /> },
];
const billingPage = (key: BillingPageKey) =>
  BILLING_PAGES.find((page) => page.key === key) as (typeof BILLING_PAGES)[number];

export function App({ i18n, queryClient }: { i18n: i18n; queryClient: QueryClient }) {
  return (
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme} defaultColorScheme="light">
        <Notifications position="top-right" />
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route element={<RequireAuth />}>
                {/* What a pass QR opens on a guard's phone: the check alone, without the panel around it. */}
                <Route path="/check/:token" element={<CheckPage />} />
                <Route element={<AppLayout />}>
                  <Route index element={<HomeRoute />} />
                  {/* Everyone's own account: no permission beyond being signed in. */}
                  <Route path={ACCOUNT_PASSWORD_PATH} element={<ChangePasswordPage />} />
                  <Route
                    path={registry.path}
                    element={
                      <RequirePermission permission={registry.permission}>
                        <HousesPage />
                      </RequirePermission>
                    }
                  />
                  <Route
                    path={`${registry.path}/:id`}
                    element={
                      <RequirePermission permission={registry.permission}>
                        <HousePage />
                      </RequirePermission>
                    }
                  />
                  {REGISTRY_ROUTES.map((route) => (
                    <Route
                      key={route.path}
                      path={route.path}
                      element={
                        <RequirePermission permission={registryPage(route.key).permission}>
                          {route.element}
                        </RequirePermission>
                      }
                    />
                  ))}
                  <Route
                    path={residents.path}
                    element={
                      <RequirePermission permission={residents.permission}>
                        <ResidentsPage />
                      </RequirePermission>
                    }
                  />
                  <Route
                    path={readings.path}
                    element={
                      <RequirePermission permission={readings.permission}>
                        <ReadingsPage />
                      </RequirePermission>
                    }
                  />
                  {[
                    { path: polls.path, element: <PollsPage /> },
                    { path: `${polls.path}/new`, element: <PollCreatePage /> },
                    { path: `${polls.path}/:id`, element: <PollPage /> },
                  ].map((route) => (
                    <Route
                      key={route.path}
                      path={route.path}
                      element={
                        <RequirePermission permission={polls.permission}>{route.element}</RequirePermission>
                      }
                    />
                  ))}
                  {[
                    { path: tickets.path, permission: tickets.permission, element: <TicketsInboxPage /> },
                    {
                      path: `${tickets.path}/analytics`,
                      permission: HANDLE_TICKETS,
                      element: <TicketsAnalyticsPage />,
                    },
                    { path: `${tickets.path}/:id`, permission: tickets.permission, element: <TicketPage /> },
                  ].map((route) => (
                    <Route
                      key={route.path}
                      path={route.path}
                      element={
                        <RequirePermission permission={route.permission}>{route.element}</RequirePermission>
                      }
                    />
                  ))}
                  {[
                    { path: broadcasts.path, element: <AnnouncementsPage /> },
                    { path: `${broadcasts.path}/new`, element: <AnnouncementComposePage /> },
                    { path: `${broadcasts.path}/news`, element: <NewsPage /> },
                    { path: `${broadcasts.path}/:id`, element: <AnnouncementPage /> },
                  ].map((route) => (
                    <Route
                      key={route.path}
                      path={route.path}
                      element={
                        <RequirePermission permission={broadcasts.permission}>
                          {route.element}
                        </RequirePermission>
                      }
                    />
                  ))}
                  {BILLING_ROUTES.map((route) => (
                    <Route
                      key={route.key}
                      path={billingPage(route.key).path}
                      element={
                        <RequirePermission permission={billingPage(route.key).permission}>
                          {route.element}
                        </RequirePermission>
                      }
                    />
                  ))}
                  <Route
                    path={section('staff').path}
                    element={
                      <RequirePermission permission={section('staff').permission}>
                        <StaffPage />
                      </RequirePermission>
                    }
                  />
                  <Route
                    path={section('organization').path}
                    element={
                      <RequirePermission permission={section('organization').permission}>
                        <OrganizationPage />
                      </RequirePermission>
                    }
                  />
                  <Route
                    path={section('audit').path}
                    element={
                      <RequirePermission permission={section('audit').permission}>
                        <AuditPage />
                      </RequirePermission>
                    }
                  />
                  {/* Guards (passes.check) and managers (passes.manage): the page shows each what they may do. */}
                  <Route path={section('passes').path} element={<PassesPage />} />
                  <Route path="*" element={<NotFoundPage />} />
                </Route>
              </Route>
            </Routes>
          </BrowserRouter>
        </QueryClientProvider>
      </MantineProvider>
    </I18nextProvider>
  );
}
