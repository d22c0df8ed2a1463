import type { SetupStatus } from '@conn/sdk';
import { isOpenRun } from '@conn/setup-engine';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { consoleClient } from '../client/console-client';
import { queryKeys } from '../client/query-keys';
import { ErrorMessage } from '../shared/error-message';
import { localDateTime } from '../shared/local-time';

/** "every 6 hours", "every day", "every 30 minutes". */
function everyWords(seconds: number): string {
  const hours = seconds / 3_600;
  if (hours >= 24 && hours % 24 === 0)
    return hours === 24 ? 'every day' : `every ${hours / 24} days`;
  if (hours >= 1 && Number.isInteger(hours))
    return hours === 1 ? 'every hour' : `every ${hours} hours`;
  const minutes = Math.max(1, Math.round(seconds / 60));
  return minutes === 1 ? 'every minute' : `every ${minutes} minutes`;
}

/**
 * How a live connection keeps working: its last success, failures in a row
 * and next sync, from the status's `health`, with "Sync now" for one the
 * server syncs (it has a next sync, or one is under way). A device
 * collector's health shows without the button: its device syncs it.
 */
export function SyncHealthSection({ status }: { status: SetupStatus }) {
  const queryClient = useQueryClient();
  const id = status.connection_id;
  const syncNow = useMutation({
    mutationFn: () => consoleClient().syncNow(id),
    onSuccess: (next) => {
      queryClient.setQueryData(queryKeys.setupStatus(id), next);
      void queryClient.invalidateQueries({ queryKey: queryKeys.runs(id) });
    },
  });
  const { health } = status;
  if (health === null || status.status === 'revoked') return null;
  const running = isOpenRun(status.run?.status);
  const serverSynced = health.next_sync_at !== null || (running && status.run?.kind !== 'import');
  return (
    <section aria-labelledby="health-heading">
      <h2 id="health-heading">Syncing</h2>
      <dl className="facts">
        <div>
          <dt>Last synced</dt>
          <dd>
            {health.last_success_at === null
              ? 'No sync has succeeded yet'
              : localDateTime(health.last_success_at)}
          </dd>
        </div>
        {health.consecutive_failures > 0 && (
          <div>
            <dt>Failed in a row</dt>
            <dd>
              {health.consecutive_failures === 1
                ? 'The last sync'
                : `The last ${health.consecutive_failures} syncs`}
            </dd>
          </div>
        )}
        {health.next_sync_at !== null && (
          <div>
            <dt>Next sync</dt>
            <dd>
              {localDateTime(health.next_sync_at)} ({everyWords(health.interval_seconds)})
            </dd>
          </div>
        )}
      </dl>
      {health.stale && (
        <p className="state">Nothing has synced for a while: this source needs attention.</p>
      )}
      {serverSynced && (
        <p>
          <button
            type="button"
            disabled={running || syncNow.isPending}
            onClick={() => syncNow.mutate()}
          >
            {running ? 'Syncing…' : 'Sync now'}
          </button>
        </p>
      )}
      <ErrorMessage error={syncNow.error} />
    </section>
  );
}
