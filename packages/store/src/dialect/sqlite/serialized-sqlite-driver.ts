import {
  CompiledQuery,
  type DatabaseConnection,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';
import type { SqliteWriterLock } from './sqlite-writer-lock';

/**
 * kysely's SQLite driver with two changes that make concurrent writers queue
 * instead of failing:
 *
 * - Acquiring the connection also takes the file's in-process
 *   {@link SqliteWriterLock}. kysely already serializes one Kysely instance's
 *   single connection; the shared lock extends that to every Store of this
 *   process on the same file. Without it, a second Store's write would block
 *   the event loop in better-sqlite3's synchronous busy wait while the first
 *   Store's transaction (which needs the event loop to finish) holds the lock:
 *   a guaranteed SQLITE_BUSY after busy_timeout.
 * - Transactions start with `BEGIN IMMEDIATE`. A plain (deferred) `BEGIN`
 *   takes the write lock only at the first write; if another process wrote in
 *   between, SQLite cannot upgrade the stale read snapshot and fails with
 *   SQLITE_BUSY at once, ignoring busy_timeout. IMMEDIATE takes the write lock
 *   up front, where busy_timeout applies, so processes sharing a file queue too.
 *
 * @example
 * new SerializedSqliteDriver({ database: sqlite }, sqliteWriterLockFor(path).lock);
 */
export class SerializedSqliteDriver extends SqliteDriver {
  readonly #lock: SqliteWriterLock;
  #release: (() => void) | undefined;

  constructor(config: SqliteDialectConfig, lock: SqliteWriterLock) {
    super(config);
    this.#lock = lock;
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    // kysely's own mutex allows one outstanding acquisition per driver, so one slot suffices.
    this.#release = await this.#lock.acquire();
    return super.acquireConnection();
  }

  override async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}
