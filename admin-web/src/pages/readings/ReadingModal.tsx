import { Alert, Button, Group, List, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type AccountReadings,
  fetchHouseReadings,
  houseReadingsKey,
  type MeterReadings,
  READINGS_KEY,
  saveReading,
} from '../../api/readings.ts';
import { IconAlert } from '../../components/icons.tsx';
import { describeError } from '../../errors.ts';
import { formatPeriod, shiftPeriod } from '../../readings/periods.ts';
import {
  CONFIRMATION_KEYS,
  type Confirmation,
  checkReadingInput,
  formatReadingValue,
  normalizeReadingInput,
  readingConfirmations,
  readingFieldErrors,
  VALUE_ERROR_KEYS,
  type ValueError,
} from '../../readings/values.ts';
import { meterTypeName, meterUnit, zoneLabel } from './meter-texts.ts';

export interface ReadingTarget {
  account: AccountReadings;
  meter: MeterReadings;
}

/**
 * Staff enter or correct one meter's reading for the period (readings.write). The previous month's values are
 * shown for reference; the server checks the value and may ask to confirm an anomaly first.
 */
export function ReadingModal({
  houseId,
  period,
  target,
  onClose,
}: {
  houseId: string;
  period: string;
  target: ReadingTarget | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const title = target
    ? target.meter.submitted
      ? t('meter_readings.modal.title_correct')
      : t('meter_readings.modal.title_enter')
    : '';
  return (
    <Modal opened={target !== null} onClose={onClose} title={title} centered size="md">
      {target && (
        <ReadingForm
          key={`${target.meter.meterId}:${period}`}
          houseId={houseId}
          period={period}
          target={target}
          onDone={onClose}
        />
      )}
    </Modal>
  );
}

function ReadingForm({
  houseId,
  period,
  target,
  onDone,
}: {
  houseId: string;
  period: string;
  target: ReadingTarget;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const queryClient = useQueryClient();
  const { account, meter } = target;
  const zones = Math.max(1, meter.zones);
  const zoneValue = (zone: number) => meter.values.find((v) => v.zone === zone)?.value ?? '';

  const [values, setValues] = useState<string[]>(() =>
    Array.from({ length: zones }, (_, i) => formatReadingValue(zoneValue(i + 1), language, false)),
  );
  const [submitted, setSubmitted] = useState(false);
  const [serverZoneErrors, setServerZoneErrors] = useState<(ValueError | null)[]>([]);
  const [confirmations, setConfirmations] = useState<Confirmation[] | null>(null);

  // The previous month, for reference: the same account's row of that period (searching by its number).
  const previousPeriod = shiftPeriod(period, -1);
  const previousQuery = { period: previousPeriod, search: account.accountNumber, page: 1, pageSize: 20 };
  const previous = useQuery({
    queryKey: houseReadingsKey(houseId, previousQuery),
    queryFn: ({ signal }) => fetchHouseReadings(houseId, previousQuery, signal),
  });
  const previousMeter = previous.data?.items
    .flatMap((a) => a.meters)
    .find((m) => m.meterId === meter.meterId);

  const save = useMutation({
    mutationFn: (confirmAnomaly: boolean) =>
      saveReading(meter.meterId, period, {
        values: values.map(normalizeReadingInput),
        ...(confirmAnomaly ? { confirmAnomaly: true } : {}),
      }),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: [...READINGS_KEY, houseId] });
      notifications.show({
        color: 'teal',
        title: t('meter_readings.modal.saved'),
        message: t('meter_readings.modal.saved_text', {
          meter: `${meterTypeName(t, meter.type)} ${meter.serial}`,
          value: result.values.map((v) => formatReadingValue(v, language)).join(' / '),
        }),
      });
      onDone();
    },
    onError: (error) => {
      setConfirmations(readingConfirmations(error));
      setServerZoneErrors(readingFieldErrors(error, zones).perZone);
    },
  });

  const clientErrors = values.map(checkReadingInput);
  const serverGeneral = save.isError ? readingFieldErrors(save.error, zones).general : null;
  const otherError =
    save.isError && !confirmations && !serverGeneral && serverZoneErrors.every((e) => e === null);

  const errorOf = (i: number): string | undefined => {
    const code = (submitted ? clientErrors[i] : null) ?? serverZoneErrors[i] ?? null;
    return code ? t(VALUE_ERROR_KEYS[code]) : undefined;
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (clientErrors.some((e) => e !== null)) return;
    setConfirmations(null);
    setServerZoneErrors([]);
    save.mutate(false);
  };

  const unit = meterUnit(t, meter.type);

  return (
    <form onSubmit={onSubmit} noValidate data-testid="reading-modal">
      <Stack gap="md">
        <Stack gap={2}>
          <Text fw={600} data-testid="reading-meter">
            {meterTypeName(t, meter.type)} · {t('meter_readings.serial', { serial: meter.serial })}
          </Text>
          <Text size="sm" c="dimmed">
            {t('meter_readings.modal.account_line', {
              account: account.accountNumber,
              flat: account.premisesNumber,
            })}
            {' · '}
            {formatPeriod(period, language)}
          </Text>
        </Stack>

        <Text size="sm" data-testid="reading-previous" data-loading={previous.isPending || undefined}>
          {previous.isPending
            ? t('app.loading')
            : previousMeter && previousMeter.values.length > 0
              ? t('meter_readings.modal.previous', {
                  period: formatPeriod(previousPeriod, language, true),
                  value: previousMeter.values
                    .map((v) =>
                      zones > 1
                        ? `${zoneLabel(t, v.zone)} ${formatReadingValue(v.value, language)}`
                        : formatReadingValue(v.value, language),
                    )
                    .join(' · '),
                })
              : t('meter_readings.modal.previous_none', {
                  period: formatPeriod(previousPeriod, language, true),
                })}
        </Text>

        {values.map((value, i) => (
          <TextInput
            // biome-ignore lint/suspicious/noArrayIndexKey: one input per meter zone, in zone order
            key={i}
            label={zones > 1 ? zoneLabel(t, i + 1) : t('meter_readings.modal.value')}
            inputMode="decimal"
            autoComplete="off"
            autoFocus={i === 0}
            value={value}
            maxLength={32}
            rightSection={
              unit ? (
                <Text size="xs" c="dimmed">
                  {unit}
                </Text>
              ) : undefined
            }
            rightSectionWidth={56}
            onChange={(e) => {
              const next = e.currentTarget.value;
              setValues((all) => all.map((v, k) => (k === i ? next : v)));
              // A changed value needs checking again: any earlier answer no longer applies.
              setConfirmations(null);
              setServerZoneErrors((all) => all.map((err, k) => (k === i ? null : err)));
            }}
            error={errorOf(i)}
            data-testid={`reading-value-${i}`}
          />
        ))}

        {confirmations && (
          <Alert
            color="yellow"
            variant="light"
            icon={<IconAlert />}
            title={t('meter_readings.confirmation.title')}
            data-testid="reading-confirmations"
          >
            <Stack gap="xs">
              <List size="sm">
                {confirmations.map((c) => (
                  <List.Item key={c} data-reason={c}>
                    {t(CONFIRMATION_KEYS[c])}
                  </List.Item>
                ))}
              </List>
              <Text size="sm">{t('meter_readings.confirmation.hint')}</Text>
              <Group>
                <Button
                  color="yellow"
                  size="xs"
                  onClick={() => save.mutate(true)}
                  loading={save.isPending}
                  data-testid="reading-confirm-anyway"
                >
                  {t('meter_readings.confirmation.confirm')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}

        {(serverGeneral || otherError) && (
          <Alert color="red" variant="light" icon={<IconAlert />} role="alert" data-testid="reading-error">
            {serverGeneral ? t(VALUE_ERROR_KEYS[serverGeneral]) : describeError(save.error, i18n)}
          </Alert>
        )}

        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone} disabled={save.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending && !confirmations} data-testid="reading-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
