import { ConnError } from '@conn/setup-engine';
import { CompiledQuery, type Kysely, type QueryResult } from 'kysely';
import { markRepeated } from './repeated-statements';
import { addToRecordCount } from './repositories/record-counts';
import type { Database, RecordRow } from './schema';
import type { StoreTransaction } from './store';

/** One record as a collector or importer hands it over. */
export interface RecordInput {
  /** Stable within (connection, stream): re-ingesting the same key updates the record. */
  readonly key: string;
  /** Any JSON-serializable value. */
  readonly data: unknown;
}

// 8 bound parameters per row. 500 rows = 4,000 parameters: far below SQLite's
// limit (32,766 since 3.32; better-sqlite3 bundles a newer SQLite) and
// PostgreSQL's 65,535, while large enough that per-statement overhead vanishes.
const rowsPerStatement = 500;

/**
 * Upserts records by (connection, stream, key), in the caller's transaction so
 * a batch lands whole or not at all, and adds the records it created (not the
 * ones it updated) to the stream's kept count in that same transaction. Each
 * chunk of keys is one multi-row `INSERT … ON CONFLICT DO NOTHING` (the rows
 * it reports inserted are exactly what it created, also while another writer
 * inserts the same keys), then, unless every key was new, one
 * `INSERT … ON CONFLICT DO UPDATE … WHERE` of the chunk in key order, which
 * writes only the rows whose data changed (new records keep the order they
 * came in). Re-ingesting a key replaces its data; a row whose data did
 * not change is left untouched (no write, `updated_at` and `run_id` keep the
 * last change); `created_run_id` always keeps the run that first inserted it. Within one call the last occurrence of a key wins. Resolves
 * the number of distinct records accepted.
 *
 * @example
 * const accepted = await store.transaction((trx) =>
 *   upsertRecords(trx, connectionId, 'repositories', [{ key: '42', data: repo }], runId),
 * );
 */
export async function upsertRecords(
  trx: StoreTransaction,
  connectionId: string,
  stream: string,
  records: readonly RecordInput[],
  runId: string | null,
  now: Date = new Date(),
): Promise<number> {
  if (stream === '') throw new ConnError('invalid_request', 'A record stream name is required.');
  const at = now.toISOString();
  // One statement must not touch a row twice (PostgreSQL refuses it): keep the last of each key.
  const byKey = new Map<string, string>();
  records.forEach((record, index) => {
    if (typeof record.key !== 'string' || record.key === '') {
      throw new ConnError('invalid_request', `Record ${index} has no key.`);
    }
    const json = JSON.stringify(record.data);
    if (json === undefined) {
      throw new ConnError('invalid_request', `Record ${index} has no JSON-serializable data.`);
    }
    byKey.delete(record.key);
    byKey.set(record.key, json);
  });

  const rows = [...byKey].map(([record_key, data_json]) => ({
    connection_id: connectionId,
    stream,
    record_key,
    data_json,
    run_id: runId,
    created_run_id: runId,
    created_at: at,
    updated_at: at,
  }));
  let created = 0;
  for (let start = 0; start < rows.length; start += rowsPerStatement) {
    const chunk = rows.slice(start, start + rowsPerStatement);
    const inserted = await insertNew(trx, chunk);
    created += inserted;
    // A chunk of new keys (a first import) needs no update. Otherwise the whole chunk goes to the
    // update, which leaves the rows just inserted (their data is the same) and so needs no list
    // of them. Sorted by key: writers updating overlapping keys lock them in one order.
    if (inserted < chunk.length) {
      const byKey = [...chunk].sort((a, b) =>
        a.record_key < b.record_key ? -1 : a.record_key > b.record_key ? 1 : 0,
      );
      await updateChanged(trx, byKey);
    }
  }
  await addToRecordCount(trx, connectionId, stream, created);
  return rows.length;
}

/**
 * Deletes records of one stream by key, in the caller's transaction, and takes
 * the ones it removed off the stream's kept count in that same transaction.
 * Keys that are not stored are ignored. Resolves the number of records deleted.
 *
 * @example
 * const deleted = await store.transaction((trx) =>
 *   deleteRecords(trx, connectionId, 'repositories', ['42']),
 * );
 */
