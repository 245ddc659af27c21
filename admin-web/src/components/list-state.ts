import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { pageParam } from '../url-state.ts';
import { useDebouncedSearch } from './debounced-search.ts';
import { type ParamChanges, useUpdateSearchParams } from './url-params.ts';

/**
 * A list's search and page in the address bar (`?q=&page=`), so a reload or a shared link keeps them; typing
 * updates the search once it pauses and goes back to the first page.
 */
export function useListState() {
  const [params] = useSearchParams();
  const update = useUpdateSearchParams();
  const page = pageParam(params.get('page'));
  const search = params.get('q') ?? '';
  const [typed, setTyped] = useDebouncedSearch(search, (q) => update({ q, page: null }, { replace: true }));
  const setPage = (next: number) => update({ page: next > 1 ? String(next) : null });
  /** Changes a filter: back to the first page. */
  const setFilter = (changes: ParamChanges) => update({ ...changes, page: null });
  return { params, update, page, search, typed, setTyped, setPage, setFilter };
}

/** A page past the end (an old link, a list that got shorter): back to the first one. */
export function usePastTheEnd(
  data: { items: unknown[]; total: number } | undefined,
  isPlaceholderData: boolean,
  page: number,
  update: (changes: ParamChanges, options?: { replace?: boolean }) => void,
) {
  const pastTheEnd = Boolean(
    data && !isPlaceholderData && data.items.length === 0 && data.total > 0 && page > 1,
  );
  useEffect(() => {
    if (pastTheEnd) update({ page: null }, { replace: true });
  }, [pastTheEnd, update]);
}
