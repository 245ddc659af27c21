import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { can, useCurrentUser } from '../../auth/current-user.ts';
import { FormError } from '../../components/form-errors.tsx';
import { FormModal } from '../../components/form-modal.tsx';
import { IconReceipt } from '../../components/icons.tsx';
import { EmptyCard, ListSkeleton } from '../../components/list.tsx';
import { ErrorState } from '../../components/states.tsx';
import { formatDate, formatDecimal, todayIn } from '../../format.ts';
import { currentPeriod } from '../../readings/periods.ts';
import { meterTypeName } from '../readings/meter-texts.ts';
import {
  addNormative,
  addTariff,
  createService,
  fetchServices,
  METER_TYPES,
  type MeterType,
  SERVICE_KINDS,
  type Service,
  type ServiceKind,
  servicesKey,
  WRITE_BILLING,
} from './api.ts';
import { BillingScope } from './BillingScope.tsx';
import { firstDay, isDate, MONEY_ERROR_KEYS, normaliseCode, serverFlagged, tariffsOn } from './forms.ts';
import { formatPrice, parsePriceRoubles } from './money.ts';

export const KIND_KEYS: Record<ServiceKind, string> = {
  BY_METER: 'billing.kind.BY_METER',
  BY_AREA: 'billing.kind.BY_AREA',
  PER_PERSON: 'billing.kind.PER_PERSON',
  FIXED: 'billing.kind.FIXED',
};

/** Services of a house with the tariff in force today, adding a service and a tariff or normative from a date. */
export function TariffsPage() {
  const { t } = useTranslation();
  return (
    <BillingScope title={t('billing.tariffs.title')} current="tariffs">
      {(houseId, house) => <ServicesCard houseId={houseId} timeZone={house?.timezone} />}
    </BillingScope>
  );
}

type Dialog = { kind: 'service' } | { kind: 'tariff' | 'normative'; service: Service } | null;

