import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  addMeter,
  fetchPremisesMeters,
  METERS_KEY,
  type PremisesMeter,
  premisesMetersKey,
  replaceMeter,
  retireMeter,
} from '../../api/meters.ts';
import { METER_TYPES, READINGS_KEY } from '../../api/readings.ts';
import { REGISTRY_KEY } from '../../api/registry.ts';
import { FormError, useFieldText } from '../../components/form-errors.tsx';
import { IconGauge, IconReplace, IconTrash } from '../../components/icons.tsx';
import { ErrorState, LoadingState } from '../../components/states.tsx';
import { formatDate, formatDecimal } from '../../format.ts';
import { formatPeriod } from '../../readings/periods.ts';
import { type FieldMessage, serverFieldErrors } from '../../registry/field-errors.ts';
import {
  METER_RULES,
  type MeterForm,
  meterBody,
  newMeterForm,
  newReplaceForm,
  REPLACE_RULES,
  RETIRE_RULES,
  type ReplaceForm,
  replaceBody,
  zoneInputs,
  zoneValues,
} from '../../registry/forms.ts';
import { verificationState } from '../../registry/verification.ts';
import { meterTypeName, zoneLabel } from '../readings/meter-texts.ts';
import { FormButtons } from './EntrancesPage.tsx';

type Action =
  | { kind: 'add' }
  | { kind: 'replace'; meter: PremisesMeter }
  | { kind: 'retire'; meter: PremisesMeter };

