import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { describeError } from '../errors.ts';
import type { FieldMessage } from '../registry/field-errors.ts';
import { IconAlert } from './icons.tsx';

/** The text for one field's server error, in the user's language. */
export function useFieldText(fields: Record<string, FieldMessage>) {
  const { t } = useTranslation();
  return (path: string): string | undefined => {
    const message = fields[path];
    return message ? t(message.key, message.values ?? {}) : undefined;
  };
}

/** A refused change that no field of the form explains: the reason above the form. */
export function FormError({ error, testId = 'form-error' }: { error: unknown; testId?: string }) {
  const { i18n } = useTranslation();
  return (
    <Alert color="red" variant="light" icon={<IconAlert />} role="alert" data-testid={testId}>
      {describeError(error, i18n)}
    </Alert>
  );
}
