import { Alert, Button, CopyButton, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/form-modal.tsx';
import { IconAlert } from '../../components/icons.tsx';
import { describeError } from '../../errors.ts';
import { generatePassword, PASSWORD_MIN_LENGTH, passwordReasons } from '../account/password-form.ts';
import { resetStaffPassword, type StaffMember } from './api.ts';

/**
 * An admin sets a new password for a member who forgot theirs (never their own: that is the account page). Typed or
 * generated; the server's rules decide, their reasons show at the field. Afterwards the password is shown once to
 * hand over, and the member's sessions have ended.
 */
export function PasswordResetModal({ member, onClose }: { member: StaffMember; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [password, setPassword] = useState('');
  const [visible, setVisible] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  // The password travels with the call, and the success screen shows that one, not whatever the field holds now.
  const reset = useMutation({ mutationFn: (next: string) => resetStaffPassword(member.id, next) });
  const refused = passwordReasons(reset.error, 'newPassword');
  const tooShort = [...password].length < PASSWORD_MIN_LENGTH;

  if (reset.isSuccess) {
    return (
      <Modal opened onClose={onClose} title={t('staff.reset_title', { name: member.fullName })} centered>
        <Stack gap="md" data-testid="staff-reset-done">
          <Text size="sm">{t('staff.reset_done', { count: reset.data.endedSessions })}</Text>
          <Group gap="sm">
            <Text ff="monospace" fz="lg" fw={600} data-testid="staff-reset-password">
              {reset.variables}
            </Text>
            <CopyButton value={reset.variables}>
              {({ copied, copy }) => (
                <Button size="xs" variant="light" onClick={copy}>
                  {copied ? t('staff.copied') : t('staff.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Group justify="flex-end">
            <Button onClick={onClose} data-testid="staff-reset-close">
              {t('common.done')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!tooShort) reset.mutate(password);
  };
  return (
    <FormModal
      title={t('staff.reset_title', { name: member.fullName })}
      onClose={onClose}
      onSubmit={onSubmit}
      testId="staff-reset-form"
      pending={reset.isPending}
      saveTestId="staff-reset-save"
      saveLabel={t('staff.reset_save')}
    >
      <Text size="sm">{t('staff.reset_text', { name: member.fullName })}</Text>
      {reset.isError && refused.length === 0 && (
        <Alert color="red" variant="light" icon={<IconAlert />} role="alert" data-testid="staff-reset-error">
          {describeError(reset.error, i18n)}
        </Alert>
      )}
      <Stack gap={6}>
        <PasswordInput
          label={t('staff.new_password')}
          description={t('staff.first_password_hint', { min: PASSWORD_MIN_LENGTH })}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          disabled={reset.isPending}
          visible={visible}
          onVisibilityChange={setVisible}
          autoComplete="new-password"
          withAsterisk
          error={
            submitted && tooShort
              ? t('password_rules.too_short', { min: PASSWORD_MIN_LENGTH })
              : refused.map((m) => t(m.key, m.values ?? {})).join(' ') || undefined
          }
          data-testid="staff-reset-input"
        />
        <Group>
          <Button
            variant="subtle"
            size="compact-sm"
            disabled={reset.isPending}
            onClick={() => {
              setPassword(generatePassword());
              setVisible(true);
              reset.reset();
            }}
            data-testid="staff-reset-generate"
          >
            {t('staff.generate')}
          </Button>
        </Group>
      </Stack>
    </FormModal>
  );
}
