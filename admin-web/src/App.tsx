import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { i18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router';
import { RequireAuth } from './auth/RequireAuth.tsx';
import { AppLayout } from './layout/AppLayout.tsx';
import { NAV_ITEMS } from './nav.ts';
import { HomeRoute, RequirePermission } from './pages/guards.tsx';
import { ComingSoonPage, NotFoundPage } from './pages/InfoPages.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { theme } from './theme.ts';

/** Sections whose features arrive in later releases; each gets a "coming soon" page for now. */
const PLACEHOLDER_SECTIONS = NAV_ITEMS.filter((item) => item.key !== 'dashboard');

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
