import { Alert, Button, Card, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SESSION_KEY } from '../../api/auth.ts';
import { ApiError } from '../../api/client.ts';
import { ConfirmDialog } from '../../components/confirm.tsx';
import { ResetSaveButtons } from '../../components/form-actions.tsx';
import { IconAlert, IconInfo } from '../../components/icons.tsx';
import { ListSkeleton } from '../../components/list.tsx';
import { Page } from '../../components/page.tsx';
import { ErrorState } from '../../components/states.tsx';
import { describeError } from '../../errors.ts';
import { timeZoneOptions } from '../../houses/zoned-time.ts';
import { type FieldMessage, serverFieldErrors } from '../../registry/field-errors.ts';
import {
  fetchOrganization,
  ORGANIZATION_KEY,
  ORGANIZATION_KINDS,
  type Organization,
  type OrganizationChanges,
  updateOrganization,
} from './api.ts';
import {
  type OrganizationForm as FormValues,
  ORGANIZATION_RULES,
  type OrganizationField,
  organizationChanges,
  organizationToForm,
  type TextField,
  validateOrganizationForm,
} from './organization-form.ts';

const BANK_FIELDS: readonly OrganizationField[] = ['bankName', 'bic', 'bankAccount', 'corrAccount'];

/**
 * The organisation's requisites (organisation-wide organization.manage): what every receipt and its payment QR
 * print. Only changed fields are sent; a change of bank details asks first, since it redirects residents' payments.
 */
