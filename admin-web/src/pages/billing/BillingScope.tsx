import { Card, Group, Select, Stack, Tabs } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import type { HouseDetails } from '../../api/houses.ts';
import { can, useCurrentUser } from '../../auth/current-user.ts';
import { useHouseParam } from '../../components/house-param.ts';
import { IconBuilding } from '../../components/icons.tsx';
import { EmptyCard, ListSkeleton } from '../../components/list.tsx';
import { Page } from '../../components/page.tsx';
import { ErrorState } from '../../components/states.tsx';
import { useUpdateSearchParams } from '../../components/url-params.ts';
import { BILLING_PAGES, type BillingPageKey } from '../../nav.ts';
import { currentPeriod, formatPeriod, isPeriod, recentPeriods } from '../../readings/periods.ts';
import { HouseSelect } from '../readings/HouseSelect.tsx';

const TAB_LABELS: Record<BillingPageKey, string> = {
  dashboard: 'billing.tabs.dashboard',
  tariffs: 'billing.tabs.tariffs',
  charges: 'billing.tabs.charges',
  payments: 'billing.tabs.payments',
  penalties: 'billing.tabs.penalties',
  receipts: 'billing.tabs.receipts',
  finances: 'billing.tabs.finances',
};

/** The billing pages the user may open, as tabs; the house (and period) in the address bar go along. */
export function BillingTabs({ current }: { current: BillingPageKey }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const { search } = useLocation();
  const pages = BILLING_PAGES.filter((page) => can(user, page.permission));
  return (
    <Tabs
      value={current}
      onChange={(key) => {
        const page = pages.find((p) => p.key === key);
        if (!page) return;
        const kept = new URLSearchParams(search);
        const next = new URLSearchParams();
        for (const name of ['house', 'period']) {
          const value = kept.get(name);
          if (value) next.set(name, value);
        }
        const query = next.toString();
        navigate(query ? `${page.path}?${query}` : page.path);
      }}
      data-testid="billing-tabs"
    >
      <Tabs.List>
        {pages.map((page) => (
          <Tabs.Tab key={page.key} value={page.key} data-testid={`billing-tab-${page.key}`}>
            {t(TAB_LABELS[page.key])}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  );
}

/** `?period=` when it is a billing month, else this month in the house's zone. */
export function usePeriodParam(timeZone: string | undefined) {
  const [params] = useSearchParams();
  const update = useUpdateSearchParams();
  const raw = params.get('period');
  const period = isPeriod(raw) ? raw : currentPeriod(new Date(), timeZone);
  return { period, setPeriod: (next: string) => update({ period: next }) };
}

/** The last two years of billing months, newest first (and the chosen one, if older). */
export function PeriodSelect({
  value,
  onChange,
  timeZone,
  testId,
  label,
}: {
  value: string;
  onChange: (period: string) => void;
  timeZone?: string;
  testId: string;
  label?: string;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const periods = recentPeriods(currentPeriod(new Date(), timeZone), 24);
  if (!periods.includes(value)) periods.push(value);
  return (
    <Select
      label={label ?? t('billing.period')}
      data={periods.map((p) => ({ value: p, label: formatPeriod(p, language) }))}
      value={value}
      onChange={(next) => next && onChange(next)}
      allowDeselect={false}
      comboboxProps={{ withinPortal: true }}
      w={220}
      data-testid={testId}
    />
  );
}

/**
 * A billing page about one house: the tabs, the house picker (`?house=`, the first house by default) with the
 * page's own controls beside it, then the content for the chosen house.
 */
export function BillingScope({
  title,
  current,
  controls,
  children,
}: {
  title: string;
  current: BillingPageKey;
  controls?: (house: HouseDetails | undefined) => ReactNode;
  children: (houseId: string, house: HouseDetails | undefined) => ReactNode;
}) {
  const { t } = useTranslation();
  const scope = useHouseParam();
  return (
    <Page title={title}>
      <BillingTabs current={current} />
      <Card withBorder radius="md" padding="md">
        <Group align="flex-end" gap="md" wrap="wrap">
          <div style={{ flex: '1 1 320px', minWidth: 0, maxWidth: 560 }}>
            <HouseSelect
              value={scope.houseId}
              selectedLabel={scope.house.data?.address ?? null}
              onChange={(id) => scope.setHouse(id, ['period'])}
              testId="house-picker"
            />
          </div>
          {scope.houseId && controls?.(scope.house.data)}
        </Group>
      </Card>
      {scope.noHouses ? (
        <EmptyCard
          icon={<IconBuilding size={28} />}
          title={t('meter_readings.no_houses_title')}
          text={t('meter_readings.no_houses_text')}
          testId="no-houses"
        />
      ) : scope.choicesError ? (
        <ErrorState error={scope.choicesError} onRetry={scope.retryChoices} />
      ) : !scope.houseId ? (
        <ListSkeleton testId="house-loading" />
      ) : (
        <Stack gap="lg">{children(scope.houseId, scope.house.data)}</Stack>
      )}
    </Page>
  );
}
