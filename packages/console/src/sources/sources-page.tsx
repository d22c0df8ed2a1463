import type { SetupStatus } from '@conn/sdk';
import { setupStateSentence } from '@conn/sdk';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'wouter';
import { consoleClient } from '../client/console-client';
import { pagePaths } from '../client/page-paths';
import { queryKeys } from '../client/query-keys';
import { ErrorMessage } from '../shared/error-message';

/** Needs attention first, then pending setups, then the rest, each group newest first. */
function rank(connection: SetupStatus): number {
  switch (connection.status) {
    case 'needs_attention':
      return 0;
    case 'draft':
      return 1;
    default:
      return 2;
  }
}

/**
 * Sources (a first, minimal list): connections that need attention first,
 * pending setups shown as pending with "Abandon", then connected sources.
 */
export function SourcesPage() {
  const connections = useQuery({
    queryKey: queryKeys.connections(true),
    queryFn: ({ signal }) => consoleClient().connections({ includePending: true }, { signal }),
  });
  const catalog = useQuery({
    queryKey: queryKeys.catalog,
    queryFn: ({ signal }) => consoleClient().connectors({ signal }),
  });
  const nameOf = (key: string) =>
    catalog.data?.find((entry) => entry.plan.connector.key === key)?.plan.connector.name ?? key;
  const items = [...(connections.data?.items ?? [])].sort((a, b) => rank(a) - rank(b));
  return (
    <>
      <h1>Sources</h1>
      <p>
        <Link className="button" href={pagePaths.addSource}>
          Add a source
        </Link>
      </p>
      <ErrorMessage error={connections.error} />
      {connections.data !== undefined && items.length === 0 && (
        <p>No sources yet. Add one to start collecting your data.</p>
      )}
      <ul className="cards">
        {items.map((connection) => (
          <SourceRow
            key={connection.connection_id}
            connection={connection}
            name={nameOf(connection.connector)}
          />
        ))}
      </ul>
    </>
  );
}

function SourceRow({ connection, name }: { connection: SetupStatus; name: string }) {
  const queryClient = useQueryClient();
  const abandon = useMutation({
    mutationFn: () => consoleClient().abandonEnrollment(connection.connection_id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['connections'] }),
  });
  const title = connection.label ?? connection.account?.label ?? name;
  return (
    <li className="card">
      <h2>
        {name}
        {title === name ? '' : `: ${title}`}
      </h2>
      <p>
        {connection.status === 'draft' ? 'Pending setup. ' : ''}
        {setupStateSentence(connection.setup_state)}
      </p>
      <p className="muted">{connection.records_total.toLocaleString()} records</p>
      <p>
        <Link href={pagePaths.connectionSetup(connection.connection_id)}>
          {connection.remediation?.label ?? 'See its status'}
        </Link>
      </p>
      {connection.status === 'draft' && (
        <button
          type="button"
          className="quiet"
          disabled={abandon.isPending}
          onClick={() => abandon.mutate()}
        >
          Abandon this setup
        </button>
      )}
      <ErrorMessage error={abandon.error} />
    </li>
  );
}