function ServicesCard({ houseId, timeZone }: { houseId: string; timeZone: string | undefined }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const user = useCurrentUser();
  const writable = can(user, WRITE_BILLING);
  const [dialog, setDialog] = useState<Dialog>(null);
  const services = useQuery({
    queryKey: servicesKey(houseId),
    queryFn: ({ signal }) => fetchServices(houseId, signal),
  });
  const today = todayIn(timeZone);

  if (services.isPending) return <ListSkeleton testId="services-loading" />;
  if (services.isError) return <ErrorState error={services.error} onRetry={() => void services.refetch()} />;

  return (
    <Stack gap="md">
      {writable && (
        <Group justify="flex-end">
          <Button onClick={() => setDialog({ kind: 'service' })} data-testid="service-add">
            {t('billing.services.add')}
          </Button>
        </Group>
      )}
      {services.data.items.length === 0 ? (
        <EmptyCard
          icon={<IconReceipt size={28} />}
          title={t('billing.services.empty_title')}
          text={t('billing.services.empty_text')}
          testId="services-empty"
        />
      ) : (
        <Card withBorder radius="md" p={0}>
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="sm" horizontalSpacing="md" data-testid="services-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('billing.services.column.name')}</Table.Th>
                  <Table.Th>{t('billing.services.column.kind')}</Table.Th>
                  <Table.Th>{t('billing.services.column.tariff')}</Table.Th>
                  <Table.Th>{t('billing.services.column.normative')}</Table.Th>
                  {writable && <Table.Th />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {services.data.items.map((service) => {
                  const current = tariffsOn(service.tariffs, today);
                  const upcoming = service.tariffs.filter((tariff) => tariff.validFrom > today);
                  const normative = service.normatives.find(
                    (n) => n.validFrom <= today && (n.validTo === null || n.validTo >= today),
                  );
                  return (
                    <Table.Tr
                      key={service.id}
                      data-testid="service-row"
                      data-code={service.code}
                      data-service-id={service.id}
                      style={{ opacity: service.active ? 1 : 0.55 }}
                    >
                      <Table.Td>
                        <Text fw={500}>{service.name}</Text>
                        <Text size="xs" c="dimmed">
                          {service.code} · {service.unit}
                          {!service.active && ` · ${t('billing.services.inactive')}`}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{t(KIND_KEYS[service.kind])}</Text>
                        {service.meterType && (
                          <Text size="xs" c="dimmed">
                            {meterTypeName(t, service.meterType)}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td data-testid="service-tariff">
                        {current.length === 0 ? (
                          <Badge color="red" variant="light">
                            {t('billing.services.no_tariff')}
                          </Badge>
                        ) : (
                          current.map((tariff) => (
                            <Text size="sm" key={tariff.id} data-testid="service-tariff-value">
                              {tariff.zone !== null &&
                                `${t('billing.services.zone', { zone: tariff.zone })}: `}
                              {formatPrice(tariff.priceKopecks, language)} / {service.unit}
                              <Text span size="xs" c="dimmed">
                                {' '}
                                {t('billing.services.since', {
                                  date: formatDate(tariff.validFrom, language),
                                })}
                              </Text>
                            </Text>
                          ))
                        )}
                        {upcoming.map((tariff) => (
                          <Text size="xs" c="teal" key={tariff.id} data-testid="service-tariff-upcoming">
                            {t('billing.services.from', {
                              date: formatDate(tariff.validFrom, language),
                              price: formatPrice(tariff.priceKopecks, language),
                            })}
                          </Text>
                        ))}
                      </Table.Td>
                      <Table.Td>
                        {normative ? (
                          <Text size="sm">
                            {formatDecimal(normative.value, language)} {service.unit}
                          </Text>
                        ) : (
                          <Text size="sm" c="dimmed">
                            —
                          </Text>
                        )}
                      </Table.Td>
                      {writable && (
                        <Table.Td>
                          <Group gap="xs" justify="flex-end" wrap="nowrap">
                            <Button
                              size="xs"
                              variant="light"
                              onClick={() => setDialog({ kind: 'tariff', service })}
                              data-testid="tariff-add"
                            >
                              {t('billing.tariffs.add')}
                            </Button>
                            {(service.kind === 'PER_PERSON' || service.kind === 'BY_METER') && (
                              <Button
                                size="xs"
                                variant="subtle"
                                onClick={() => setDialog({ kind: 'normative', service })}
                                data-testid="normative-add"
                              >
                                {t('billing.normatives.add')}
                              </Button>
                            )}
                          </Group>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
      {dialog?.kind === 'service' && (
        <ServiceDialog houseId={houseId} timeZone={timeZone} onClose={() => setDialog(null)} />
      )}
      {dialog && dialog.kind !== 'service' && (
        <TariffDialog
          houseId={houseId}
          service={dialog.service}
          what={dialog.kind}
          timeZone={timeZone}
          onClose={() => setDialog(null)}
        />
      )}
    </Stack>
  );
}

/** A new service with its first tariff: a service without a tariff would stop the house's charge run. */
function ServiceDialog({
  houseId,
  timeZone,
  onClose,
}: {
  houseId: string;
  timeZone: string | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<ServiceKind>('FIXED');
  const [meterType, setMeterType] = useState<MeterType | null>(null);
  const [unit, setUnit] = useState('');
  const [price, setPrice] = useState('');
  const [validFrom, setValidFrom] = useState(firstDay(currentPeriod(new Date(), timeZone)));
  const [local, setLocal] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: async (priceKopecks: string) => {
      const service = await createService(houseId, {
        code: normaliseCode(code),
        name: name.trim(),
        kind,
        meterType: kind === 'BY_METER' ? meterType : null,
        unit: unit.trim(),
      });
      await addTariff(service.id, { validFrom, priceKopecks });
      return service;
    },
    onSettled: () => client.invalidateQueries({ queryKey: servicesKey(houseId) }),
    onSuccess: onClose,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (!/^[A-Za-z][A-Za-z0-9_ ]{1,39}$/.test(code.trim())) errors.code = t('billing.services.code_invalid');
    if (name.trim().length < 2) errors.name = t('billing.services.name_required');
    if (!unit.trim()) errors.unit = t('billing.services.unit_required');
    if (kind === 'BY_METER' && !meterType) errors.meterType = t('billing.services.meter_type_required');
    if (!isDate(validFrom)) errors.validFrom = t('billing.tariffs.date_required');
    const parsed = parsePriceRoubles(price);
    if (!parsed.ok) errors.price = t(MONEY_ERROR_KEYS[parsed.error]);
    setLocal(errors);
    if (Object.keys(errors).length > 0 || !parsed.ok) return;
    save.mutate(parsed.value);
  };

  const error = save.error;
  const codeTaken = error instanceof ApiError && error.code === 'CONFLICT' && serverFlagged(error, 'code');
  const serverField = (field: string, text: string) => (serverFlagged(error, field) ? text : undefined);

  return (
    <FormModal
      title={t('billing.services.add_title')}
      size="lg"
      onClose={onClose}
      onSubmit={submit}
      testId="service-form"
      pending={save.isPending}
      saveTestId="service-save"
    >
      <Group grow align="flex-start">
        <TextInput
          label={t('billing.services.field.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={local.name ?? serverField('name', t('billing.services.name_required'))}
          data-testid="service-name"
        />
        <TextInput
          label={t('billing.services.field.code')}
          description={t('billing.services.code_hint')}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          error={
            local.code ??
            (codeTaken
              ? t('billing.services.code_taken')
              : serverField('code', t('billing.services.code_invalid')))
          }
          data-testid="service-code"
        />
      </Group>
      <Group grow align="flex-start">
        <Select
          label={t('billing.services.field.kind')}
          data={SERVICE_KINDS.map((k) => ({ value: k, label: t(KIND_KEYS[k]) }))}
          value={kind}
          onChange={(value) => value && setKind(value as ServiceKind)}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          data-testid="service-kind"
        />
        {kind === 'BY_METER' && (
          <Select
            label={t('billing.services.field.meter_type')}
            data={METER_TYPES.map((m) => ({ value: m, label: meterTypeName(t, m) }))}
            value={meterType}
            onChange={(value) => setMeterType(value as MeterType | null)}
            error={local.meterType ?? serverField('meterType', t('billing.services.meter_type_required'))}
            comboboxProps={{ withinPortal: true }}
            data-testid="service-meter-type"
          />
        )}
        <TextInput
          label={t('billing.services.field.unit')}
          placeholder={t('billing.services.unit_placeholder')}
          value={unit}
          onChange={(e) => setUnit(e.currentTarget.value)}
          error={local.unit ?? serverField('unit', t('billing.services.unit_required'))}
          data-testid="service-unit"
        />
      </Group>
      <Text size="sm" fw={600} mt="xs">
        {t('billing.services.first_tariff')}
      </Text>
      <Group grow align="flex-start">
        <TextInput
          label={t('billing.tariffs.field.price')}
          description={t('billing.tariffs.price_hint')}
          placeholder="1 234,56"
          inputMode="decimal"
          value={price}
          onChange={(e) => setPrice(e.currentTarget.value)}
          error={local.price ?? serverField('priceKopecks', t('billing.money.format'))}
          data-testid="service-price"
        />
        <TextInput
          type="date"
          label={t('billing.tariffs.field.valid_from')}
          description={t('billing.tariffs.valid_from_hint')}
          value={validFrom}
          onChange={(e) => setValidFrom(e.currentTarget.value)}
          error={local.validFrom ?? serverField('validFrom', t('billing.tariffs.overlap'))}
          data-testid="service-valid-from"
        />
      </Group>
      {error != null && !codeTaken && !serverFlagged(error, 'validFrom') && <FormError error={error} />}
    </FormModal>
  );
}

/** A tariff (or a normative) from a date; an open-ended one in force before it is ended the day before. */
function TariffDialog({
  houseId,
  service,
  what,
  timeZone,
  onClose,
}: {
  houseId: string;
  service: Service;
  what: 'tariff' | 'normative';
  timeZone: string | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [value, setValue] = useState('');
  const [zone, setZone] = useState<string | null>(null);
  const [validFrom, setValidFrom] = useState(firstDay(currentPeriod(new Date(), timeZone)));
  const [source, setSource] = useState('');
  const [supersede, setSupersede] = useState(true);
  const [local, setLocal] = useState<Record<string, string>>({});
  const zones = service.kind === 'BY_METER' && service.meterType === 'ELECTRICITY';
  const save = useMutation({
    mutationFn: (parsed: string): Promise<unknown> =>
      what === 'tariff'
        ? addTariff(service.id, {
            validFrom,
            priceKopecks: parsed,
            zone: zone ? Number(zone) : null,
            source: source.trim() || null,
            supersede,
          })
        : addNormative(service.id, { validFrom, value: parsed, source: source.trim() || null, supersede }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: servicesKey(houseId) });
      onClose();
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (!isDate(validFrom)) errors.validFrom = t('billing.tariffs.date_required');
    let parsed: string | null = null;
    if (what === 'tariff') {
      const price = parsePriceRoubles(value);
      if (price.ok) parsed = price.value;
      else errors.value = t(MONEY_ERROR_KEYS[price.error]);
    } else {
      const text = value.trim().replace(',', '.');
      if (/^\d{1,6}(\.\d{1,4})?$/.test(text)) parsed = text;
      else errors.value = t('billing.normatives.invalid');
    }
    setLocal(errors);
    if (Object.keys(errors).length === 0 && parsed !== null) save.mutate(parsed);
  };

  const overlap = save.error instanceof ApiError && save.error.code === 'CONFLICT';
  return (
    <FormModal
      title={t(what === 'tariff' ? 'billing.tariffs.add_title' : 'billing.normatives.add_title', {
        name: service.name,
      })}
      onClose={onClose}
      onSubmit={submit}
      testId="tariff-form"
      pending={save.isPending}
      saveTestId="tariff-save"
    >
      <TextInput
        label={
          what === 'tariff'
            ? t('billing.tariffs.field.price_per', { unit: service.unit })
            : t('billing.normatives.field.value', { unit: service.unit })
        }
        description={what === 'tariff' ? t('billing.tariffs.price_hint') : undefined}
        placeholder={what === 'tariff' ? '1 234,56' : '4,85'}
        inputMode="decimal"
        value={value}
        onChange={(e) => setValue(e.currentTarget.value)}
        error={
          local.value ??
          (serverFlagged(save.error, 'priceKopecks') || serverFlagged(save.error, 'value')
            ? t(what === 'tariff' ? 'billing.money.format' : 'billing.normatives.invalid')
            : undefined)
        }
        data-testid="tariff-value"
      />
      {what === 'tariff' && zones && (
        <Select
          label={t('billing.tariffs.field.zone')}
          placeholder={t('billing.tariffs.all_zones')}
          data={['1', '2', '3'].map((z) => ({
            value: z,
            label: t('billing.services.zone', { zone: z }),
          }))}
          value={zone}
          onChange={setZone}
          clearable
          comboboxProps={{ withinPortal: true }}
          data-testid="tariff-zone"
        />
      )}
      <TextInput
        type="date"
        label={t('billing.tariffs.field.valid_from')}
        description={t('billing.tariffs.valid_from_hint')}
        value={validFrom}
        onChange={(e) => setValidFrom(e.currentTarget.value)}
        error={local.validFrom ?? (overlap ? t('billing.tariffs.overlap') : undefined)}
        data-testid="tariff-valid-from"
      />
      <TextInput
        label={t('billing.tariffs.field.source')}
        placeholder={t('billing.tariffs.source_placeholder')}
        value={source}
        onChange={(e) => setSource(e.currentTarget.value)}
        maxLength={300}
        data-testid="tariff-source"
      />
      <Checkbox
        label={t('billing.tariffs.supersede')}
        checked={supersede}
        onChange={(e) => setSupersede(e.currentTarget.checked)}
        data-testid="tariff-supersede"
      />
      {overlap && (
        <Alert color="orange" variant="light" data-testid="tariff-overlap">
          {t('billing.tariffs.overlap_hint')}
        </Alert>
      )}
      {save.error != null && !overlap && <FormError error={save.error} />}
    </FormModal>
  );
}
