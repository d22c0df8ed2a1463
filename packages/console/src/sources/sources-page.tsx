import type { SetupStatus } from '@conn/sdk';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { consoleClient } from '../client/console-client';
import { pagePaths } from '../client/page-paths';
import { queryKeys } from '../client/query-keys';
import { ErrorMessage } from '../shared/error-message';
import { needsRepair } from './needs-repair';
import { PendingSetups } from './pending-setups';
import { RepairInbox } from './repair-inbox';
import { SourceCard } from './source-card';
import { useAllConnections } from './use-all-connections';

/**
 * Sources: a repair inbox first (each connection that needs the owner, with
 * its one repair action), then one card per connected source, then the
 * pending setups with "Abandon".
 */
export function SourcesPage() {
  const connections = useAllConnections();
  const catalog = useQuery({
    queryKey: queryKeys.catalog,
    queryFn: ({ signal }) => consoleClient().connectors({ signal }),
  });
  const entries = catalog.data ?? [];
  const nameOf = (key: string) =>
    entries.find((entry) => entry.plan.connector.key === key)?.plan.connector.name ?? key;
  const all = connections.data ?? [];
  const drafts = all.filter((c) => c.status === 'draft');
  const live = all.filter((c) => c.status !== 'draft');
  const byConnector = new Map<string, SetupStatus[]>();
  for (const connection of live) {
    const group = byConnector.get(connection.connector) ?? [];
    group.push(connection);
    byConnector.set(connection.connector, group);
  }
  const sources = entries.filter((entry) => byConnector.has(entry.plan.connector.key));
  const loaded = connections.data !== undefined && catalog.data !== undefined;
  return (
    <>
      <h1>Sources</h1>
      <p>
        <Link className="button" href={pagePaths.addSource}>
          Add a source
        </Link>
      </p>
      <ErrorMessage error={connections.error ?? catalog.error} />
      {!loaded && connections.error === null && catalog.error === null && (
        <p aria-live="polite">Loading your sources…</p>
      )}
      {loaded && all.length === 0 && <p>No sources yet. Add one to start collecting your data.</p>}
      {loaded && (
        <>
          <RepairInbox connections={live.filter(needsRepair)} nameOf={nameOf} />
          {sources.length > 0 && (
            <section aria-labelledby="sources-heading">
              <h2 id="sources-heading">Connected sources</h2>
              <ul className="cards">
                {sources.map((entry) => (
                  <SourceCard
                    key={entry.plan.connector.key}
                    entry={entry}
                    connections={byConnector.get(entry.plan.connector.key) ?? []}
                  />
                ))}
              </ul>
            </section>
          )}
          <PendingSetups drafts={drafts} nameOf={nameOf} />
        </>
      )}
    </>
  );
}
