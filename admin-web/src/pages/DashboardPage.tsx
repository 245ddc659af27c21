import { Card, EmptyState, Group, SimpleGrid, Skeleton, Text, ThemeIcon } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DASHBOARD_KEY, type DashboardCounts, fetchDashboard } from '../api/dashboard.ts';
import { useCurrentUser } from '../auth/current-user.ts';
import { IconBuilding, IconDoor, IconReceipt, IconUsers } from '../components/icons.tsx';
import { Page } from '../components/page.tsx';
import { ErrorState } from '../components/states.tsx';

const CARDS = [
  { key: 'houses', Icon: IconBuilding },
  { key: 'premises', Icon: IconDoor },
  { key: 'accounts', Icon: IconReceipt },
  { key: 'residents', Icon: IconUsers },
] as const satisfies readonly { key: keyof DashboardCounts; Icon: unknown }[];

export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const counts = useQuery({ queryKey: DASHBOARD_KEY, queryFn: ({ signal }) => fetchDashboard(signal) });
  const number = new Intl.NumberFormat(i18n.resolvedLanguage ?? 'ru');

  return (
    <Page title={t('nav.dashboard')}>
      <Text c="dimmed" mt={-8}>
        {t('dashboard.greeting', { name: user.fullName })} {t('dashboard.scope')}
      </Text>

      {counts.isPending ? (
        <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }} data-testid="dashboard-loading">
          {CARDS.map(({ key }) => (
            <Skeleton key={key} h={112} radius="md" />
          ))}
        </SimpleGrid>
      ) : counts.isError ? (
        <ErrorState error={counts.error} onRetry={() => void counts.refetch()} />
      ) : CARDS.every(({ key }) => counts.data[key] === 0) ? (
        <Card withBorder radius="md" py="xl" data-testid="dashboard-empty">
          <EmptyState
            icon={<IconBuilding size={28} />}
            variant="light"
            color="teal"
            title={t('dashboard.empty_title')}
            description={t('dashboard.empty_text')}
          />
        </Card>
      ) : (
        <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }} data-testid="dashboard-cards">
          {CARDS.map(({ key, Icon }) => (
            <Card key={key} withBorder radius="md" padding="lg" data-testid={`dashboard-card-${key}`}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Text size="sm" c="dimmed" fw={500}>
                  {t(`dashboard.${key}`)}
                </Text>
                <ThemeIcon variant="light" color="teal" radius="md" size={36}>
                  <Icon size={20} />
                </ThemeIcon>
              </Group>
              <Text fz={32} fw={700} lh={1.1} mt="xs" data-testid={`dashboard-count-${key}`}>
                {number.format(counts.data[key])}
              </Text>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </Page>
  );
}
