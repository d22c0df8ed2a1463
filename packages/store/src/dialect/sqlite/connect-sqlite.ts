import { realpathSync } from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
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
 * usual pairing with WAL) with a checkpoint every ~40 MB of WAL, foreign keys
 * enforced, and a busy timeout. Writes and transactions are serialized per
 * file in this process, reads outside a transaction run on a second
 * connection beside them ({@link SerializedSqliteDialect}), and prepared
 * statements are reused.
 *
 * @example
 * const { db, close } = connectSqlite({ file: '/data/conn.db', busyTimeoutMs: 5000 });
 */
export function connectSqlite(options: SqliteConnectOptions): DialectConnection {
  const inMemory = options.file === ':memory:';
  const writer = open(options, inMemory);
  // The reader opens after the writer, so WAL mode is already on for the file.
  const reader = inMemory ? undefined : open(options, inMemory);
  const { lock, unref } = sqliteWriterLockFor(inMemory ? undefined : realpathSync(options.file));
  const db = new Kysely<Database>({
    dialect: new SerializedSqliteDialect(
      {
        writer: withStatementCache(writer, 256),
        writerInTransaction: () => writer.inTransaction,
        reader: reader === undefined ? undefined : withStatementCache(reader, 256),
      },
      lock,
    ),
  });
  let closing: Promise<void> | undefined;
  return {
    db,
    close: () => {
      closing ??= (async () => {
        try {
          await db.destroy();
        } finally {
          if (reader?.open) reader.close();
          if (writer.open) writer.close();
          unref();
        }
      })();
      return closing;
    },
  };
}

// WAL frames (4 KiB pages) between automatic checkpoints: about 40 MB instead of SQLite's 4 MB.
// Under `synchronous = NORMAL` each checkpoint syncs the WAL and the database file, and a page
// rewritten by many commits is copied back once per checkpoint: a bulk import spent a third of
// its time in commits at the default.
const walAutocheckpointPages = 10_000;

function open(options: SqliteConnectOptions, inMemory: boolean): BetterSqlite3.Database {
  const BetterSqlite3 = loadBetterSqlite3();
  const sqlite = new BetterSqlite3(options.file, { timeout: options.busyTimeoutMs });
  if (!inMemory) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma(`wal_autocheckpoint = ${walAutocheckpointPages}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs))}`);
  return sqlite;
}
