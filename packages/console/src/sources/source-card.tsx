import type { CatalogEntry, SetupStatus } from '@conn/sdk';
import { setupStateSentence } from '@conn/sdk';
import { useState } from 'react';
import { Link } from 'wouter';
import { pagePaths } from '../client/page-paths';
import { localDateTime } from '../shared/local-time';
import { AddingAnother } from './adding-another';
import { connectionTitle } from './connection-title';
import { needsRepair } from './needs-repair';

// A card lists this many of its connections before "Show all".
const shownConnections = 5;

/** When the newest successful sync of these connections ended, or null when none has. */
function lastSync(connections: readonly SetupStatus[]): string | null {
  let latest: string | null = null;
  for (const { run } of connections) {
    if (run?.status !== 'succeeded' || run.finished_at === null) continue;
    if (latest === null || Date.parse(run.finished_at) > Date.parse(latest))
      latest = run.finished_at;
  }
  return latest;
}

function health(connections: readonly SetupStatus[]): string {
  const broken = connections.filter(needsRepair).length;
  const revoked = connections.filter((c) => c.status === 'revoked').length;
  const parts: string[] = [];
  if (broken > 0) parts.push(`${broken} ${broken === 1 ? 'needs' : 'need'} attention`);
  if (revoked > 0) parts.push(`${revoked} revoked`);
  return parts.length === 0 ? 'Healthy' : parts.join(', ');
}

/**
 * One connected source: three separate facts — its data (connections,
 * records, last sync, health), whether adding another account is
 * self-service today, and its repair action — then its connections.
 */
export function SourceCard({
  entry,
  connections,
}: {
  entry: CatalogEntry;
  connections: readonly SetupStatus[];
}) {
  const { plan, holdings } = entry;
  const name = plan.connector.name;
  const [showAll, setShowAll] = useState(false);
  const headingId = `source-${plan.connector.key}`;
  const synced = lastSync(connections);
  const broken = connections.find(needsRepair);
  const shown = showAll ? connections : connections.slice(0, shownConnections);
  return (
    <li className="card source" aria-labelledby={headingId}>
      <h3 id={headingId}>{name}</h3>
      <dl className="facts">
        <div>
          <dt>Your data</dt>
          <dd>
            {connections.length.toLocaleString()}{' '}
            {connections.length === 1 ? 'connection' : 'connections'},{' '}
            {holdings.records.toLocaleString()} records
          </dd>
          <dd>{synced === null ? 'Not synced yet' : `Last sync ${localDateTime(synced)}`}</dd>
          <dd>{health(connections)}</dd>
        </div>
        <div>
          <dt>Another account</dt>
          <dd>
            <AddingAnother plan={plan} />
          </dd>
        </div>
        <div>
          <dt>Repair</dt>
          <dd>
            {broken === undefined ? (
              'Nothing to repair.'
            ) : (
              <Link href={pagePaths.connectionSetup(broken.connection_id)}>
                {broken.remediation?.label ?? 'See what it needs'}
              </Link>
            )}
          </dd>
        </div>
      </dl>
      <h4>Connections</h4>
      <ul className="connections">
        {shown.map((connection) => (
          <li key={connection.connection_id}>
            <Link href={pagePaths.connection(connection.connection_id)}>
              {connectionTitle(connection, name)}
            </Link>{' '}
            <span className="muted">
              {setupStateSentence(connection.setup_state)}{' '}
              {connection.records_total.toLocaleString()} records
            </span>
          </li>
        ))}
      </ul>
      {connections.length > shown.length && (
        <button type="button" className="quiet" onClick={() => setShowAll(true)}>
          Show all {connections.length.toLocaleString()} connections
        </button>
      )}
    </li>
  );
}
