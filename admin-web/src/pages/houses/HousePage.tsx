import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  DataList,
  Grid,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  fetchHouse,
  HOUSES_KEY,
  type HouseDetails,
  houseKey,
  openReadingsWindowEarly,
  updateHouse,
} from '../../api/houses.ts';
import { can, useCurrentUser } from '../../auth/current-user.ts';
import { ResetSaveButtons } from '../../components/form-actions.tsx';
import { IconAlert, IconArrowLeft, IconCalendar, IconGauge } from '../../components/icons.tsx';
import { Page } from '../../components/page.tsx';
import { ErrorState, LoadingState } from '../../components/states.tsx';
import { describeError } from '../../errors.ts';
import { formatDateTime, formatDecimal } from '../../format.ts';
import {
  type HouseField,
  type HouseFormValues,
  houseChanges,
  houseServerErrors,
  houseToForm,
  validateHouseForm,
} from '../../houses/house-form.ts';
import { defaultEarlyUntil, timeZoneOptions, zonedLocalToIso } from '../../houses/zoned-time.ts';

/** What the panel learnt from the open-early answer, kept beside the house (the house answer lacks it). */
const earlyKey = (id: string) => [...HOUSES_KEY, 'opened-early', id] as const;

export function HousePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const user = useCurrentUser();
  const house = useQuery({ queryKey: houseKey(id), queryFn: ({ signal }) => fetchHouse(id, signal) });
  const canWrite = can(user, 'registry.write');

  return (
    <Page title={house.data?.address ?? t('houses.house')}>
      <Group justify="space-between" mt={-8} wrap="wrap">
        <Anchor component={Link} to="/houses" size="sm" data-testid="house-back">
          <Group gap={4} wrap="nowrap">
            <IconArrowLeft size={16} />
            {t('houses.back')}
          </Group>
        </Anchor>
        {house.data && can(user, 'readings.read') && (
          <Button
            component={Link}
            to={`/readings?house=${encodeURIComponent(house.data.id)}`}
            variant="light"
            size="xs"
            leftSection={<IconGauge size={16} />}
            data-testid="house-readings-link"
          >
            {t('houses.readings_link')}
          </Button>
        )}
      </Group>
      {house.isPending ? (
        <LoadingState />
      ) : house.isError ? (
        <ErrorState error={house.error} onRetry={() => void house.refetch()} />
      ) : (
        <Grid gap="lg" data-testid="house-page">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Card withBorder radius="md" padding="lg" data-testid="house-settings">
              <Title order={4} mb="md">
                {t('houses.settings')}
              </Title>
              {canWrite ? (
                <HouseForm key={JSON.stringify(houseToForm(house.data))} house={house.data} />
              ) : (
                <HouseFacts house={house.data} />
              )}
            </Card>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <ReadingsWindowCard house={house.data} canWrite={canWrite} />
          </Grid.Col>
        </Grid>
      )}
    </Page>
  );
}

/** The settings as text, for roles that may look but not change. */
function HouseFacts({ house }: { house: HouseDetails }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const rows: [string, string][] = [
    [t('houses.field.address'), house.address],
    [t('houses.field.timezone'), house.timezone],
    [
      t('houses.field.total_area'),
      t('houses.area_value', { area: formatDecimal(house.totalArea, language) }),
    ],
    [t('houses.field.phone'), house.emergencyPhone ?? '—'],
    [
      t('houses.field.window'),
      t('houses.window_days', { start: house.readingsWindowStartDay, end: house.readingsWindowEndDay }),
    ],
    [t('houses.field.pass_approval'), house.requirePassApproval ? t('common.yes') : t('common.no')],
  ];
  return (
    <DataList withDivider labelWidth={260} data-testid="house-facts">
      {rows.map(([label, value]) => (
        <DataList.Item key={label}>
          <DataList.ItemLabel>{label}</DataList.ItemLabel>
          <DataList.ItemValue>{value}</DataList.ItemValue>
        </DataList.Item>
      ))}
    </DataList>
  );
}

const dayValue = (value: string | number): number | '' =>
  typeof value === 'number' ? value : value.trim() === '' ? '' : Number(value);

