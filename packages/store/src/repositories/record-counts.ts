import { preparedQuery } from '../prepared-query';
import type { StoreDb } from './store-db';

// COUNT(*) is a bigint on PostgreSQL (a string through pg): every count here is a number.

/**
 * How many records a connection holds, across its streams.
 *
 * @example
 * const recordCount = await countConnectionRecords(trx, connection.id);
 */
export async function countConnectionRecords(db: StoreDb, connectionId: string): Promise<number> {
  const row = await db
    .selectFrom('records')
    .select((eb) => eb.fn.countAll<number | string>().as('total'))
    .where('connection_id', '=', connectionId)
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

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
  return rows.map((row) => ({ connection_id: row.connection_id, count: Number(row.total) }));
}

const recordsOfQuery = preparedQuery((db, connectionIds: readonly string[]) =>
  db
    .selectFrom('records')
    .select((eb) => ['connection_id', eb.fn.countAll<number | string>().as('total')])
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
    .selectFrom('records')
    .innerJoin('connections', 'connections.id', 'records.connection_id')
    .select((eb) => ['connections.connector', eb.fn.countAll<number | string>().as('n')])
    .where('connections.owner_id', '=', ownerId)
    .groupBy('connections.connector')
    .execute();
  return rows.map((row) => ({ connector: row.connector, count: Number(row.n) }));
}

/** The query behind {@link countRecordsByStream}, for plan checks. */
export function streamCountsQuery(db: StoreDb, connectionId: string) {
  return db
    .selectFrom('records')
    .select((eb) => ['stream', eb.fn.countAll<number | string>().as('total')])
    .where('connection_id', '=', connectionId)
    .groupBy('stream')
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
  return rows.map((row) => ({ stream: row.stream, count: Number(row.total) }));
}
