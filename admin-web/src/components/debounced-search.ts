import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';

/**
 * A search box bound to a value in the address bar: what is typed is committed (`commit`) once typing pauses,
 * and a change made elsewhere (another house chosen, a menu link, back/forward) replaces what the box shows.
 */
export function useDebouncedSearch(
  committed: string,
  commit: (value: string) => void,
  delayMs = 300,
): [string, (value: string) => void] {
  const [typed, setTyped] = useState(committed);
  const [debounced] = useDebouncedValue(typed.trim(), delayMs);
  const written = useRef(committed);

  useEffect(() => {
    if (committed === written.current) return;
    written.current = committed;
    setTyped(committed);
  }, [committed]);

  const commitRef = useRef(commit);
  commitRef.current = commit;
  useEffect(() => {
    // Only a settled value: right after the box was replaced from outside, `debounced` still holds the old text.
    if (debounced !== typed.trim() || debounced === written.current) return;
    written.current = debounced;
    commitRef.current(debounced);
  }, [debounced, typed]);

  return [typed, setTyped];
}
