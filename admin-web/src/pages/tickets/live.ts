import { useEffect, useRef, useState } from 'react';
import { TICKET_EVENTS_URL, type TicketEvent } from '../../api/tickets.ts';

export type LiveState = 'connecting' | 'open' | 'closed';

/** After the server refused or dropped the stream for good (EventSource gives up on a non-200), try again. */
const RETRY_MS = 5_000;

/**
 * The API's ticket events (server-sent events, same origin, the session cookie goes along) for as long as the
 * component is shown. The browser reconnects by itself after a network drop and sends Last-Event-ID, so the
 * server replays what was missed; when the server refused the stream (a 401/403 ends EventSource for good) this
 * opens a new one a few seconds later.
 */
export function useTicketEvents(onEvent: (event: TicketEvent) => void): LiveState {
  const [state, setState] = useState<LiveState>('connecting');
  const handler = useRef(onEvent);
  handler.current = onEvent;

  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const open = () => {
      if (stopped) return;
      setState('connecting');
      source = new EventSource(TICKET_EVENTS_URL);
      source.onopen = () => setState('open');
      source.addEventListener('ticket', (message) => {
        try {
          handler.current(JSON.parse((message as MessageEvent<string>).data) as TicketEvent);
        } catch {
          // A malformed event is skipped; the next refetch shows the truth anyway.
        }
      });
      source.onerror = () => {
        if (!source || source.readyState === EventSource.CONNECTING) {
          setState('connecting');
          return;
        }
        source.close();
        setState('closed');
        retry = setTimeout(open, RETRY_MS);
      };
    };
    open();
    return () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      source?.close();
    };
  }, []);

  return state;
}
