import { realpathSync } from 'node:fs';
import { Kysely } from 'kysely';
import type { Database } from '../../schema';
import type { DialectConnection } from '../dialect-connection';
import { loadBetterSqlite3 } from '../load-driver';
import { SerializedSqliteDialect } from './serialized-sqlite-dialect';
import { sqliteWriterLockFor } from './sqlite-writer-lock';
import { withStatementCache } from './statement-cache';

/** How to open a SQLite database. */
export interface SqliteConnectOptions {
  /** An absolute file path, or `:memory:`. */
  readonly file: string;
  /** How long a writer waits for another process's write lock before SQLITE_BUSY. */
  readonly busyTimeoutMs: number;
}

/**
 * Opens a SQLite file with the settings conn relies on: WAL (readers never
 * block the writer), `synchronous = NORMAL` (durable at each checkpoint, the
 * usual pairing with WAL), foreign keys enforced, and a busy timeout. Queries
 * and transactions are serialized per file in this process
 * ({@link SerializedSqliteDialect}), and prepared statements are reused.
 *
 * @example
 * const { db, close } = connectSqlite({ file: '/data/conn.db', busyTimeoutMs: 5000 });
 */
export function connectSqlite(options: SqliteConnectOptions): DialectConnection {
  const BetterSqlite3 = loadBetterSqlite3();
  const sqlite = new BetterSqlite3(options.file, { timeout: options.busyTimeoutMs });
  const inMemory = options.file === ':memory:';
  if (!inMemory) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs))}`);
  const { lock, unref } = sqliteWriterLockFor(inMemory ? undefined : realpathSync(options.file));
  const db = new Kysely<Database>({
    dialect: new SerializedSqliteDialect({ database: withStatementCache(sqlite, 256) }, lock),
  });
  let closing: Promise<void> | undefined;
  return {
    db,
    close: () => {
      closing ??= (async () => {
        try {
          await db.destroy();
        } finally {
          // kysely closes the file only if a query ever ran; close it either way.
          if (sqlite.open) sqlite.close();
          unref();
        }
      })();
      return closing;
    },
  };
}
