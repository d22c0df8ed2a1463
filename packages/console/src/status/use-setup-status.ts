import type { SetupStatus } from '@conn/sdk';
import { isOpenRun } from '@conn/setup-engine';
import { useQuery } from '@tanstack/react-query';
import { consoleClient } from '../client/console-client';
import { queryKeys } from '../client/query-keys';

const pollMs = 1000;

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
 * status changed: today it polls while the setup can still move by itself;
 * switching to the server's event stream changes only this hook.
 *
 * @example
 * const status = useSetupStatus(connectionId);
 * if (status.data?.setup_state === 'active') showRecordsLink();
 */
export function useSetupStatus(connectionId: string | null) {
  return useQuery({
    queryKey: queryKeys.setupStatus(connectionId ?? ''),
    queryFn: ({ signal }) => consoleClient().setupStatus(connectionId ?? '', { signal }),
    enabled: connectionId !== null,
    refetchInterval: (query) => (isSettling(query.state.data) ? pollMs : false),
  });
}
