import { Pagination } from '@mantine/core';
import { pageCount } from '../../url-state.ts';

/** The pages of a billing table, shown only when there is more than one. */
export function PagePicker({
  total,
  page,
  pageSize,
  onChange,
  testId,
}: {
  total: number;
  page: number;
  pageSize: number;
  onChange: (page: number) => void;
  testId?: string;
}) {
  if (total <= pageSize) return null;
  return (
    <Pagination
      value={page}
      total={pageCount(total, pageSize)}
      onChange={onChange}
      size="sm"
      data-testid={testId}
    />
  );
}
