import { ConnError } from '@conn/setup-engine';
import { type ConnectionRow, findConnection, findOwnedConnection, type StoreDb } from '@conn/store';

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

/**
 * The connection with this id, for callers already bound to it by a token
 * (a collector) or by a run the server queued.
 *
 * @example
 * const connection = await loadConnection(trx, principal.connectionId);
 */
export async function loadConnection(db: StoreDb, connectionId: string): Promise<ConnectionRow> {
  const row = await findConnection(db, connectionId);
  if (row === undefined) throw connectionNotFound();
  return row;
}

function connectionNotFound(): ConnError<'connection_not_found'> {
  // The requested id is not echoed: ids come from callers and are not trusted text.
  return new ConnError('connection_not_found', 'There is no such connection for this owner.');
}
