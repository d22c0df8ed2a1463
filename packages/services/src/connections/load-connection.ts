import { type ConnectionRow, findConnection, type StoreDb } from '@conn/store';
import { connectionNotFound } from './connection-not-found';

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
