import { Avatar, Group, Menu, Stack, Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { logout } from '../api/auth.ts';
import { ApiError } from '../api/client.ts';
import { useCurrentUser } from '../auth/current-user.ts';
import { endSession } from '../auth/session.ts';
import { IconChevronDown, IconKey, IconLogout } from '../components/icons.tsx';
import { describeError } from '../errors.ts';
import { ACCOUNT_PASSWORD_PATH } from '../pages/account/password-form.ts';

function initials(fullName: string): string {
  const parts = fullName.trim().split(/\s+/).filter(Boolean);
  return parts
    .slice(0, 2)
    .map((p) => p[0]?.toUpperCase() ?? '')
    .join('');
}

export function UserMenu() {
  const user = useCurrentUser();
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();

  // RequireAuth sees the session end and shows the login page with a "signed out" notice.
  const finish = () => endSession(queryClient, 'logged_out');
  const signOut = useMutation({
    mutationFn: logout,
    meta: { skipSessionCheck: true },
    onSuccess: finish,
    onError: (error) => {
      // Already signed out on the server: nothing left to do but leave.
      if (error instanceof ApiError && error.status === 401) return finish();
      notifications.show({
        color: 'red',
        title: t('user.logout_failed'),
        message: describeError(error, i18n),
      });
    },
  });

  return (
    <Menu position="bottom-end" width={280} shadow="md">
      <Menu.Target>
        <UnstyledButton data-testid="user-menu" aria-label={t('user.menu')}>
          <Group gap={8} wrap="nowrap">
            <Avatar radius="xl" size={32} color="teal">
              {initials(user.fullName)}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="xs" data-testid="user-name" maw={200} truncate>
              {user.fullName}
            </Text>
            <IconChevronDown size={16} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Stack gap={2} px="sm" py={6}>
          <Text size="sm" fw={600}>
            {user.fullName}
          </Text>
          <Text size="xs" c="dimmed" data-testid="user-email">
            {user.email}
          </Text>
        </Stack>
        <Menu.Divider />
        <Menu.Label>{t('user.roles')}</Menu.Label>
        <Stack gap={4} px="sm" pb={6} data-testid="user-roles">
          {user.grants.map((grant) => (
            <Text key={`${grant.role}:${grant.houseId ?? '*'}`} size="sm">
              {t(`roles.${grant.role}`)}
              <Text span size="xs" c="dimmed">
                {' · '}
                {grant.houseAddress ?? t('user.all_houses')}
              </Text>
            </Text>
          ))}
        </Stack>
        <Menu.Divider />
        <Menu.Item
          component={Link}
          to={ACCOUNT_PASSWORD_PATH}
          leftSection={<IconKey size={16} />}
          data-testid="change-password"
        >
          {t('account.menu_item')}
        </Menu.Item>
        <Menu.Item
          color="red"
          leftSection={<IconLogout size={16} />}
          onClick={() => signOut.mutate()}
          disabled={signOut.isPending}
          closeMenuOnClick={false}
          data-testid="logout"
        >
          {t('user.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