/** The edit form (registry.write): checks before sending, the server's field errors after, only changes sent. */
function HouseForm({ house }: { house: HouseDetails }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const queryClient = useQueryClient();
  const [values, setValues] = useState<HouseFormValues>(() => houseToForm(house));
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Partial<Record<HouseField, string>>>({});
  const zones = useMemo(() => timeZoneOptions(house.timezone), [house.timezone]);

  const save = useMutation({
    mutationFn: (body: Parameters<typeof updateHouse>[1]) => updateHouse(house.id, body),
    onSuccess: (updated) => {
      // The form remounts with the saved values (its key follows them).
      queryClient.setQueryData<HouseDetails>(houseKey(house.id), (old) => ({ ...old, ...updated }));
      void queryClient.invalidateQueries({ queryKey: [...HOUSES_KEY, 'list'] });
      notifications.show({ color: 'teal', title: t('houses.saved'), message: updated.address });
    },
    onError: (error) => setServerErrors(houseServerErrors(error).fields),
  });

  const clientErrors = validateHouseForm(values);
  const changes = houseChanges(house, values);
  const dirty = Object.keys(changes).length > 0;
  const errorOf = (field: HouseField): string | undefined => {
    const key = (submitted ? clientErrors[field] : undefined) ?? serverErrors[field];
    return key ? t(key) : undefined;
  };
  const set = <K extends HouseField>(field: K, value: HouseFormValues[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setServerErrors(({ [field]: _dropped, ...rest }) => rest);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setServerErrors({});
    if (Object.keys(clientErrors).length > 0 || !dirty) return;
    save.mutate(changes);
  };

  // Errors that belong to no field of the form (or are not about fields at all) are shown above it.
  const serverResult = save.isError ? houseServerErrors(save.error) : null;
  const serverOther =
    serverResult !== null && (serverResult.other || Object.keys(serverResult.fields).length === 0);

  return (
    <form onSubmit={onSubmit} noValidate data-testid="house-form">
      <Stack gap="md">
        {serverOther && (
          <Alert color="red" variant="light" icon={<IconAlert />} role="alert" data-testid="house-form-error">
            {describeError(save.error, i18n)}
          </Alert>
        )}
        <TextInput
          label={t('houses.field.address')}
          value={values.address}
          onChange={(e) => set('address', e.currentTarget.value)}
          error={errorOf('address')}
          maxLength={300}
          required
          data-testid="house-address"
        />
        <Select
          label={t('houses.field.timezone')}
          data={zones}
          value={values.timezone}
          onChange={(v) => v && set('timezone', v)}
          searchable
          allowDeselect={false}
          nothingFoundMessage={t('common.nothing_found')}
          error={errorOf('timezone')}
          data-testid="house-timezone"
        />
        <TextInput
          label={t('houses.field.phone')}
          description={t('houses.phone_hint')}
          type="tel"
          value={values.emergencyPhone}
          onChange={(e) => set('emergencyPhone', e.currentTarget.value)}
          error={errorOf('emergencyPhone')}
          maxLength={20}
          data-testid="house-phone"
        />
        <div>
          <Text size="sm" fw={500}>
            {t('houses.field.window')}
          </Text>
          <Text size="xs" c="dimmed" mb={6}>
            {t('houses.window_hint')}
          </Text>
          <Group grow align="flex-start" gap="sm">
            <NumberInput
              label={t('houses.field.start_day')}
              min={1}
              max={28}
              allowDecimal={false}
              allowNegative={false}
              value={values.readingsWindowStartDay}
              onChange={(v) => set('readingsWindowStartDay', dayValue(v))}
              error={errorOf('readingsWindowStartDay')}
              data-testid="house-start-day"
            />
            <NumberInput
              label={t('houses.field.end_day')}
              min={1}
              max={31}
              allowDecimal={false}
              allowNegative={false}
              value={values.readingsWindowEndDay}
              onChange={(v) => set('readingsWindowEndDay', dayValue(v))}
              error={errorOf('readingsWindowEndDay')}
              data-testid="house-end-day"
            />
          </Group>
        </div>
        <Switch
          label={t('houses.field.pass_approval')}
          description={t('houses.pass_approval_hint')}
          checked={values.requirePassApproval}
          onChange={(e) => set('requirePassApproval', e.currentTarget.checked)}
          data-testid="house-pass-approval"
        />
        <Text size="sm" c="dimmed">
          {t('houses.field.total_area')}:{' '}
          {t('houses.area_value', { area: formatDecimal(house.totalArea, language) })}
        </Text>
        <ResetSaveButtons
          dirty={dirty}
          pending={save.isPending}
          onReset={() => {
            setValues(houseToForm(house));
            setSubmitted(false);
            setServerErrors({});
            save.reset();
          }}
          testIdPrefix="house"
        />
      </Stack>
    </form>
  );
}

type EarlyAction = { kind: 'open'; until: string } | { kind: 'close' };

/** The regular window, whether it was opened early, and (registry.write) opening it early or closing that again. */
function ReadingsWindowCard({ house, canWrite }: { house: HouseDetails; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const queryClient = useQueryClient();
  const known = useQuery({
    queryKey: earlyKey(house.id),
    queryFn: () => null as string | null,
    enabled: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  // What this session just set is newer than the house as loaded; otherwise the API's value.
  const openedUntil = known.data !== undefined ? known.data : (house.readingsWindowOpenedEarlyUntil ?? null);
  const stillOpen = openedUntil ? new Date(openedUntil) > new Date() : false;

  const [until, setUntil] = useState(() =>
    defaultEarlyUntil(new Date(), house.timezone, house.readingsWindowEndDay),
  );
  const [untilError, setUntilError] = useState<string | null>(null);
  const [pending, setPending] = useState<EarlyAction | null>(null);

  const change = useMutation({
    mutationFn: (action: EarlyAction) =>
      openReadingsWindowEarly(house.id, action.kind === 'open' ? action.until : null),
    onSuccess: (result) => {
      queryClient.setQueryData(earlyKey(house.id), result.openedEarlyUntil);
      setPending(null);
      notifications.show({
        color: 'teal',
        title: result.openedEarlyUntil ? t('houses.early.opened') : t('houses.early.closed'),
        message: result.openedEarlyUntil
          ? t('houses.early.status', {
              date: formatDateTime(result.openedEarlyUntil, language, house.timezone),
            })
          : house.address,
      });
    },
  });

  const askOpen = () => {
    const iso = zonedLocalToIso(until, house.timezone);
    if (!iso) return setUntilError(t('houses.early.until_required'));
    if (new Date(iso) <= new Date()) return setUntilError(t('houses.early.until_past'));
    setUntilError(null);
    change.reset();
    setPending({ kind: 'open', until: iso });
  };

  const untilText = pending?.kind === 'open' ? formatDateTime(pending.until, language, house.timezone) : '';

  return (
    <Card withBorder radius="md" padding="lg" data-testid="house-window">
      <Group gap="xs" mb="xs">
        <IconCalendar size={20} />
        <Title order={4}>{t('houses.early.title')}</Title>
      </Group>
      <Text size="sm" data-testid="house-window-regular">
        {t('houses.early.regular', { start: house.readingsWindowStartDay, end: house.readingsWindowEndDay })}
      </Text>
      {openedUntil && stillOpen && (
        <Badge color="teal" variant="light" mt="sm" size="lg" tt="none" data-testid="house-early-status">
          {t('houses.early.status', { date: formatDateTime(openedUntil, language, house.timezone) })}
        </Badge>
      )}
      {canWrite && (
        <Stack gap="sm" mt="md">
          <Text size="xs" c="dimmed">
            {t('houses.early.hint')}
          </Text>
          <TextInput
            type="datetime-local"
            label={t('houses.early.until_label', { timezone: house.timezone })}
            value={until}
            onChange={(e) => {
              setUntil(e.currentTarget.value);
              setUntilError(null);
            }}
            error={untilError}
            data-testid="house-early-until"
          />
          <Group gap="sm" wrap="wrap">
            <Button onClick={askOpen} data-testid="house-open-early">
              {t('houses.early.open')}
            </Button>
            {openedUntil !== null && (
              <Button
                variant="default"
                onClick={() => {
                  change.reset();
                  setPending({ kind: 'close' });
                }}
                data-testid="house-close-early"
              >
                {t('houses.early.close')}
              </Button>
            )}
          </Group>
        </Stack>
      )}

      <Modal
        opened={pending !== null}
        onClose={() => !change.isPending && setPending(null)}
        title={
          pending?.kind === 'close'
            ? t('houses.early.confirm_close_title')
            : t('houses.early.confirm_open_title')
        }
        centered
        data-testid="early-confirm-modal"
      >
        <Stack gap="md">
          <Text size="sm">
            {pending?.kind === 'close'
              ? t('houses.early.confirm_close_text', { address: house.address })
              : t('houses.early.confirm_open_text', { address: house.address, date: untilText })}
          </Text>
          {change.isError && (
            <Alert color="red" variant="light" icon={<IconAlert />} role="alert" data-testid="early-error">
              {describeError(change.error, i18n)}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setPending(null)} disabled={change.isPending}>
              {t('common.cancel')}
            </Button>
            <Button
              onClick={() => pending && change.mutate(pending)}
              loading={change.isPending}
              data-testid="early-confirm"
            >
              {pending?.kind === 'close' ? t('houses.early.close') : t('houses.early.open')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}
