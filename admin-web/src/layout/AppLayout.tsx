import { AppShell, Box, Burger, Group, NavLink, Stack, Text, ThemeIcon } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { useCurrentUser } from '../auth/current-user.ts';
import { IconLogo, SECTION_ICONS } from '../components/icons.tsx';
import { ErrorBoundary } from '../components/states.tsx';
import { isActivePath, isActiveSection, type RegistryPageKey, visibleNav, visibleSubNav } from '../nav.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { UserMenu } from './UserMenu.tsx';

const SUB_NAV_LABELS: Record<RegistryPageKey, string> = {
  houses: 'registry_nav.houses',
  entrances: 'registry_nav.entrances',
  premises: 'registry_nav.premises',
  accounts: 'registry_nav.accounts',
  owners: 'registry_nav.owners',
  meters: 'registry_nav.meters',
  import: 'registry_nav.import',
};

export function AppLayout() {
  const user = useCurrentUser();
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const items = visibleNav(user.permissions);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('header.toggle_navigation')}
            />
            <ThemeIcon size={34} radius="md" variant="filled" color="teal">
              <IconLogo size={20} />
            </ThemeIcon>
            <Stack gap={0} miw={0}>
              <Text fw={700} lh={1.2}>
                {t('app.name')}
              </Text>
              <Text size="xs" c="dimmed" truncate data-testid="org-name">
                {user.organization.name}
              </Text>
            </Stack>
          </Group>
          <Group gap="md" wrap="nowrap">
            <LanguageSwitch />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm">
        <Box component="nav" aria-label={t('nav.label')} data-testid="nav">
          {items.map((item) => {
            const Icon = SECTION_ICONS[item.key];
            const active = isActiveSection(item, pathname);
            // A section's own pages are listed under it while it is open.
            const pages = active ? visibleSubNav(item.key, user.permissions) : [];
            return (
              <Box key={item.key}>
                <NavLink
                  component={Link}
                  to={item.path}
                  label={t(`nav.${item.key}`)}
                  leftSection={<Icon size={18} />}
                  active={active && pages.length === 0}
                  onClick={close}
                  variant="light"
                  mb={2}
                  fw={active ? 600 : undefined}
                  style={{ borderRadius: 'var(--mantine-radius-md)' }}
                  data-testid={`nav-${item.key}`}
                />
                {pages.length > 0 && (
                  <Box pl={30} mb={4} data-testid={`subnav-${item.key}`}>
                    {pages.map((page) => (
                      <NavLink
                        key={page.key}
                        component={Link}
                        to={page.path}
                        label={t(SUB_NAV_LABELS[page.key])}
                        active={isActivePath(page.path, pathname)}
                        onClick={close}
                        variant="light"
                        py={4}
                        mb={1}
                        style={{ borderRadius: 'var(--mantine-radius-md)' }}
                        data-page={page.key}
                        data-active={isActivePath(page.path, pathname) || undefined}
                      />
                    ))}
                  </Box>
                )}
              </Box>
            );
          })}
        </Box>
      </AppShell.Navbar>

      <AppShell.Main bg="var(--mantine-color-gray-0)">
        <ErrorBoundary key={pathname}>
          <Outlet />
        </ErrorBoundary>
      </AppShell.Main>
    </AppShell>
  );
}
