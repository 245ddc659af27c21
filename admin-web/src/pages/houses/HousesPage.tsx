import {
  Anchor,
  Card,
  EmptyState,
  Group,
  Pagination,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { fetchHouses, houseListKey } from '../../api/houses.ts';
import { useDebouncedSearch } from '../../components/debounced-search.ts';
import { IconBuilding, IconSearch } from '../../components/icons.tsx';
import { Page } from '../../components/page.tsx';
import { ErrorState } from '../../components/states.tsx';
import { useUpdateSearchParams } from '../../components/url-params.ts';
import { formatCount } from '../../format.ts';
import { pageCount, pageParam } from '../../url-state.ts';

const PAGE_SIZE = 20;

/** The houses the user may see: search by address, pages of 20, each row opens the house. */
export function HousesPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const update = useUpdateSearchParams();
  const page = pageParam(params.get('page'));
  const search = params.get('q') ?? '';

  // The box updates the address bar (and so the query) once typing pauses.
  const [typed, setTyped] = useDebouncedSearch(search, (q) => update({ q, page: null }, { replace: true }));

  const query = { search, page, pageSize: PAGE_SIZE };
  const houses = useQuery({
    queryKey: houseListKey(query),
    queryFn: ({ signal }) => fetchHouses(query, signal),
    placeholderData: keepPreviousData,
  });

  // A page past the end (an old link, a shorter list): back to the first one.
  const pastTheEnd =
    houses.data &&
    !houses.isPlaceholderData &&
    houses.data.items.length === 0 &&
    houses.data.total > 0 &&
    page > 1;
  useEffect(() => {
    if (pastTheEnd) update({ page: null }, { replace: true });
  }, [pastTheEnd, update]);

  const setPage = (next: number) => update({ page: next > 1 ? String(next) : null });

  return (
    <Page title={t('nav.registry')}>
      <TextInput
        placeholder={t('houses.search_placeholder')}
        aria-label={t('houses.search_placeholder')}
        leftSection={<IconSearch size={16} />}
        value={typed}
        onChange={(e) => setTyped(e.currentTarget.value)}
        maxLength={200}
        maw={480}
        data-testid="houses-search"
      />

      {houses.isPending ? (
        <Stack gap="xs" data-testid="houses-loading">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} h={44} radius="md" />
          ))}
        </Stack>
      ) : houses.isError ? (
        <ErrorState error={houses.error} onRetry={() => void houses.refetch()} />
      ) : houses.data.items.length === 0 ? (
        <Card withBorder radius="md" py="xl" data-testid="houses-empty">
          <EmptyState
            icon={<IconBuilding size={28} />}
            variant="light"
            color="teal"
            title={search ? t('houses.no_results_title') : t('houses.empty_title')}
            description={search ? t('houses.no_results_text', { search }) : t('houses.empty_text')}
          />
        </Card>
      ) : (
        <Card
          withBorder
          radius="md"
          p={0}
          data-testid="houses-list"
          data-busy={houses.isFetching || undefined}
        >
          <Table.ScrollContainer minWidth={360}>
            <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md" data-testid="houses-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('houses.column.address')}</Table.Th>
                  <Table.Th ta="right">{t('houses.column.premises')}</Table.Th>
                  <Table.Th>{t('houses.column.window')}</Table.Th>
                  <Table.Th visibleFrom="sm">{t('houses.column.phone')}</Table.Th>
                  <Table.Th visibleFrom="md">{t('houses.column.timezone')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody style={{ opacity: houses.isPlaceholderData ? 0.6 : 1 }}>
                {houses.data.items.map((house) => (
                  <Table.Tr
                    key={house.id}
                    onClick={() => navigate(`/houses/${house.id}`)}
                    style={{ cursor: 'pointer' }}
                    data-testid="house-row"
                    data-house-id={house.id}
                  >
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={`/houses/${house.id}`}
                        fw={500}
                        onClick={(e) => e.stopPropagation()}
                      >
                        {house.address}
                      </Anchor>
                    </Table.Td>
                    <Table.Td ta="right">{formatCount(house.premisesCount, language)}</Table.Td>
                    <Table.Td>
                      {t('houses.window_days', {
                        start: house.readingsWindowStartDay,
                        end: house.readingsWindowEndDay,
                      })}
                    </Table.Td>
                    <Table.Td visibleFrom="sm">{house.emergencyPhone ?? <Text c="dimmed">—</Text>}</Table.Td>
                    <Table.Td visibleFrom="md">{house.timezone}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}

      {houses.data && houses.data.total > 0 && (
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Text size="sm" c="dimmed" data-testid="houses-total">
            {t('houses.total', { count: houses.data.total })}
          </Text>
          {houses.data.total > PAGE_SIZE && (
            <Pagination
              total={pageCount(houses.data.total, PAGE_SIZE)}
              value={page}
              onChange={setPage}
              size="sm"
              data-testid="houses-pagination"
            />
          )}
        </Group>
      )}
    </Page>
  );
}
