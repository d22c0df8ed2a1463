import type { SetupStatus } from '@conn/sdk';
import { setupStateSentence } from '@conn/sdk';
import { Link } from 'wouter';
import { pagePaths } from '../client/page-paths';
import { connectionTitle } from './connection-title';

/**
 * The connections that need the owner, each with its one repair action,
 * which lands on that connection's own step (never a search or the catalog).
 */
export function RepairInbox({
  connections,
  nameOf,
}: {
  connections: readonly SetupStatus[];
  nameOf: (key: string) => string;
}) {
  if (connections.length === 0) return null;
  return (
    <section aria-labelledby="repair-inbox-heading" className="inbox">
      <h2 id="repair-inbox-heading">Needs attention</h2>
      <ul className="cards">
        {connections.map((connection) => {
          const name = nameOf(connection.connector);
          const title = connectionTitle(connection, name);
          return (
            <li key={connection.connection_id} className="card attention">
              <h3>
                {name}
                {title === name ? '' : `: ${title}`}
              </h3>
              <p>
                {connection.remediation?.description ?? setupStateSentence(connection.setup_state)}
              </p>
              <p>
                <Link className="button" href={pagePaths.connectionSetup(connection.connection_id)}>
                  {connection.remediation?.label ?? 'See what it needs'}
                </Link>
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
