import { type ConnectionRow, findOwnedConnection, type StoreDb } from '@conn/store';
import { connectionNotFound } from './connection-not-found';

/**
 * The connection with this id if it belongs to this owner. Another owner's
 * connection and a missing one are the same `connection_not_found`, so ids
 * cannot be probed across owners.
 *
 * @example
 * const connection = await loadOwnedConnection(trx, ownerId, connectionId);
 */
export async function loadOwnedConnection(
  db: StoreDb,
  ownerId: string,
  connectionId: string,
): Promise<ConnectionRow> {
  const row = await findOwnedConnection(db, ownerId, connectionId);
  if (row === undefined) throw connectionNotFound();
  return row;
}
