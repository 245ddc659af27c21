import { Card, EmptyState, Group, Pagination, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { pageCount } from '../url-state.ts';
import { IconSearch } from './icons.tsx';

/** The pieces every registry list shares: its search box, loading rows, empty state and footer. */

export function SearchBox({
  value,
  onChange,
  placeholder,
  testId,
}: {
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
  testId: string;
}) {
  return (
    <TextInput
      placeholder={placeholder}
      aria-label={placeholder}
      leftSection={<IconSearch size={16} />}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      maxLength={200}
      w={{ base: '100%', sm: 320 }}
      data-testid={testId}
    />
  );
}

export function ListSkeleton({ testId }: { testId: string }) {
  return (
    <Stack gap="xs" data-testid={testId}>
      {[0, 1, 2].map((i) => (
        <Skeleton key={i} h={44} radius="md" />
      ))}
    </Stack>
  );
}

export function EmptyCard({
  icon,
  title,
  text,
  actions,
  testId,
}: {
  icon: ReactNode;
  title: string;
  text: string;
  actions?: ReactNode;
  testId: string;
}) {
  return (
    <Card withBorder radius="md" py="xl" data-testid={testId}>
      <EmptyState icon={icon} variant="light" color="teal" title={title} description={text}>
        {actions && <EmptyState.Actions>{actions}</EmptyState.Actions>}
      </EmptyState>
    </Card>
  );
}

/** "N items" and the page switcher (only when there is more than one page). */
export function ListFooter({
  total,
  page,
  pageSize,
  onPage,
  totalText,
  testId,
}: {
  total: number;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  totalText: string;
  testId: string;
}) {
  const { t } = useTranslation();
  if (total === 0) return null;
  return (
    <Group justify="space-between" wrap="wrap" gap="sm">
      <Text size="sm" c="dimmed" data-testid={`${testId}-total`}>
        {totalText}
      </Text>
      {total > pageSize && (
        <Pagination
          total={pageCount(total, pageSize)}
          value={page}
          onChange={onPage}
          size="sm"
          aria-label={t('list.pages')}
          data-testid={`${testId}-pagination`}
        />
      )}
    </Group>
  );
}
