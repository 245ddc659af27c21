import { Button, Group, Paper, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/form-errors.tsx';
import { Page } from '../../components/page.tsx';
import {
  changePassword,
  type FieldMessage,
  PASSWORD_MIN_LENGTH,
  type PasswordField,
  type PasswordFormValues,
  serverPasswordErrors,
  validatePasswordForm,
} from './password-form.ts';

const EMPTY: PasswordFormValues = { currentPassword: '', newPassword: '', confirm: '' };

/** "Change my password", from the user menu: every signed-in staff member may open it. */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const [values, setValues] = useState(EMPTY);
  const [submitted, setSubmitted] = useState(false);

  const save = useMutation({
    mutationFn: changePassword,
    onSuccess: ({ endedSessions }) => {
      setValues(EMPTY);
      setSubmitted(false);
      notifications.show({
        color: 'teal',
        message:
          endedSessions > 0 ? t('account.changed_sessions', { count: endedSessions }) : t('account.changed'),
      });
    },
  });

  const clientErrors = submitted ? validatePasswordForm(values) : {};
  const serverErrors = save.isError ? serverPasswordErrors(save.error) : {};
  const messages = (field: PasswordField): FieldMessage[] | undefined =>
    clientErrors[field] ?? serverErrors[field];
  const fieldError = (field: PasswordField) => {
    const list = messages(field);
    if (!list) return undefined;
    return (
      <Stack gap={2} component="span" data-testid={`error-${field}`}>
        {list.map((m) => (
          <span key={m.key}>{t(m.key, m.values ?? {})}</span>
        ))}
      </Stack>
    );
  };
  const set = (field: PasswordField) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setValues((v) => ({ ...v, [field]: value }));
    // The server's verdict was about the old text.
    if (save.isError) save.reset();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(validatePasswordForm(values)).length > 0) return;
    save.mutate({ currentPassword: values.currentPassword, newPassword: values.newPassword });
  };

  const unexplained = save.isError && Object.keys(serverErrors).length === 0;

  return (
    <Page title={t('account.title')}>
      <Paper withBorder radius="md" p="lg" maw={480}>
        <form onSubmit={onSubmit} noValidate data-testid="password-form">
          <Stack gap="md">
            <Text size="sm" c="dimmed">
              {t('account.intro')}
            </Text>
            {unexplained && <FormError error={save.error} />}
            <PasswordInput
              label={t('account.current')}
              autoComplete="current-password"
              value={values.currentPassword}
              onChange={set('currentPassword')}
              error={fieldError('currentPassword')}
              data-testid="current-password"
            />
            <PasswordInput
              label={t('account.new')}
              description={t('account.hint', { min: PASSWORD_MIN_LENGTH })}
              autoComplete="new-password"
              value={values.newPassword}
              onChange={set('newPassword')}
              error={fieldError('newPassword')}
              data-testid="new-password"
            />
            <PasswordInput
              label={t('account.confirm')}
              autoComplete="new-password"
              value={values.confirm}
              onChange={set('confirm')}
              error={fieldError('confirm')}
              data-testid="confirm-password"
            />
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending} data-testid="password-submit">
                {t('account.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Page>
  );
}
