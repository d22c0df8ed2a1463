import { type SetupStatus, StatusWakeups } from '@conn/sdk';
import { isOpenRun } from '@conn/setup-engine';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { consoleClient } from '../client/console-client';
import { queryKeys } from '../client/query-keys';

/** Without the stream: how often the status is read again. */
const pollMs = 1000;
/** With the stream: a read now and then all the same, should an event be lost to a proxy. */
const streamingSafetyMs = 10_000;
/** How long to wait for the stream to open before reading anyway. */
const openWaitMs = 3000;

/** Whether a status can still change by itself (a sync running, a device or the owner still to act). */
export function isSettling(status: SetupStatus | undefined): boolean {
  if (status === undefined) return true;
  if (isOpenRun(status.run?.status)) return true;
  switch (status.setup_state) {
    case 'awaiting_credential':
    case 'awaiting_owner_action':
    case 'awaiting_collector':
    case 'first_sync_pending':
    case 'first_sync_running':
      return true;
    default:
      return false;
  }
}

/**
 * A connection's live setup status. The one place the console learns that a
 * status changed: while the setup can still move by itself it reads the
 * status again on each of the connection's events (the SDK's
 * `StatusWakeups` over the event stream), and polls when the stream is not
 * available (a proxy that buffers it, an older server).
 *
 * @example
 * const status = useSetupStatus(connectionId);
 * if (status.data?.setup_state === 'active') showRecordsLink();
 */
export function useSetupStatus(connectionId: string | null) {
  const queryClient = useQueryClient();
  const status = useQuery({
    queryKey: queryKeys.setupStatus(connectionId ?? ''),
    queryFn: ({ signal }) => consoleClient().setupStatus(connectionId ?? '', { signal }),
    enabled: connectionId !== null,
  });
  const following = connectionId !== null && status.data !== undefined && isSettling(status.data);
  useEffect(() => {
    if (!following || connectionId === null) return;
    const stop = new AbortController();
    const wakeups = new StatusWakeups(consoleClient(), connectionId, stop.signal);
    const queryKey = queryKeys.setupStatus(connectionId);
    void (async () => {
      // Read again once the stream is open, so nothing committed before it goes unseen.
      await wakeups.opened(openWaitMs);
      for (;;) {
        wakeups.consume();
        await queryClient.refetchQueries({ queryKey, exact: true });
        await wakeups.next(wakeups.streaming ? streamingSafetyMs : pollMs);
      }
    })().catch(() => {
      // Stopped: the status settled or the page went away.
    });
    return () => {
      stop.abort();
      wakeups.close();
    };
  }, [following, connectionId, queryClient]);
  return status;
}