export function OrganizationPage() {
  const { t } = useTranslation();
  const org = useQuery({
    queryKey: ORGANIZATION_KEY,
    queryFn: ({ signal }) => fetchOrganization(signal),
    // The form is rebuilt when the data changes: only by this user's save or their "load again", never behind
    // their back while they type (someone else's save shows as a refused, stale save instead).
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  return (
    <Page title={t('nav.organization')}>
      <Text size="sm" c="dimmed">
        {t('organization.intro')}
      </Text>
      {org.isPending ? (
        <ListSkeleton testId="organization-loading" />
      ) : org.isError ? (
        org.error instanceof ApiError && org.error.status === 403 ? (
          <Alert color="yellow" icon={<IconInfo />} data-testid="organization-org-wide-only">
            {t('organization.org_wide_only')}
          </Alert>
        ) : (
          <ErrorState error={org.error} onRetry={() => void org.refetch()} />
        )
      ) : (
        // Remounts with the saved values after each save or reload.
        <OrganizationForm key={org.data.updatedAt} org={org.data} />
      )}
    </Page>
  );
}

function OrganizationForm({ org }: { org: Organization }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<FormValues>(() => organizationToForm(org));
  const [submitted, setSubmitted] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, FieldMessage>>({});
  const zones = useMemo(() => timeZoneOptions(org.timezone), [org.timezone]);

  const save = useMutation({
    mutationFn: (changes: OrganizationChanges) => updateOrganization(changes, org.updatedAt),
    onSuccess: (updated) => {
      setConfirming(false);
      queryClient.setQueryData(ORGANIZATION_KEY, updated);
      // The header shows the organisation's name.
      void queryClient.invalidateQueries({ queryKey: SESSION_KEY });
      notifications.show({ color: 'teal', message: t('organization.saved') });
    },
    onError: (error) => {
      setConfirming(false);
      setServerErrors(serverFieldErrors(error, ORGANIZATION_RULES).fields);
    },
  });

  const changes = organizationChanges(org, values);
  // Only what the user changed: a stored value nobody touched does not hold the save back.
  const clientErrors = Object.fromEntries(
    Object.entries(validateOrganizationForm(values)).filter(([field]) => field in changes),
  ) as ReturnType<typeof validateOrganizationForm>;
  const server = save.isError ? serverFieldErrors(save.error, ORGANIZATION_RULES) : null;
  const stale = save.error instanceof ApiError && save.error.details.what === 'stale';
  const dirty = Object.keys(changes).length > 0;
  const bankChanged = BANK_FIELDS.some((f) => f in changes);

  const errorOf = (field: OrganizationField) => {
    const local = submitted ? clientErrors[field] : undefined;
    if (local) return t(local);
    const message = serverErrors[field];
    return message ? t(message.key, message.values ?? {}) : undefined;
  };
  const set = <K extends keyof FormValues>(field: K, value: FormValues[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setServerErrors(({ [field]: _dropped, ...rest }) => rest);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setServerErrors({});
    if (Object.keys(clientErrors).length > 0 || !dirty) return;
    if (bankChanged) setConfirming(true);
    else save.mutate(changes);
  };

  const text = (field: TextField, options: { maxLength: number; required?: boolean; hint?: string }) => (
    <TextInput
      label={t(`organization.field.${field}`)}
      description={options.hint}
      value={values[field]}
      onChange={(e) => set(field, e.currentTarget.value)}
      error={errorOf(field)}
      maxLength={options.maxLength}
      required={options.required}
      data-testid={`organization-${field}`}
    />
  );

  return (
    <form onSubmit={onSubmit} noValidate data-testid="organization-form">
      <Stack gap="lg">
        {stale ? (
          <Alert
            color="yellow"
            variant="light"
            icon={<IconAlert />}
            role="alert"
            data-testid="organization-stale"
          >
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{t('organization.stale')}</Text>
              <Button
                size="xs"
                variant="white"
                onClick={() => void queryClient.invalidateQueries({ queryKey: ORGANIZATION_KEY })}
                data-testid="organization-reload"
              >
                {t('organization.reload')}
              </Button>
            </Stack>
          </Alert>
        ) : (
          server?.other && (
            <Alert
              color="red"
              variant="light"
              icon={<IconAlert />}
              role="alert"
              data-testid="organization-error"
            >
              {describeError(save.error, i18n)}
            </Alert>
          )
        )}
        <Card withBorder radius="md" padding="lg">
          <Stack gap="md">
            <Title order={4}>{t('organization.section_org')}</Title>
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
              <Select
                label={t('organization.field.kind')}
                data={ORGANIZATION_KINDS.map((kind) => ({
                  value: kind,
                  label: t(`organization.kind.${kind}`),
                }))}
                value={values.kind}
                onChange={(kind) => kind && set('kind', kind as FormValues['kind'])}
                allowDeselect={false}
                data-testid="organization-kind"
              />
              <Select
                label={t('organization.field.timezone')}
                description={t('organization.timezone_hint')}
                data={zones}
                value={values.timezone}
                onChange={(zone) => zone && set('timezone', zone)}
                searchable
                allowDeselect={false}
                nothingFoundMessage={t('common.nothing_found')}
                error={errorOf('timezone')}
                data-testid="organization-timezone"
              />
            </SimpleGrid>
            {text('name', { maxLength: 160, required: true, hint: t('organization.name_hint') })}
            {text('shortName', { maxLength: 160 })}
            <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
              {text('inn', { maxLength: 12, required: true })}
              {text('kpp', { maxLength: 9 })}
              {text('ogrn', { maxLength: 15 })}
            </SimpleGrid>
            {text('address', { maxLength: 300, required: true })}
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
              {text('phone', { maxLength: 40 })}
              {text('email', { maxLength: 200 })}
            </SimpleGrid>
          </Stack>
        </Card>
        <Card withBorder radius="md" padding="lg">
          <Stack gap="md">
            <Title order={4}>{t('organization.section_bank')}</Title>
            <Text size="sm" c="dimmed">
              {t('organization.bank_hint')}
            </Text>
            {text('bankName', { maxLength: 200, required: true })}
            <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
              {text('bic', { maxLength: 9, required: true })}
              {text('bankAccount', { maxLength: 20, required: true })}
              {text('corrAccount', { maxLength: 20, required: true, hint: t('organization.corr_hint') })}
            </SimpleGrid>
          </Stack>
        </Card>
        <ResetSaveButtons
          dirty={dirty}
          pending={save.isPending}
          onReset={() => {
            setValues(organizationToForm(org));
            setSubmitted(false);
            setServerErrors({});
            save.reset();
          }}
          testIdPrefix="organization"
        />
      </Stack>
      <ConfirmDialog
        opened={confirming}
        title={t('organization.confirm_bank_title')}
        confirmLabel={t('organization.confirm_bank_ok')}
        color="orange"
        pending={save.isPending}
        error={null}
        onConfirm={() => save.mutate(changes)}
        onClose={() => setConfirming(false)}
      >
        {t('organization.confirm_bank_text')}
      </ConfirmDialog>
    </form>
  );
}
