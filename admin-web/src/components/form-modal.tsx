import { Button, Group, type MantineSize, Modal, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A dialog that holds one form: the fields, then "Cancel" and a submit button that spins while the change is saved.
 * The form does its own checks (`noValidate`) so that errors read the same in every browser.
 */
export function FormModal({
  opened = true,
  title,
  size,
  onClose,
  onSubmit,
  testId,
  pending,
  saveTestId,
  saveLabel,
  children,
}: {
  opened?: boolean;
  title: string;
  size?: MantineSize;
  onClose: () => void;
  onSubmit: (event: FormEvent) => void;
  /** data-testid of the form. */
  testId: string;
  pending: boolean;
  saveTestId: string;
  /** The submit button's text; "Save" unless told. */
  saveLabel?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={size} centered>
      <form onSubmit={onSubmit} noValidate data-testid={testId}>
        <Stack gap="sm">
          {children}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={pending} data-testid={saveTestId}>
              {saveLabel ?? t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
