import type { ConnEvent } from '@conn/sdk';
import { useCallback, useEffect, useState } from 'react';
import { consoleClient } from '../client/console-client';
import { isSignedOutError } from '../client/is-signed-out-error';
import { sessionStore } from '../session/session-store';

/** Events per page, first and older. */
export const activityPageSize = 25;

/** The activity feed as the page shows it: newest first, growing at the top as events commit. */
export interface Activity {
  events: ConnEvent[];
  loaded: boolean;
  /** The live stream is open (new events appear by themselves). */
  live: boolean;
  /** There may be older events to page back to. */
  hasOlder: boolean;
  loadingOlder: boolean;
  error: unknown;
  loadOlder: () => void;
}

/** Adds events the feed does not hold yet and keeps it newest first. */
function merge(current: ConnEvent[], incoming: readonly ConnEvent[]): ConnEvent[] {
  const seen = new Set(current.map((event) => event.id));
  const fresh = incoming.filter((event) => !seen.has(event.id));
  return fresh.length === 0 ? current : [...current, ...fresh].sort((a, b) => b.id - a.id);
}

/**
 * The owner's recent events: the newest page first, then live from the
 * event stream starting right after it (so nothing in between is missed),
 * and older pages on demand.
 *
 * @example
 * const { events, live, loadOlder } = useActivity();
 */
export function useActivity(): Activity {
  const [events, setEvents] = useState<ConnEvent[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [live, setLive] = useState(false);
  const [hasOlder, setHasOlder] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const fail = useCallback((reason: unknown) => {
    if (isSignedOutError(reason)) sessionStore.set(false);
    setError(reason);
  }, []);

  useEffect(() => {
    const stop = new AbortController();
    const client = consoleClient();
    void (async () => {
      const first = await client.eventPage({
        before: Number.MAX_SAFE_INTEGER,
        limit: activityPageSize,
        signal: stop.signal,
      });
      setEvents((current) => merge(current, first.items));
      setHasOlder(first.items.length === activityPageSize);
      setLoaded(true);
      const stream = client.events({
        after: first.next_after,
        signal: stop.signal,
        onOpen: () => setLive(true),
      });
      for await (const event of stream) setEvents((current) => merge(current, [event]));
    })().catch((reason: unknown) => {
      if (stop.signal.aborted) return;
      setLive(false);
      fail(reason);
    });
    return () => stop.abort();
  }, [fail]);

  const oldest = events.at(-1)?.id;
  const loadOlder = useCallback(() => {
    if (oldest === undefined) return;
    setLoadingOlder(true);
    consoleClient()
      .eventPage({ before: oldest, limit: activityPageSize })
      .then((page) => {
        setEvents((current) => merge(current, page.items));
        setHasOlder(page.items.length === activityPageSize);
      }, fail)
      .finally(() => setLoadingOlder(false));
  }, [oldest, fail]);

  return { events, loaded, live, hasOlder, loadingOlder, error, loadOlder };
}
