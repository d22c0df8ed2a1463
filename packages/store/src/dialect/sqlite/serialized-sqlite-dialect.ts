import {
  type DialectAdapter,
  type Driver,
  SqliteAdapter,
  SqliteDialect,
  type SqliteDialectConfig,
} from 'kysely';
import { UnavailableAwareDriver } from '../unavailable-aware-driver';
import { SerializedSqliteDriver } from './serialized-sqlite-driver';
import type { SqliteWriterLock } from './sqlite-writer-lock';

/**
 * SQLite runs DDL inside transactions; kysely's adapter says it does not, which
 * would make the Migrator run each migration outside one. Saying yes lets the
 * Migrator wrap the whole run in one `BEGIN IMMEDIATE` transaction, so two
 * processes starting on one fresh file cannot both apply `0001-initial`, and a
 * crash mid-migration leaves no half-made schema. (A future migration that must
 * toggle `PRAGMA foreign_keys` cannot run inside it and would need
 * `disableTransactions`.)
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/**
 * kysely's SQLite dialect with the {@link SerializedSqliteDriver} (one writer
 * per file in this process, `BEGIN IMMEDIATE`) and transactional migrations.
 *
 * @example
 * new Kysely<Database>({ dialect: new SerializedSqliteDialect({ database }, lock) });
 */
export class SerializedSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  readonly #lock: SqliteWriterLock;

  constructor(config: SqliteDialectConfig, lock: SqliteWriterLock) {
    super(config);
    this.#config = Object.freeze({ ...config });
    this.#lock = lock;
  }

  override createDriver(): Driver {
    return new UnavailableAwareDriver(new SerializedSqliteDriver(this.#config, this.#lock));
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}
