import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { describeError } from '../errors.ts';
import { IconAlert } from './icons.tsx';

/**
 * "Are you sure?" before a change that cannot simply be undone (delete, close, revoke, reissue a code). Stays open
 * with the server's reason when the change is refused.
 */
export function ConfirmDialog({
  opened,
  title,
  children,
  confirmLabel,
  color = 'red',
  pending,
  error,
  onConfirm,
  onClose,
  inUseText,
}: {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  color?: string;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
  /** What to say when the server refuses because the thing is still in use (INVALID_STATE). */
  inUseText?: string;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={() => !pending && onClose()}
      title={title}
      centered
      data-testid="confirm-modal"
    >
      <Stack gap="md" data-testid="confirm-dialog">
        {typeof children === 'string' ? <Text size="sm">{children}</Text> : children}
        {error != null && (
          <Alert color="red" variant="light" icon={<IconAlert />} role="alert" data-testid="confirm-error">
            {inUseText && error instanceof ApiError && error.code === 'INVALID_STATE'
              ? inUseText
              : describeError(error, i18n)}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={pending} data-testid="confirm-cancel">
            {t('common.cancel')}
          </Button>
          <Button color={color} onClick={onConfirm} loading={pending} data-testid="confirm-ok">
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