/** A premises' meters: the working ones with their last reading, retired ones greyed; add, replace, retire. */
export function MetersCard({
  premisesId,
  accounts,
  today,
  canWrite,
}: {
  premisesId: string;
  accounts: { id: string; number: string; closedAt: string | null }[];
  today: string;
  canWrite: boolean;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const meters = useQuery({
    queryKey: premisesMetersKey(premisesId),
    queryFn: ({ signal }) => fetchPremisesMeters(premisesId, signal),
  });
  const [action, setAction] = useState<Action | null>(null);
  const close = () => setAction(null);
  const items = [...(meters.data?.items ?? [])].sort(
    (a, b) => Number(a.status === 'RETIRED') - Number(b.status === 'RETIRED'),
  );

  return (
    <Card withBorder radius="md" padding="lg" data-testid="meters-card">
      <Group justify="space-between" mb="md">
        <Group gap="xs">
          <IconGauge size={20} />
          <Title order={4}>{t('meters.title')}</Title>
        </Group>
        {canWrite && (
          <Button
            size="xs"
            variant="light"
            onClick={() => setAction({ kind: 'add' })}
            data-testid="meter-add"
          >
            {t('meters.add')}
          </Button>
        )}
      </Group>
      {meters.isPending ? (
        <LoadingState />
      ) : meters.isError ? (
        <ErrorState error={meters.error} onRetry={() => void meters.refetch()} />
      ) : items.length === 0 ? (
        <Text c="dimmed" size="sm" data-testid="meters-empty">
          {t('meters.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="xs" data-testid="meters-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('meters.column.meter')}</Table.Th>
                <Table.Th>{t('meters.column.installed')}</Table.Th>
                <Table.Th>{t('meters.column.verification')}</Table.Th>
                <Table.Th>{t('meters.column.last_reading')}</Table.Th>
                {canWrite && <Table.Th aria-label={t('list.actions')} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((meter) => {
                const retired = meter.status === 'RETIRED';
                const state = verificationState(meter.verificationDueAt, today);
                return (
                  <Table.Tr
                    key={meter.id}
                    data-testid="meter-row"
                    data-meter-id={meter.id}
                    data-serial={meter.serial}
                    data-status={meter.status}
                    style={retired ? { opacity: 0.6 } : undefined}
                  >
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {meterTypeName(t, meter.type)}
                        {meter.zones > 1 && ` · ${t('meters.zones', { count: meter.zones })}`}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t('meter_readings.serial', { serial: meter.serial })} ·{' '}
                        {t('meters.digits', { integer: meter.integerDigits, fraction: meter.fractionDigits })}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDate(meter.installedAt, language)}</Text>
                      {retired && (
                        <Badge color="gray" variant="light" tt="none" data-testid="meter-retired">
                          {meter.retiredAt
                            ? t('meters.retired_on', { date: formatDate(meter.retiredAt, language) })
                            : t('meters.retired')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDate(meter.verificationDueAt, language)}</Text>
                      {!retired && state !== 'ok' && (
                        <Badge color={state === 'overdue' ? 'red' : 'orange'} variant="light" tt="none">
                          {state === 'overdue' ? t('meters.overdue') : t('meters.due_soon')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td data-testid="meter-last">
                      {meter.lastReading ? (
                        <>
                          <Text size="sm" fw={500} style={{ fontVariantNumeric: 'tabular-nums' }}>
                            {meter.lastReading.values
                              .map((v) =>
                                meter.zones > 1
                                  ? `${zoneLabel(t, v.zone)} ${formatDecimal(v.value, language)}`
                                  : formatDecimal(v.value, language),
                              )
                              .join(' · ')}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {formatPeriod(meter.lastReading.period, language)}
                          </Text>
                        </>
                      ) : (
                        <Text size="sm" c="dimmed">
                          {t('meters.opening', {
                            values: meter.initialValues.map((v) => formatDecimal(v, language)).join(' · '),
                          })}
                        </Text>
                      )}
                    </Table.Td>
                    {canWrite && (
                      <Table.Td ta="right">
                        {!retired && (
                          <Group gap={4} justify="flex-end" wrap="nowrap">
                            <Tooltip label={t('meters.replace')} withArrow>
                              <Button
                                size="compact-sm"
                                variant="light"
                                leftSection={<IconReplace size={14} />}
                                onClick={() => setAction({ kind: 'replace', meter })}
                                data-testid="meter-replace"
                              >
                                {t('meters.replace')}
                              </Button>
                            </Tooltip>
                            <Button
                              size="compact-sm"
                              variant="subtle"
                              color="red"
                              leftSection={<IconTrash size={14} />}
                              onClick={() => setAction({ kind: 'retire', meter })}
                              data-testid="meter-retire"
                            >
                              {t('meters.retire')}
                            </Button>
                          </Group>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <Modal
        opened={action !== null}
        onClose={close}
        centered
        size="lg"
        title={
          action?.kind === 'add'
            ? t('meters.add_title')
            : action?.kind === 'replace'
              ? t('meters.replace_title', { serial: action.meter.serial })
              : action?.kind === 'retire'
                ? t('meters.retire_title', { serial: action.meter.serial })
                : ''
        }
      >
        {action?.kind === 'add' && (
          <AddMeterForm premisesId={premisesId} accounts={accounts} today={today} onDone={close} />
        )}
        {action?.kind === 'replace' && <ReplaceMeterForm meter={action.meter} today={today} onDone={close} />}
        {action?.kind === 'retire' && <RetireMeterForm meter={action.meter} today={today} onDone={close} />}
      </Modal>
    </Card>
  );
}

function useMeterMutationDone(onDone: () => void) {
  const queryClient = useQueryClient();
  return async (message: string) => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: METERS_KEY }),
      queryClient.invalidateQueries({ queryKey: REGISTRY_KEY }),
      queryClient.invalidateQueries({ queryKey: READINGS_KEY }),
    ]);
    notifications.show({ color: 'teal', message });
    onDone();
  };
}

/** One box per tariff zone. */
function ZoneInputs({
  label,
  values,
  zones,
  onChange,
  errorOf,
  field,
  testId,
  description,
}: {
  label: string;
  values: string[];
  zones: number;
  onChange: (values: string[]) => void;
  errorOf: (path: string) => string | undefined;
  field: string;
  testId: string;
  description?: string;
}) {
  const { t } = useTranslation();
  const boxes = zoneInputs(values, zones);
  return (
    <Stack gap={4}>
      <Group grow align="flex-start" gap="sm">
        {boxes.map((value, i) => (
          <TextInput
            // biome-ignore lint/suspicious/noArrayIndexKey: one box per tariff zone, in zone order
            key={i}
            label={zones > 1 ? `${label} · ${zoneLabel(t, i + 1)}` : label}
            description={i === 0 ? description : undefined}
            inputMode="decimal"
            autoComplete="off"
            value={value}
            maxLength={32}
            onChange={(e) => {
              const next = e.currentTarget.value;
              onChange(boxes.map((v, k) => (k === i ? next : v)));
            }}
            error={errorOf(`${field}.${i}`)}
            data-testid={`${testId}-${i}`}
          />
        ))}
      </Group>
      {errorOf(field) && (
        <Text size="xs" c="red" role="alert">
          {errorOf(field)}
        </Text>
      )}
    </Stack>
  );
}

function useServerFields(rules: Parameters<typeof serverFieldErrors>[1]) {
  const [fields, setFields] = useState<Record<string, FieldMessage>>({});
  const [other, setOther] = useState<unknown>(null);
  const text = useFieldText(fields);
  return {
    text,
    fail: (error: unknown) => {
      const result = serverFieldErrors(error, rules);
      setFields(result.fields);
      setOther(result.other ? error : null);
    },
    clear: (prefix: string) =>
      setFields((all) =>
        Object.fromEntries(
          Object.entries(all).filter(([path]) => path !== prefix && !path.startsWith(`${prefix}.`)),
        ),
      ),
    reset: () => {
      setFields({});
      setOther(null);
    },
    other,
  };
}

function AddMeterForm({
  premisesId,
  accounts,
  today,
  onDone,
}: {
  premisesId: string;
  accounts: { id: string; number: string; closedAt: string | null }[];
  today: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const openAccounts = accounts.filter((a) => !a.closedAt);
  const [values, setValues] = useState<MeterForm>(() => newMeterForm(today, openAccounts[0]?.id ?? null));
  const errors = useServerFields(METER_RULES);
  const done = useMeterMutationDone(onDone);
  const save = useMutation({
    mutationFn: () => addMeter(premisesId, meterBody(values)),
    onSuccess: (meter) => done(t('meters.added', { serial: meter.serial })),
    onError: errors.fail,
  });
  const set = <K extends keyof MeterForm>(field: K, value: MeterForm[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    errors.clear(field);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    errors.reset();
    save.mutate();
  };
  const multiZone = values.type === 'ELECTRICITY';

  return (
    <form onSubmit={onSubmit} noValidate data-testid="meter-form">
      <Stack gap="md">
        {errors.other != null && <FormError error={errors.other} />}
        <Group grow align="flex-start" gap="sm">
          <Select
            label={t('meters.field.type')}
            data={METER_TYPES.map((type) => ({ value: type, label: meterTypeName(t, type) }))}
            value={values.type}
            onChange={(type) => {
              if (!type) return;
              set('type', type);
              if (type !== 'ELECTRICITY') set('zones', 1);
            }}
            allowDeselect={false}
            error={errors.text('type')}
            comboboxProps={{ withinPortal: true }}
            data-testid="meter-type"
          />
          <TextInput
            label={t('meters.field.serial')}
            value={values.serial}
            onChange={(e) => set('serial', e.currentTarget.value)}
            error={errors.text('serial')}
            maxLength={60}
            required
            data-testid="meter-serial"
          />
        </Group>
        <Group grow align="flex-start" gap="sm">
          <Select
            label={t('meters.field.zones')}
            data={(multiZone ? [1, 2, 3] : [1]).map((n) => ({ value: String(n), label: String(n) }))}
            value={String(values.zones)}
            onChange={(n) => n && set('zones', Number(n))}
            allowDeselect={false}
            disabled={!multiZone}
            error={errors.text('zones')}
            comboboxProps={{ withinPortal: true }}
            data-testid="meter-zones"
          />
          <TextInput
            label={t('meters.field.integer_digits')}
            inputMode="numeric"
            value={values.integerDigits}
            onChange={(e) => set('integerDigits', e.currentTarget.value)}
            error={errors.text('integerDigits')}
            maxLength={3}
            data-testid="meter-integer-digits"
          />
          <TextInput
            label={t('meters.field.fraction_digits')}
            inputMode="numeric"
            value={values.fractionDigits}
            onChange={(e) => set('fractionDigits', e.currentTarget.value)}
            error={errors.text('fractionDigits')}
            maxLength={3}
            data-testid="meter-fraction-digits"
          />
        </Group>
        <Group grow align="flex-start" gap="sm">
          <TextInput
            type="date"
            label={t('meters.field.installed')}
            value={values.installedAt}
            onChange={(e) => set('installedAt', e.currentTarget.value)}
            error={errors.text('installedAt')}
            data-testid="meter-installed"
          />
          <TextInput
            type="date"
            label={t('meters.field.verification_due')}
            value={values.verificationDueAt}
            onChange={(e) => set('verificationDueAt', e.currentTarget.value)}
            error={errors.text('verificationDueAt')}
            data-testid="meter-due"
          />
        </Group>
        <ZoneInputs
          label={t('meters.field.opening')}
          description={t('meters.opening_hint')}
          values={values.initialValues}
          zones={values.zones}
          onChange={(v) => set('initialValues', v)}
          errorOf={errors.text}
          field="initialValues"
          testId="meter-opening"
        />
        {openAccounts.length > 1 && (
          <Select
            label={t('meters.field.account')}
            data={openAccounts.map((a) => ({ value: a.id, label: a.number }))}
            value={values.accountId}
            onChange={(id) => set('accountId', id)}
            clearable
            error={errors.text('accountId')}
            comboboxProps={{ withinPortal: true }}
            data-testid="meter-account"
          />
        )}
        <FormButtons pending={save.isPending} onCancel={onDone} testId="meter-save" />
      </Stack>
    </form>
  );
}

/**
 * Replacing a meter: the old one's closing values (its final reading this month) and the new one's serial,
 * verification date and opening values, saved in one transaction by the API.
 */
function ReplaceMeterForm({
  meter,
  today,
  onDone,
}: {
  meter: PremisesMeter;
  today: string;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const [values, setValues] = useState<ReplaceForm>(() => newReplaceForm(today, meter.zones));
  const errors = useServerFields(REPLACE_RULES);
  const done = useMeterMutationDone(onDone);
  const save = useMutation({
    mutationFn: () => replaceMeter(meter.id, replaceBody(values, meter.zones)),
    onSuccess: (result) => done(t('meters.replaced', { old: meter.serial, serial: result.meter.serial })),
    onError: errors.fail,
  });
  const set = <K extends keyof ReplaceForm>(field: K, value: ReplaceForm[K], path: string = field) => {
    setValues((v) => ({ ...v, [field]: value }));
    errors.clear(path);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    errors.reset();
    save.mutate();
  };
  const last = meter.lastReading;

  return (
    <form onSubmit={onSubmit} noValidate data-testid="replace-form">
      <Stack gap="md">
        {errors.other != null && <FormError error={errors.other} />}
        <Text size="sm" c="dimmed" data-testid="replace-last">
          {last
            ? t('meters.last_reading', {
                period: formatPeriod(last.period, language, true),
                values: last.values.map((v) => formatDecimal(v.value, language)).join(' · '),
              })
            : t('meters.opening', {
                values: meter.initialValues.map((v) => formatDecimal(v, language)).join(' · '),
              })}
        </Text>
        <ZoneInputs
          label={t('meters.field.closing')}
          description={t('meters.closing_hint')}
          values={values.closingValues}
          zones={meter.zones}
          onChange={(v) => set('closingValues', v)}
          errorOf={errors.text}
          field="closingValues"
          testId="replace-closing"
        />
        <TextInput
          type="date"
          label={t('meters.field.replaced_at')}
          value={values.replacedAt}
          onChange={(e) => set('replacedAt', e.currentTarget.value)}
          error={errors.text('replacedAt')}
          data-testid="replace-date"
        />
        <Title order={5}>{t('meters.new_meter')}</Title>
        <Group grow align="flex-start" gap="sm">
          <TextInput
            label={t('meters.field.serial')}
            value={values.serial}
            onChange={(e) => set('serial', e.currentTarget.value, 'newMeter.serial')}
            error={errors.text('newMeter.serial')}
            maxLength={60}
            required
            data-testid="replace-serial"
          />
          <TextInput
            type="date"
            label={t('meters.field.verification_due')}
            value={values.verificationDueAt}
            onChange={(e) => set('verificationDueAt', e.currentTarget.value, 'newMeter.verificationDueAt')}
            error={errors.text('newMeter.verificationDueAt') ?? errors.text('newMeter.installedAt')}
            data-testid="replace-due"
          />
        </Group>
        <ZoneInputs
          label={t('meters.field.opening')}
          description={t('meters.opening_hint')}
          values={values.initialValues}
          zones={meter.zones}
          onChange={(v) => set('initialValues', v, 'newMeter.initialValues')}
          errorOf={errors.text}
          field="newMeter.initialValues"
          testId="replace-opening"
        />
        <FormButtons
          pending={save.isPending}
          onCancel={onDone}
          testId="replace-save"
          label={t('meters.replace')}
        />
      </Stack>
    </form>
  );
}

/** Taking a meter out of service: optional closing values become its final reading. Confirmed by its button. */
function RetireMeterForm({
  meter,
  today,
  onDone,
}: {
  meter: PremisesMeter;
  today: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [closing, setClosing] = useState<string[]>(() => zoneInputs([], meter.zones));
  const [retiredAt, setRetiredAt] = useState(today);
  const errors = useServerFields(RETIRE_RULES);
  const done = useMeterMutationDone(onDone);
  const save = useMutation({
    mutationFn: () => {
      const closingValues = zoneValues(closing);
      return retireMeter(meter.id, {
        ...(closingValues ? { closingValues } : {}),
        ...(retiredAt.trim() ? { retiredAt: retiredAt.trim() } : {}),
      });
    },
    onSuccess: () => done(t('meters.retired_done', { serial: meter.serial })),
    onError: errors.fail,
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    errors.reset();
    save.mutate();
  };
  return (
    <form onSubmit={onSubmit} noValidate data-testid="retire-form">
      <Stack gap="md">
        <Text size="sm">
          {t('meters.retire_text', { type: meterTypeName(t, meter.type), serial: meter.serial })}
        </Text>
        {errors.other != null && <FormError error={errors.other} />}
        <ZoneInputs
          label={t('meters.field.closing')}
          description={t('meters.retire_closing_hint')}
          values={closing}
          zones={meter.zones}
          onChange={(v) => {
            setClosing(v);
            errors.clear('closingValues');
          }}
          errorOf={errors.text}
          field="closingValues"
          testId="retire-closing"
        />
        <TextInput
          type="date"
          label={t('meters.field.retired_at')}
          value={retiredAt}
          onChange={(e) => {
            setRetiredAt(e.currentTarget.value);
            errors.clear('retiredAt');
          }}
          error={errors.text('retiredAt')}
          data-testid="retire-date"
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone} disabled={save.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="red" loading={save.isPending} data-testid="retire-confirm">
            {t('meters.retire')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