export async function deleteRecords(
  trx: StoreTransaction,
  connectionId: string,
  stream: string,
  keys: readonly string[],
): Promise<number> {
  const unique = [...new Set(keys)];
  let deleted = 0;
  for (let start = 0; start < unique.length; start += rowsPerStatement) {
    const rows = await trx
      .deleteFrom('records')
      .where('connection_id', '=', connectionId)
      .where('stream', '=', stream)
      .where('record_key', 'in', unique.slice(start, start + rowsPerStatement))
      .returning('record_key')
      .execute();
    deleted += rows.length;
  }
  await addToRecordCount(trx, connectionId, stream, -deleted);
  return deleted;
}

/**
 * Deletes the records one run first inserted (an import being undone), in the
 * caller's transaction, and takes them off their streams' kept counts in that
 * same transaction. Records the run only updated or saw again stay. Resolves
 * the number of records deleted.
 *
 * @example
 * const removed = await store.transaction((trx) => deleteRunRecords(trx, connectionId, run.id));
 */
export async function deleteRunRecords(
  trx: StoreTransaction,
  connectionId: string,
  runId: string,
): Promise<number> {
  const rows = await trx
    .deleteFrom('records')
    .where('connection_id', '=', connectionId)
    .where('created_run_id', '=', runId)
    .returning('stream')
    .execute();
  const byStream = new Map<string, number>();
  for (const { stream } of rows) byStream.set(stream, (byStream.get(stream) ?? 0) + 1);
  for (const [stream, count] of byStream) await addToRecordCount(trx, connectionId, stream, -count);
  return rows.length;
}

type RecordValues = {
  connection_id: string;
  stream: string;
  record_key: string;
  data_json: string;
  run_id: string | null;
  /** Written by the insert only: an update leaves the run that first inserted the record. */
  created_run_id: string | null;
  created_at: string;
  updated_at: string;
};

/** Inserts the rows whose key is new; resolves how many it inserted. */
async function insertNew(trx: StoreTransaction, rows: readonly RecordValues[]): Promise<number> {
  const { numAffectedRows } = await executeChunk(
    trx,
    'insert',
    rows.length,
    () =>
      trx
        .insertInto('records')
        .values(rows)
        .onConflict((oc) => oc.columns(['connection_id', 'stream', 'record_key']).doNothing())
        .compile(),
    rowParameters(rows),
  );
  return Number(numAffectedRows ?? 0n);
}

/**
 * Replaces the data of stored rows whose data changed; unchanged rows are not
 * written. An upsert on the unique key rather than an `UPDATE … FROM`: it
 * visits the rows in the order given (sorted by key), so concurrent batches
 * of overlapping keys lock them in one order and cannot deadlock, and it finds
 * each row by the unique index on both dialects.
 */
async function updateChanged(trx: StoreTransaction, rows: readonly RecordValues[]): Promise<void> {
  await executeChunk(
    trx,
    'update',
    rows.length,
    () => changedRecordsUpsert(trx, rows).compile(),
    rowParameters(rows),
  );
}

/**
 * The statement behind {@link upsertRecords}' update of keys that already
 * existed, for plan checks.
 */
export function changedRecordsUpsert(db: Kysely<Database>, rows: readonly RecordValues[]) {
  return db
    .insertInto('records')
    .values(rows)
    .onConflict((oc) =>
      oc
        .columns(['connection_id', 'stream', 'record_key'])
        .doUpdateSet({
          data_json: (eb) => eb.ref('excluded.data_json'),
          run_id: (eb) => eb.ref('excluded.run_id'),
          updated_at: (eb) => eb.ref('excluded.updated_at'),
        })
        .whereRef('records.data_json', '<>', 'excluded.data_json'),
    );
}

/** Bound parameters of a multi-row insert of these rows, in column order. */
function rowParameters(rows: readonly RecordValues[]): unknown[] {
  return rows.flatMap((row) => [
    row.connection_id,
    row.stream,
    row.record_key,
    row.data_json,
    row.run_id,
    row.created_run_id,
    row.created_at,
    row.updated_at,
  ]);
}

// Building a full chunk's statement costs about as much as SQLite running it,
// and its SQL never changes: keep it per dialect (adapter) and statement, and bind new values.
const fullChunkSql = new WeakMap<object, Map<string, string>>();

