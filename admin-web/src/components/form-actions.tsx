import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * The foot of an edit form shown in place (not in a dialog): "Undo changes" puts the saved values back, "Save"
 * submits; both idle while nothing changed.
 */
export function ResetSaveButtons({
  dirty,
  pending,
  onReset,
  testIdPrefix,
}: {
  dirty: boolean;
  pending: boolean;
  onReset: () => void;
  /** `house` gives `house-reset` and `house-save`. */
  testIdPrefix: string;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" gap="sm">
      <Button
        variant="default"
        disabled={!dirty || pending}
        onClick={onReset}
        data-testid={`${testIdPrefix}-reset`}
      >
        {t('common.reset')}
      </Button>
      <Button type="submit" loading={pending} disabled={!dirty} data-testid={`${testIdPrefix}-save`}>
        {t('common.save')}
      </Button>
    </Group>
  );
}
