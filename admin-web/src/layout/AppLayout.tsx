import { AppShell, Box, Burger, Group, NavLink, Stack, Text, ThemeIcon } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { useCurrentUser } from '../auth/current-user.ts';
import { IconLogo, SECTION_ICONS } from '../components/icons.tsx';
import { ErrorBoundary } from '../components/states.tsx';
import { isActivePath, visibleNav } from '../nav.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { UserMenu } from './UserMenu.tsx';

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
            return (
              <NavLink
                key={item.key}
                component={Link}
                to={item.path}
                label={t(`nav.${item.key}`)}
                leftSection={<Icon size={18} />}
                active={isActivePath(item.path, pathname)}
                onClick={close}
                variant="light"
                mb={2}
                style={{ borderRadius: 'var(--mantine-radius-md)' }}
                data-testid={`nav-${item.key}`}
              />
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