async function executeChunk(
  trx: StoreTransaction,
  statement: 'insert' | 'update',
  rowCount: number,
  build: () => CompiledQuery<unknown>,
  parameters: readonly unknown[],
): Promise<QueryResult<unknown>> {
  const { adapter } = trx.getExecutor();
  const full = rowCount === rowsPerStatement;
  const cached = full ? fullChunkSql.get(adapter)?.get(statement) : undefined;
  if (cached !== undefined) return trx.executeQuery(CompiledQuery.raw(cached, [...parameters]));
  const compiled = build();
  const result = await trx.executeQuery(compiled);
  // Cache only once the builder's parameter order is seen to match ours.
  if (
    full &&
    compiled.parameters.length === parameters.length &&
    compiled.parameters.every((value, index) => value === parameters[index])
  ) {
    const byStatement = fullChunkSql.get(adapter) ?? new Map<string, string>();
    byStatement.set(statement, compiled.sql);
    markRepeated(compiled.sql);
    fullChunkSql.set(adapter, byStatement);
  }
  return result;
}

/** A stored record with its data parsed. */
export type RecordItem = Omit<RecordRow, 'data_json'> & { readonly data: unknown };

/** One page of records and the cursor of the next one (`null` on the last page). */
export interface RecordPage {
  readonly records: readonly RecordItem[];
  readonly nextCursor: string | null;
}

/** Which records to page through. */
export interface ListRecordsOptions {
  /** One stream; every stream (in stream, then id order) when omitted. */
  readonly stream?: string;
  /** The `nextCursor` of the previous page. */
  readonly cursor?: string;
  /** Page size, 1–1000. */
  readonly limit: number;
}

/** Where the previous page ended. */
export interface RecordPosition {
  readonly stream: string;
  readonly id: number;
}

/**
 * The records query after `after`, in (stream, id) order, served by the
 * `records (connection_id, stream, id)` index whether or not a stream is given.
 *
 * @example
 * const rows = await recordPageQuery(db, connectionId, { stream: 'messages', limit: 100 }).execute();
 */
export function recordPageQuery(
  db: Kysely<Database>,
  connectionId: string,
  options: { readonly stream?: string; readonly after?: RecordPosition; readonly limit: number },
) {
  const { stream, after } = options;
  return db
    .selectFrom('records')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .$if(stream !== undefined, (qb) => qb.where('stream', '=', stream ?? ''))
    .$if(after !== undefined, (qb) =>
      qb.where((eb) =>
        stream !== undefined
          ? eb('id', '>', after?.id ?? 0)
          : eb(eb.refTuple('stream', 'id'), '>', eb.tuple(after?.stream ?? '', after?.id ?? 0)),
      ),
    )
    .orderBy('stream')
    .orderBy('id')
    .limit(options.limit);
}

/**
 * Reads one page of a connection's records, oldest first within each stream.
 * Cursors are opaque; one from a single-stream listing is only valid for that stream.
 *
 * @example
 * let cursor: string | undefined;
 * do {
 *   const page = await listRecords(store.db, connectionId, { stream: 'messages', cursor, limit: 200 });
 *   handle(page.records);
 *   cursor = page.nextCursor ?? undefined;
 * } while (cursor);
 */
export async function listRecords(
  db: Kysely<Database>,
  connectionId: string,
  options: ListRecordsOptions,
): Promise<RecordPage> {
  const { stream } = options;
  if (!Number.isInteger(options.limit) || options.limit < 1 || options.limit > 1000) {
    throw new ConnError('invalid_request', 'The page size must be an integer from 1 to 1000.');
  }
  const after = options.cursor === undefined ? undefined : decodeCursor(options.cursor);
  if (after !== undefined && stream !== undefined && after.stream !== stream) {
    throw new ConnError('invalid_request', 'The records cursor belongs to another stream.');
  }
  const rows = await recordPageQuery(db, connectionId, {
    ...(stream === undefined ? {} : { stream }),
    ...(after === undefined ? {} : { after }),
    limit: options.limit + 1,
  }).execute();
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    records: page.map(({ data_json, ...row }) => ({ ...row, data: JSON.parse(data_json) })),
    nextCursor:
      rows.length > options.limit && last !== undefined
        ? encodeCursor({ stream: last.stream, id: last.id })
        : null,
  };
}

function encodeCursor(position: RecordPosition): string {
  return Buffer.from(JSON.stringify([position.stream, position.id])).toString('base64url');
}

function decodeCursor(cursor: string): RecordPosition {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      Number.isSafeInteger(value[1])
    ) {
      return { stream: value[0], id: value[1] as number };
    }
  } catch {
    // Falls through to the error below.
  }
  throw new ConnError('invalid_request', 'The records cursor is not valid.');
}
