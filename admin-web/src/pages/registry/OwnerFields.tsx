import { Group, Select, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { OWNER_KINDS, type OwnerKind } from '../../api/registry.ts';
import type { OwnerForm, OwnershipForm } from '../../registry/forms.ts';

const OWNER_KIND_KEYS: Record<OwnerKind, string> = {
  PERSON: 'owners.kind.PERSON',
  LEGAL_ENTITY: 'owners.kind.LEGAL_ENTITY',
  PUBLIC: 'owners.kind.PUBLIC',
};

export const ownerKindName = (t: (key: string) => string, kind: string): string =>
  OWNER_KIND_KEYS[kind as OwnerKind] ? t(OWNER_KIND_KEYS[kind as OwnerKind]) : kind;

/** An owner's own fields. With masked contacts the boxes start empty: typing replaces, leaving empty keeps. */
export function OwnerFields({
  values,
  onChange,
  errorOf,
  contactsMasked = false,
}: {
  values: OwnerForm;
  onChange: <K extends keyof OwnerForm>(field: K, value: OwnerForm[K]) => void;
  errorOf: (field: string) => string | undefined;
  contactsMasked?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Group grow align="flex-start" gap="sm">
        <TextInput
          label={t('owners.field.name')}
          value={values.fullName}
          onChange={(e) => onChange('fullName', e.currentTarget.value)}
          error={errorOf('fullName')}
          maxLength={300}
          required
          data-testid="owner-name"
        />
        <Select
          label={t('owners.field.kind')}
          data={OWNER_KINDS.map((kind) => ({ value: kind, label: ownerKindName(t, kind) }))}
          value={values.kind}
          onChange={(kind) => kind && onChange('kind', kind as OwnerKind)}
          allowDeselect={false}
          error={errorOf('kind')}
          comboboxProps={{ withinPortal: true }}
          data-testid="owner-kind"
        />
      </Group>
      {contactsMasked && (
        <Text size="xs" c="dimmed">
          {t('owners.masked_hint')}
        </Text>
      )}
      <Group grow align="flex-start" gap="sm">
        <TextInput
          label={t('owners.field.phone')}
          type="tel"
          value={values.phone}
          onChange={(e) => onChange('phone', e.currentTarget.value)}
          error={errorOf('phone')}
          maxLength={40}
          data-testid="owner-phone"
        />
        <TextInput
          label={t('owners.field.email')}
          type="email"
          value={values.email}
          onChange={(e) => onChange('email', e.currentTarget.value)}
          error={errorOf('email')}
          maxLength={254}
          data-testid="owner-email"
        />
        <TextInput
          label={t('owners.field.inn')}
          inputMode="numeric"
          value={values.inn}
          onChange={(e) => onChange('inn', e.currentTarget.value)}
          error={errorOf('inn')}
          maxLength={12}
          data-testid="owner-inn"
        />
      </Group>
    </>
  );
}

/** A share of a premises: the fraction, when it started and ended, the title document. */
export function OwnershipFields({
  values,
  onChange,
  errorOf,
}: {
  values: OwnershipForm;
  onChange: (field: keyof OwnershipForm, value: string) => void;
  errorOf: (field: string) => string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Group grow align="flex-start" gap="sm">
        <TextInput
          label={t('ownerships.field.share')}
          description={t('ownerships.share_hint')}
          value={values.share}
          onChange={(e) => onChange('share', e.currentTarget.value)}
          error={errorOf('share')}
          maxLength={30}
          required
          data-testid="ownership-share"
        />
        <TextInput
          label={t('ownerships.field.document')}
          description={t('ownerships.document_hint')}
          value={values.document}
          onChange={(e) => onChange('document', e.currentTarget.value)}
          error={errorOf('document')}
          maxLength={200}
          data-testid="ownership-document"
        />
      </Group>
      <Group grow align="flex-start" gap="sm">
        <TextInput
          type="date"
          label={t('ownerships.field.valid_from')}
          value={values.validFrom}
          onChange={(e) => onChange('validFrom', e.currentTarget.value)}
          error={errorOf('validFrom')}
          data-testid="ownership-from"
        />
        <TextInput
          type="date"
          label={t('ownerships.field.valid_to')}
          description={t('ownerships.valid_to_hint')}
          value={values.validTo}
          onChange={(e) => onChange('validTo', e.currentTarget.value)}
          error={errorOf('validTo')}
          data-testid="ownership-to"
        />
      </Group>
    </>
  );
}
