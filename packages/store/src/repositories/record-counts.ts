import { preparedQuery } from '../prepared-query';
import type { StoreTransaction } from '../store';
import type { StoreDb } from './store-db';

// Every count here reads `record_counts` (one row per connection and stream,
// kept by the record writer), never the records themselves: a read costs the
// same at a thousand records as at a million. SUM is a bigint on PostgreSQL,
// which the store's pool parses to a number; null (no row) counts as 0.

/**
 * Adds `delta` (negative for deleted records) to the count of one stream of a
 * connection. Only the record writer calls it, in the transaction of the
 * insert or delete it counts, so the count commits with the records or not at all.
 *
 * @example
 * await addToRecordCount(trx, connectionId, 'repositories', inserted);
 */
export async function addToRecordCount(
  trx: StoreTransaction,
  connectionId: string,
  stream: string,
  delta: number,
): Promise<void> {
  if (delta === 0) return;
  await trx
    .insertInto('record_counts')
    .values({ connection_id: connectionId, stream, records: delta })
    .onConflict((oc) =>
      oc.columns(['connection_id', 'stream']).doUpdateSet((eb) => ({
        records: eb('record_counts.records', '+', eb.ref('excluded.records')),
      })),
    )
    .execute();
}

/**
 * How many records a connection holds, across its streams.
 *
 * @example
 * const recordCount = await countConnectionRecords(trx, connection.id);
 */
export async function countConnectionRecords(db: StoreDb, connectionId: string): Promise<number> {
  const [row] = await connectionTotalQuery(db, connectionId);
  return Number(row?.total ?? 0);
}

const connectionTotalQuery = preparedQuery((db, connectionId: string) =>
  db
    .selectFrom('record_counts')
    .select((eb) => eb.fn.sum<number | string | null>('records').as('total'))
    .where('connection_id', '=', connectionId),
);

/**
 * How many records each of these connections holds; connections with none are left out.
 *
 * @example
 * const countBy = new Map((await countRecordsOf(db, ids)).map((row) => [row.connection_id, row.count]));
 */
export async function countRecordsOf(
  db: StoreDb,
  connectionIds: readonly string[],
): Promise<{ connection_id: string; count: number }[]> {
  if (connectionIds.length === 0) return [];
  const rows = await recordsOfQuery(db, connectionIds);
  return rows
    .map((row) => ({ connection_id: row.connection_id, count: Number(row.total ?? 0) }))
    .filter((row) => row.count > 0);
}

const recordsOfQuery = preparedQuery((db, connectionIds: readonly string[]) =>
  db
    .selectFrom('record_counts')
    .select((eb) => ['connection_id', eb.fn.sum<number | string | null>('records').as('total')])
    .where('connection_id', 'in', connectionIds)
    .groupBy('connection_id'),
);

/**
 * How many records the owner's connections hold, by connector.
 *
 * @example
 * const records = await countOwnerRecordsByConnector(db, ownerId);
 */
export async function countOwnerRecordsByConnector(
  db: StoreDb,
  ownerId: string,
): Promise<{ connector: string; count: number }[]> {
  const rows = await db
    .selectFrom('record_counts')
    .innerJoin('connections', 'connections.id', 'record_counts.connection_id')
    .select((eb) => [
      'connections.connector',
      eb.fn.sum<number | string | null>('record_counts.records').as('n'),
    ])
    .where('connections.owner_id', '=', ownerId)
    .groupBy('connections.connector')
    .execute();
  return rows
    .map((row) => ({ connector: row.connector, count: Number(row.n ?? 0) }))
    .filter((row) => row.count > 0);
}

/** The query behind {@link countRecordsByStream}, for plan checks. */
export function streamCountsQuery(db: StoreDb, connectionId: string) {
  return db
    .selectFrom('record_counts')
    .select(['stream', 'records'])
    .where('connection_id', '=', connectionId)
    .where('records', '>', 0)
    .orderBy('stream');
}

/**
 * How many records each stream of a connection holds; empty streams are left out.
 *
 * @example
 * const byStream = await countRecordsByStream(db, connection.id);
 */
export async function countRecordsByStream(
  db: StoreDb,
  connectionId: string,
): Promise<{ stream: string; count: number }[]> {
  const rows = await streamCountsQuery(db, connectionId).execute();
  return rows.map((row) => ({ stream: row.stream, count: row.records }));
}
