import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { i18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router';
import { RequireAuth } from './auth/RequireAuth.tsx';
import { AppLayout } from './layout/AppLayout.tsx';
import { NAV_ITEMS, type NavItem, type SectionKey } from './nav.ts';
import { HomeRoute, RequirePermission } from './pages/guards.tsx';
import { HousePage } from './pages/houses/HousePage.tsx';
import { HousesPage } from './pages/houses/HousesPage.tsx';
import { ComingSoonPage, NotFoundPage } from './pages/InfoPages.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { ReadingsPage } from './pages/readings/ReadingsPage.tsx';
import { theme } from './theme.ts';

/** Sections that have their own pages (below); the rest get a "coming soon" page for now. */
const BUILT_SECTIONS = new Set<string>(['dashboard', 'registry', 'readings']);
const PLACEHOLDER_SECTIONS = NAV_ITEMS.filter((item) => !BUILT_SECTIONS.has(item.key));
const section = (key: SectionKey) => NAV_ITEMS.find((item) => item.key === key) as NavItem;
const registry = section('registry');
const readings = section('readings');

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
                <Route element={<AppLayout />}>
                  <Route index element={<HomeRoute />} />
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
                  <Route
                    path={readings.path}
                    element={
                      <RequirePermission permission={readings.permission}>
                        <ReadingsPage />
                      </RequirePermission>
                    }
                  />
                  {PLACEHOLDER_SECTIONS.map((item) => (
                    <Route
                      key={item.key}
                      path={`${item.path}/*`}
                      element={
                        <RequirePermission permission={item.permission}>
                          <ComingSoonPage section={item.key} />
                        </RequirePermission>
                      }
                    />
                  ))}
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
