import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

export type ParamChanges = Record<string, string | null>;

/**
 * Changes some parameters of the address bar and keeps the others. Starts from the address the browser shows
 * now, not from the last render's copy: the router renders a navigation in a transition, so a second change made
 * before that render lands (a quick second click) would otherwise undo the first.
 */
export function useUpdateSearchParams(): (changes: ParamChanges, options?: { replace?: boolean }) => void {
  const [, setParams] = useSearchParams();
  return useCallback(
    (changes, options = {}) =>
      setParams(
        () => {
          const next = new URLSearchParams(window.location.search);
          for (const [key, value] of Object.entries(changes)) {
            if (value === null || value === '') next.delete(key);
            else next.set(key, value);
          }
          return next;
        },
        { replace: options.replace ?? false },
      ),
    [setParams],
  );
}
