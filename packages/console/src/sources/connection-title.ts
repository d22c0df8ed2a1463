import type { SetupStatus } from '@conn/sdk';

/** What the owner calls a connection: their label, else the echoed account, else the connector's name. */
export function connectionTitle(connection: SetupStatus, connectorName: string): string {
  return connection.label ?? connection.account?.label ?? connectorName;
}
