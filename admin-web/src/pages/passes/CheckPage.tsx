import { Anchor, Box, Button, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { can, useCurrentUser } from '../../auth/current-user.ts';
import { IconLogo } from '../../components/icons.tsx';
import { usePageTitle } from '../../components/page.tsx';
import { ErrorState, LoadingState } from '../../components/states.tsx';
import { LanguageSwitch } from '../../layout/LanguageSwitch.tsx';
import { NoAccessPage } from '../InfoPages.tsx';
import { checkPass, PASSES_KEY } from './api.ts';
import { CheckResult } from './CheckResult.tsx';

/**
 * What a pass QR opens on a guard's phone (`/check/<token>`, after signing in): the check, shown big, and "mark
 * entry". The check itself is logged by the server; opening the page does not use up the pass, marking does.
 */
export function CheckPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { token = '' } = useParams();
  usePageTitle(t('passes.check_title'));
  const allowed = can(user, 'passes.check');
  const look = useQuery({
    queryKey: [...PASSES_KEY, 'check', token],
    queryFn: () => checkPass({ token }),
    enabled: allowed && token !== '',
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    refetchOnWindowFocus: false,
  });
  const enter = useMutation({ mutationFn: () => checkPass({ token, enter: true }) });
  const outcome = enter.data ?? look.data;

  return (
    <Box maw={520} mx="auto" p="md" data-testid="check-page">
      <Group justify="space-between" mb="lg" wrap="nowrap">
        <Group gap="xs" wrap="nowrap">
          <ThemeIcon size={30} radius="md" variant="filled" color="teal">
            <IconLogo size={18} />
          </ThemeIcon>
          <Text fw={700}>{t('passes.check_title')}</Text>
        </Group>
        <LanguageSwitch />
      </Group>
      {!allowed ? (
        <NoAccessPage />
      ) : look.isPending ? (
        <LoadingState />
      ) : look.isError ? (
        <ErrorState error={look.error} onRetry={() => void look.refetch()} />
      ) : outcome ? (
        <Stack gap="md">
          <CheckResult outcome={outcome} onEnter={() => enter.mutate()} entering={enter.isPending} />
          {enter.isError && <ErrorState error={enter.error} onRetry={() => enter.mutate()} />}
          <Group justify="space-between">
            <Button
              variant="default"
              onClick={() => {
                enter.reset();
                void look.refetch();
              }}
              data-testid="check-again"
            >
              {t('passes.check_again')}
            </Button>
            <Anchor component={Link} to="/passes">
              {t('passes.all_passes')}
            </Anchor>
          </Group>
        </Stack>
      ) : null}
    </Box>
  );
}
