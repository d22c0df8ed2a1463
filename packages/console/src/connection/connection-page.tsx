import { setupStateSentence } from '@conn/sdk';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link } from 'wouter';
import { consoleClient } from '../client/console-client';
import { pagePaths } from '../client/page-paths';
import { queryKeys } from '../client/query-keys';
import { ErrorMessage } from '../shared/error-message';
import { localDateTime } from '../shared/local-time';
import { connectionTitle } from '../sources/connection-title';
import { SameAccountNote } from '../status/same-account-note';
import { useSetupStatus } from '../status/use-setup-status';
import { ConnectionActions } from './connection-actions';
import { CredentialFacts } from './credential-facts';
import { DeleteConnection } from './delete-connection';
import { DevicesSection } from './devices-section';
import { RunsTable } from './runs-table';
import { SyncHealthSection } from './sync-health-section';

const recentRuns = 10;

/**
 * One connection: how it keeps syncing (with "Sync now"), its enrolled devices, its records by
 * stream (each a link to that stream's records), its recent runs, its
 * credential's metadata, revoke / reconnect / rotate, and delete (typed
 * confirmation); each import of the runs list can be undone, an open run stopped.
 */
export function ConnectionPage({ id }: { id: string }) {
  const client = consoleClient();
  const queryClient = useQueryClient();
  // Live while a run is open (a sync now, a scheduled sync): the runs follow it.
  const status = useSetupStatus(id);
  const runState = `${status.data?.run?.id}:${status.data?.run?.status}`;
  useEffect(() => {
    void runState;
    void queryClient.invalidateQueries({ queryKey: queryKeys.runs(id) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.streamCounts(id) });
  }, [runState, id, queryClient]);
  const connector = status.data?.connector ?? null;
  const plan = useQuery({
    queryKey: queryKeys.plan(connector ?? ''),
    queryFn: ({ signal }) => client.plan(connector ?? '', { signal }),
    enabled: connector !== null,
  });
  const streams = useQuery({
    queryKey: queryKeys.streamCounts(id),
    queryFn: ({ signal }) => client.streamCounts(id, { signal }),
  });
  const runs = useQuery({
    queryKey: queryKeys.runs(id),
    queryFn: ({ signal }) => client.runs(id, { limit: recentRuns }, { signal }),
  });
  if (status.isPending) return <p aria-live="polite">Loading this connection…</p>;
  if (status.data === undefined) return <ErrorMessage error={status.error} />;
  const current = status.data;
  const name = plan.data?.connector.name ?? 'This source';
  const title = connectionTitle(current, name);
  const streamLabel = (stream: string) =>
    plan.data?.streams.find((s) => s.name === stream)?.label ?? stream;
  return (
    <>
      <h1>
        {name}
        {title === name ? '' : `: ${title}`}
      </h1>
      <p>
        <Link href={pagePaths.home}>Back to Sources</Link>
      </p>
      {current.account?.label != null && (
        <p className="identity">
          Connected as <strong>{current.account.label}</strong>
        </p>
      )}
      <SameAccountNote status={current} name={name} />
      <p className="state">{setupStateSentence(current.setup_state)}</p>
      <dl className="facts">
        <div>
          <dt>Records</dt>
          <dd>{current.records_total.toLocaleString()}</dd>
        </div>
        {current.activated_at !== null && (
          <div>
            <dt>Connected since</dt>
            <dd>{localDateTime(current.activated_at)}</dd>
          </div>
        )}
        {current.revoked_at !== null && (
          <div>
            <dt>Revoked</dt>
            <dd>{localDateTime(current.revoked_at)}</dd>
          </div>
        )}
      </dl>
      {current.remediation !== null && (
        <p>
          <Link className="button" href={pagePaths.connectionSetup(id)}>
            {current.remediation.label}
          </Link>
        </p>
      )}

      <SyncHealthSection status={current} />
      <DevicesSection status={current} />

      <section aria-labelledby="streams-heading">
        <h2 id="streams-heading">Records by stream</h2>
        <ErrorMessage error={streams.error} />
        {streams.data?.streams.length === 0 && <p>No records yet.</p>}
        <ul className="connections">
          {streams.data?.streams.map((count) => (
            <li key={count.stream}>
              <Link href={pagePaths.connectionRecords(id, count.stream)}>
                {streamLabel(count.stream)}
              </Link>{' '}
              <span className="muted">{count.records.toLocaleString()} records</span>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="runs-heading">
        <h2 id="runs-heading">Recent runs</h2>
        <ErrorMessage error={runs.error} />
        {runs.data !== undefined && <RunsTable connectionId={id} runs={runs.data.items} />}
      </section>

      <CredentialFacts credential={current.credential} />
      {plan.data !== undefined && (
        <ConnectionActions status={current} plan={plan.data} name={name} />
      )}
      <DeleteConnection status={current} name={title} />
    </>
  );
}
