import { Card, Group, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { HouseDetails } from '../../api/houses.ts';
import { useHouseParam } from '../../components/house-param.ts';
import { IconBuilding } from '../../components/icons.tsx';
import { EmptyCard, ListSkeleton } from '../../components/list.tsx';
import { Page } from '../../components/page.tsx';
import { ErrorState } from '../../components/states.tsx';
import { HouseSelect } from '../readings/HouseSelect.tsx';

/**
 * A page about one house at a time: the house picker on top (`?house=`, the first house by default), then the
 * page's content for the chosen house. `keep`: address-bar parameters that stay when another house is chosen.
 */
export function HouseScope({
  title,
  actions,
  keep = [],
  children,
}: {
  title: string;
  actions?: (houseId: string) => ReactNode;
  keep?: string[];
  children: (houseId: string, house: HouseDetails | undefined) => ReactNode;
}) {
  const { t } = useTranslation();
  const scope = useHouseParam();
  return (
    <Page title={title}>
      <Card withBorder radius="md" padding="md">
        <Group align="flex-end" gap="md" wrap="wrap" justify="space-between">
          <div style={{ flex: '1 1 320px', minWidth: 0, maxWidth: 560 }}>
            <HouseSelect
              value={scope.houseId}
              selectedLabel={scope.house.data?.address ?? null}
              onChange={(id) => scope.setHouse(id, keep)}
              testId="house-picker"
            />
          </div>
          {scope.houseId && actions && <Group gap="xs">{actions(scope.houseId)}</Group>}
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
