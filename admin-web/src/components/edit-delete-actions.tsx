import { ActionIcon, Group, type GroupProps, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconEdit, IconTrash } from './icons.tsx';

/** The pencil and the bin at the end of a list row; the bin only asks, the caller confirms. */
export function EditDeleteActions({
  onEdit,
  onDelete,
  testId,
  justify,
}: {
  onEdit: () => void;
  onDelete: () => void;
  /** The buttons are `<testId>-edit` and `<testId>-delete`. */
  testId: string;
  justify?: GroupProps['justify'];
}) {
  const { t } = useTranslation();
  return (
    <Group gap={4} justify={justify} wrap="nowrap">
      <Tooltip label={t('common.edit')}>
        <ActionIcon
          variant="subtle"
          aria-label={t('common.edit')}
          onClick={onEdit}
          data-testid={`${testId}-edit`}
        >
          <IconEdit size={16} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label={t('common.delete')}>
        <ActionIcon
          variant="subtle"
          color="red"
          aria-label={t('common.delete')}
          onClick={onDelete}
          data-testid={`${testId}-delete`}
        >
          <IconTrash size={16} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
