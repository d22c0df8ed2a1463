import type { StreamCounts } from '@conn/setup-engine';
import { countRecordsByStream } from '@conn/store';
import type { ServiceDeps } from '../service-deps';
import { loadOwnedConnection } from './load-owned-connection';

/**
 * The records of one of the owner's connections counted by stream, for its
 * detail page; another owner's connection id is "not found".
 *
 * @example
 * const { streams } = await services.countStreamRecords(ownerId, connectionId);
 */
export async function countStreamRecords(
  deps: ServiceDeps,
  ownerId: string,
  connectionId: string,
): Promise<StreamCounts> {
  const connection = await loadOwnedConnection(deps.store.db, ownerId, connectionId);
  const counts = await countRecordsByStream(deps.store.db, connection.id);
  return { streams: counts.map(({ stream, count }) => ({ stream, records: count })) };
}
