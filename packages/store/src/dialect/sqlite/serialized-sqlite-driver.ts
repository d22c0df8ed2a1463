import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  SelectQueryNode,
  type SqliteDatabase,
} from 'kysely';
import { SqliteWriteBatch } from './sqlite-write-batch';
import type { SqliteWriterLock } from './sqlite-writer-lock';

/** The handles a {@link SerializedSqliteDriver} runs on. */
export interface SqliteHandles {
  /** The one connection that writes (and reads inside transactions). */
  readonly writer: SqliteDatabase;
  /** Whether the writer is inside a transaction right now (better-sqlite3's `inTransaction`). */
  readonly writerInTransaction: () => boolean;
  /**
   * A second connection to the same file for reads outside transactions: in
   * WAL mode it reads the last commit while the writer works. Undefined for
   * `:memory:` (a second connection would be another, empty database): reads
   * then queue for the writer.
   */
  readonly reader: SqliteDatabase | undefined;
}

/**
 * kysely's SQLite driver, rebuilt so concurrent writers queue instead of
 * failing and reads do not queue behind them:
 *
 * - A transaction, and a write outside one, takes the file's in-process
 *   {@link SqliteWriterLock}, shared by every Store of this process on the
 *   same file. Without it, a second Store's write would block the event loop
 *   in better-sqlite3's synchronous busy wait while the first Store's
 *   transaction (which needs the event loop to finish) holds the lock: a
 *   guaranteed SQLITE_BUSY after busy_timeout.
 * - A select outside a transaction runs at once, never waiting for a
 *   transaction that is holding the writer across awaits: on the writer while
 *   it is idle (its page cache is warm), on the reader connection while a
 *   transaction is open. Either way it sees every committed transaction and
 *   nothing uncommitted, as on PostgreSQL.
 * - Transactions start with `BEGIN IMMEDIATE`. A plain (deferred) `BEGIN`
 *   takes the write lock only at the first write; if another process wrote in
 *   between, SQLite cannot upgrade the stale read snapshot and fails with
 *   SQLITE_BUSY at once, ignoring busy_timeout. IMMEDIATE takes the write lock
 *   up front, where busy_timeout applies, so processes sharing a file queue too.
 * - Transactions that queued behind a running one share its commit
 *   ({@link SqliteWriteBatch}): each still runs alone, in a savepoint, and
 *   resolves only once the one `COMMIT` carrying it is done.
 *
 * The dialect's adapter says it supports several connections, so kysely's own
 * one-connection mutex stays out of the way: this driver does the queueing.
 *
 * @example
 * new SerializedSqliteDriver({ writer, reader }, sqliteWriterLockFor(path).lock);
 */
export class SerializedSqliteDriver implements Driver {
  readonly #handles: SqliteHandles;
  readonly #lock: SqliteWriterLock;
  readonly #batch: SqliteWriteBatch;

  constructor(handles: SqliteHandles, lock: SqliteWriterLock) {
    this.#handles = handles;
    this.#lock = lock;
    this.#batch = new SqliteWriteBatch(handles.writer, handles.writerInTransaction, lock);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new RoutedSqliteConnection(this.#handles, this.#lock, this.#batch);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await routed(connection).begin();
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await routed(connection).end('commit');
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await routed(connection).end('rollback');
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoted(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to ${quoted(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release ${quoted(name)}`));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await routed(connection).release();
  }

  // The connection that opened the handles closes them (see connectSqlite).
  async destroy(): Promise<void> {
    this.#batch.flush();
  }
}

function routed(connection: DatabaseConnection): RoutedSqliteConnection {
  if (connection instanceof RoutedSqliteConnection) return connection;
  throw new TypeError('Not a connection of this SQLite driver.');
}

function quoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** One checkout: reads go beside the writer, transactions and writes queue for it. */
class RoutedSqliteConnection implements DatabaseConnection {
  readonly #handles: SqliteHandles;
  readonly #lock: SqliteWriterLock;
  readonly #batch: SqliteWriteBatch;
  #inTransaction = false;

  constructor(handles: SqliteHandles, lock: SqliteWriterLock, batch: SqliteWriteBatch) {
    this.#handles = handles;
    this.#lock = lock;
    this.#batch = batch;
  }

  async begin(): Promise<void> {
    await this.#batch.begin();
    this.#inTransaction = true;
  }

  async end(command: 'commit' | 'rollback'): Promise<void> {
    if (!this.#inTransaction) return;
    if (command === 'rollback') {
      this.#inTransaction = false;
      await this.#batch.rollback();
      return;
    }
    await this.#batch.commit();
    this.#inTransaction = false;
  }

  /** A transaction kysely left without commit or rollback is rolled back, freeing the writer. */
  async release(): Promise<void> {
    await this.end('rollback');
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.#inTransaction) return run(this.#handles.writer, query);
    const reader = this.#handles.reader;
    if (reader !== undefined && SelectQueryNode.is(query.query)) {
      // An idle writer reads from its warm page cache (nothing can interleave with one
      // synchronous statement); while a transaction holds it, the reader answers instead.
      return run(this.#handles.writerInTransaction() ? reader : this.#handles.writer, query);
    }
    // A write outside a transaction is one statement: hold the writer for just that.
    const release = await this.#lock.acquire();
    try {
      return run(this.#handles.writer, query);
    } finally {
      release();
    }
  }

  // Streams outside a transaction hold the writer to the end: a cached statement cannot iterate twice at once.
  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(query.query)) {
      throw new Error('The SQLite driver streams select queries only.');
    }
    const release = this.#inTransaction ? undefined : await this.#lock.acquire();
    try {
      for (const row of this.#handles.writer.prepare(query.sql).iterate(query.parameters)) {
        yield { rows: [row as R] };
      }
    } finally {
      release?.();
    }
  }
}

function run<R>(database: SqliteDatabase, query: CompiledQuery): QueryResult<R> {
  const statement = database.prepare(query.sql);
  if (statement.reader) return { rows: statement.all(query.parameters) as R[] };
  const { changes, lastInsertRowid } = statement.run(query.parameters);
  return {
    insertId: lastInsertRowid == null ? undefined : BigInt(lastInsertRowid),
    numAffectedRows: changes == null ? undefined : BigInt(changes),
    rows: [],
  };
}
