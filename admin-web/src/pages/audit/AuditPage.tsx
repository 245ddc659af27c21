import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Code,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { IconAudit, IconInfo } from '../../components/icons.tsx';
import { EmptyCard, ListFooter, ListSkeleton } from '../../components/list.tsx';
import { useListState, usePastTheEnd } from '../../components/list-state.ts';
import { Page } from '../../components/page.tsx';
import { ErrorState } from '../../components/states.tsx';
import { formatDateTime } from '../../format.ts';
import {
  AUDIT_KEY,
  AUDIT_PAGE_SIZE,
  type AuditEntry,
  type AuditQuery,
  fetchAudit,
  fetchAuditFacets,
} from './api.ts';
import { actionKey, fieldChanges, showValue } from './changes.ts';

const ACTION_PATTERN = /^[a-z_.]*$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const SYSTEM = 'system';

/** A date parameter from the address bar, if it is one. */
const dateParam = (value: string | null) => (value && DATE_PATTERN.test(value) ? value : undefined);

/**
 * The organisation's audit log (organisation-wide audit.read): who changed what and when, newest first; filter by
 * person (or the system), kind of object, one object's history, the start of an action and a range of days in the
 * organisation's time zone. Each entry opens to the fields it changed, before and after.
 */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const list = useListState();
  const { params, setFilter } = list;
  const action = list.search.trim().toLowerCase();
  const actionValid = ACTION_PATTERN.test(action);
  const from = dateParam(params.get('from'));
  const to = dateParam(params.get('to'));
  const rangeValid = !from || !to || from <= to;
  const query: AuditQuery = {
    staffUserId: params.get('who') ?? undefined,
    entityType: params.get('type') ?? undefined,
    entityId: params.get('object') ?? undefined,
    action: action || undefined,
    from,
    to,
    page: list.page,
  };
  const facets = useQuery({
    queryKey: [...AUDIT_KEY, 'facets'],
    queryFn: ({ signal }) => fetchAuditFacets(signal),
  });
  const log = useQuery({
    queryKey: [...AUDIT_KEY, query],
    queryFn: ({ signal }) => fetchAudit(query, signal),
    placeholderData: keepPreviousData,
    enabled: actionValid && rangeValid,
  });
  usePastTheEnd(log.data, log.isPlaceholderData, list.page, list.update);
  const filtered = Boolean(query.staffUserId || query.entityType || query.entityId || action || from || to);
  const language = i18n.language;

  const people = [
    { value: SYSTEM, label: t('audit.system') },
    ...(facets.data?.actors ?? []).map((a) => ({
      value: a.id,
      label: a.active ? a.fullName : `${a.fullName} (${t('audit.former')})`,
    })),
  ];
  const kinds = (facets.data?.entityTypes ?? []).map((type) => ({
    value: type,
    label: entityLabel(t, type),
  }));

  return (
    <Page title={t('nav.audit')}>
      <Stack gap="md" data-testid="audit-page">
        <Text size="sm" c="dimmed">
          {t('audit.intro')}
        </Text>
        <Group gap="sm" wrap="wrap" align="flex-end">
          <Select
            label={t('audit.column_who')}
            placeholder={t('audit.all_people')}
            data={people}
            value={query.staffUserId ?? null}
            onChange={(who) => setFilter({ who })}
            clearable
            searchable
            w={220}
            data-testid="audit-who"
          />
          <Select
            label={t('audit.column_object')}
            placeholder={t('audit.all_objects')}
            data={kinds}
            value={query.entityType ?? null}
            onChange={(type) => setFilter({ type, object: null })}
            clearable
            searchable
            w={200}
            data-testid="audit-type"
          />
          <TextInput
            label={t('audit.action_filter')}
            placeholder={t('audit.action_placeholder')}
            value={list.typed}
            onChange={(e) => list.setTyped(e.currentTarget.value)}
            error={actionValid ? undefined : t('audit.action_invalid')}
            maxLength={64}
            w={200}
            data-testid="audit-action"
          />
          <TextInput
            type="date"
            label={t('audit.from')}
            value={from ?? ''}
            onChange={(e) => setFilter({ from: e.currentTarget.value || null })}
            error={rangeValid ? undefined : t('audit.range_error')}
            w={170}
            data-testid="audit-from"
          />
          <TextInput
            type="date"
            label={t('audit.to')}
            value={to ?? ''}
            onChange={(e) => setFilter({ to: e.currentTarget.value || null })}
            w={170}
            data-testid="audit-to"
          />
        </Group>
        {query.entityId && (
          <Group gap="xs">
            <Badge variant="light" size="lg" data-testid="audit-object-filter">
              {t('audit.object_filter', { id: shortId(query.entityId) })}
            </Badge>
            <Anchor component="button" size="sm" onClick={() => setFilter({ object: null })}>
              {t('audit.clear_object')}
            </Anchor>
          </Group>
        )}
        {!actionValid || !rangeValid ? null : log.isPending ? (
          <ListSkeleton testId="audit-loading" />
        ) : log.isError ? (
          log.error instanceof ApiError && log.error.status === 403 ? (
            <Alert color="yellow" icon={<IconInfo />} data-testid="audit-org-wide-only">
              {t('audit.org_wide_only')}
            </Alert>
          ) : (
            <ErrorState error={log.error} onRetry={() => void log.refetch()} />
          )
        ) : log.data.items.length === 0 ? (
          <EmptyCard
            icon={<IconAudit size={28} />}
            title={filtered ? t('list.no_results_title') : t('audit.empty_title')}
            text={filtered ? t('list.no_results_filter') : t('audit.empty_text')}
            testId="audit-empty"
          />
        ) : (
          <>
            <Text size="xs" c="dimmed">
              {t('audit.times_in', { zone: log.data.timeZone })}
            </Text>
            <Card
              withBorder
              radius="md"
              p={0}
              data-testid="audit-list"
              style={{ opacity: log.isPlaceholderData ? 0.6 : 1 }}
            >
              <Table.ScrollContainer minWidth={820}>
                <Table verticalSpacing="sm" horizontalSpacing="md">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('audit.column_time')}</Table.Th>
                      <Table.Th>{t('audit.column_who')}</Table.Th>
                      <Table.Th>{t('audit.column_action')}</Table.Th>
                      <Table.Th>{t('audit.column_object')}</Table.Th>
                      <Table.Th />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {log.data.items.map((entry) => (
                      <AuditRow
                        key={entry.id}
                        entry={entry}
                        when={formatDateTime(entry.createdAt, language, log.data.timeZone)}
                        onObject={() => setFilter({ type: entry.entityType, object: entry.entityId })}
                      />
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Card>
          </>
        )}
        {log.data && actionValid && rangeValid && (
          <ListFooter
            total={log.data.total}
            page={list.page}
            pageSize={AUDIT_PAGE_SIZE}
            onPage={list.setPage}
            totalText={t('audit.total', { count: log.data.total })}
            testId="audit"
          />
        )}
      </Stack>
    </Page>
  );
}

type T = ReturnType<typeof useTranslation>['t'];

const entityLabel = (t: T, type: string) => t(`audit.entities.${type}`, { defaultValue: type });
const shortId = (id: string) => (id.length > 13 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id);

function AuditRow({ entry, when, onObject }: { entry: AuditEntry; when: string; onObject: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const changes = fieldChanges(entry.before, entry.after);
  return (
    <Fragment>
      <Table.Tr data-testid="audit-row" data-action={entry.action}>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>{when}</Table.Td>
        <Table.Td>
          {entry.staffUser ? (
            entry.staffUser.fullName
          ) : (
            <Text span c="dimmed" title={t('audit.system_hint')}>
              {t('audit.system')}
            </Text>
          )}
        </Table.Td>
        <Table.Td>
          <Text size="sm">{t(actionKey(entry.action), { defaultValue: entry.action })}</Text>
          <Code fz="xs">{entry.action}</Code>
        </Table.Td>
        <Table.Td>
          <Text size="sm">{entityLabel(t, entry.entityType)}</Text>
          <Anchor
            component="button"
            size="xs"
            title={t('audit.object_history')}
            onClick={onObject}
            data-testid="audit-object"
          >
            {shortId(entry.entityId)}
          </Anchor>
        </Table.Td>
        <Table.Td ta="right">
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() => setOpen((v) => !v)}
            aria-expanded={open}
            data-testid="audit-details-toggle"
          >
            {open ? t('audit.hide_details') : t('audit.details')}
          </Button>
        </Table.Td>
      </Table.Tr>
      {open && (
        <Table.Tr data-testid="audit-details">
          <Table.Td colSpan={5} bg="var(--mantine-color-gray-0)">
            <Stack gap="xs">
              {changes.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('audit.no_changes')}
                </Text>
              ) : (
                <Table withTableBorder fz="sm" data-testid="audit-changes">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('audit.field')}</Table.Th>
                      <Table.Th>{t('audit.before')}</Table.Th>
                      <Table.Th>{t('audit.after')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {changes.map((change) => (
                      <Table.Tr key={change.field} data-testid="audit-change" data-field={change.field}>
                        <Table.Td>
                          <Code>{change.field || '—'}</Code>
                        </Table.Td>
                        <Table.Td style={{ wordBreak: 'break-word' }}>{showValue(change.before)}</Table.Td>
                        <Table.Td style={{ wordBreak: 'break-word' }}>{showValue(change.after)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
              {entry.ip && (
                <Text size="xs" c="dimmed">
                  {t('audit.ip', { ip: entry.ip })}
                </Text>
              )}
            </Stack>
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}
