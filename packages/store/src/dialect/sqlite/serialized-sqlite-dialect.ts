import {
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import { UnavailableAwareDriver } from '../unavailable-aware-driver';
import { SerializedSqliteDriver, type SqliteHandles } from './serialized-sqlite-driver';
import type { SqliteWriterLock } from './sqlite-writer-lock';

/**
 * SQLite runs DDL inside transactions; kysely's adapter says it does not, which
 * would make the Migrator run each migration outside one. Saying yes lets the
 * Migrator wrap the whole run in one `BEGIN IMMEDIATE` transaction, so two
 * processes starting on one fresh file cannot both apply `0001-initial`, and a
 * crash mid-migration leaves no half-made schema. (A future migration that must
 * toggle `PRAGMA foreign_keys` cannot run inside it and would need
 * `disableTransactions`.) It also says several connections are fine: the
 * {@link SerializedSqliteDriver} queues writers itself and lets reads through.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }

  override get supportsMultipleConnections(): boolean {
    return true;
  }
}

/**
 * kysely's SQLite dialect with the {@link SerializedSqliteDriver} (one writer
 * per file in this process, `BEGIN IMMEDIATE`, reads beside it) and
 * transactional migrations.
 *
 * @example
 * new Kysely<Database>({ dialect: new SerializedSqliteDialect({ writer, reader }, lock) });
 */
export class SerializedSqliteDialect implements Dialect {
  readonly #handles: SqliteHandles;
  readonly #lock: SqliteWriterLock;

  constructor(handles: SqliteHandles, lock: SqliteWriterLock) {
    this.#handles = Object.freeze({ ...handles });
    this.#lock = lock;
  }

  createDriver(): Driver {
    return new UnavailableAwareDriver(new SerializedSqliteDriver(this.#handles, this.#lock));
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}
