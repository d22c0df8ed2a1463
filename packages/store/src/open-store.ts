import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConnError } from '@conn/setup-engine';
import { type Kysely, sql } from 'kysely';
import { DEFAULT_MIGRATION_TABLE, type MigrationProvider, Migrator } from 'kysely/migration';
import type { DialectConnection } from './dialect/dialect-connection';
import { connectPostgres } from './dialect/postgres/connect-postgres';
import { defaultPoolSize } from './dialect/postgres/default-pool-size';
import { eventChannelExpression } from './dialect/postgres/event-channel';
import { listenForEvents } from './dialect/postgres/listen-for-events';
import { postgresMigrations } from './dialect/postgres/postgres-migrations';
import { connectSqlite } from './dialect/sqlite/connect-sqlite';
import { sqliteMigrations } from './dialect/sqlite/sqlite-migrations';
import { EventWakeups } from './events/event-wakeups';
import type { Database } from './schema';
import type { Store, StoreDialect } from './store';
import { transactionHooks } from './transaction-hooks';
import { TransactionScope } from './transaction-scope';

/** Where the database is and how to reach it. */
export interface StoreOptions {
  /**
   * A SQLite file path (relative paths resolve in `dataDir`), `:memory:`, or a
   * `postgres://…` / `postgresql://…` URL.
   */
  readonly url: string;
  /** The instance's data directory; created if missing. Defaults to the working directory. */
  readonly dataDir?: string;
  /** PostgreSQL only: a schema to use instead of the server's default `search_path`; `migrate()` creates it. */
  readonly schema?: string;
  /** SQLite only: how long to wait for another process's write lock. Default 5000 ms. */
  readonly busyTimeoutMs?: number;
  /** PostgreSQL only: pool size. Default twice the cores plus one, at most 10. */
  readonly maxConnections?: number;
  /** PostgreSQL only: how long to wait for a new connection. Default 5000 ms. */
  readonly connectTimeoutMs?: number;
}

const postgresUrl = /^postgres(?:ql)?:\/\//i;
const otherUrl = /^([a-z][a-z0-9+.-]*):\/\//i;
const schemaName = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Opens the store for a database URL: a SQLite file is opened at once, a
 * PostgreSQL pool connects on the first query. Call `migrate()` once at start
 * and `ready()` for readiness.
 * The options are copied and frozen, so later changes to the object passed in
 * have no effect.
 *
 * @example
 * const store = openStore({ url: 'conn.db', dataDir: './.conn' });          // SQLite, WAL
 * const shared = openStore({ url: 'postgres://conn@db.internal:5432/conn' }); // PostgreSQL
 * await store.migrate();
 */
export function openStore(options: StoreOptions): Store {
  const config = Object.freeze({ ...options });
  const url = config.url.trim();
  if (url === '') throw new ConnError('invalid_request', 'The database URL is empty.');
  if (config.schema !== undefined && !schemaName.test(config.schema)) {
    throw new ConnError(
      'invalid_request',
      'A PostgreSQL schema name must be lowercase letters, digits and underscores.',
    );
  }

  if (config.dataDir !== undefined) mkdirSync(config.dataDir, { recursive: true });

  const dialect: StoreDialect = postgresUrl.test(url) ? 'postgres' : 'sqlite';
  const scheme = otherUrl.exec(url)?.[1];
  if (dialect === 'sqlite' && scheme !== undefined) {
    // Name only the scheme: the rest of a URL may hold a password.
    throw new ConnError(
      'invalid_request',
      `Unsupported database URL scheme "${scheme}:"; use a SQLite file path or postgres://…`,
    );
  }

  const connection: DialectConnection =
    dialect === 'postgres'
      ? connectPostgres({
          url,
          schema: config.schema,
          maxConnections: config.maxConnections ?? defaultPoolSize(),
          connectTimeoutMs: config.connectTimeoutMs ?? 5000,
        })
      : connectSqlite({
          file: sqliteFile(url, config.dataDir),
          busyTimeoutMs: config.busyTimeoutMs ?? 5000,
        });
  const provider: MigrationProvider =
    dialect === 'postgres' ? postgresMigrations : sqliteMigrations;

  const base = connection.db;
  const scope = new TransactionScope();
  const db = base.withPlugin(scope);
  const wakeups = new EventWakeups(
    dialect === 'postgres'
      ? (wake) =>
          listenForEvents({
            url,
            schema: config.schema,
            connectTimeoutMs: config.connectTimeoutMs ?? 5000,
            onWake: wake,
          })
      : undefined,
  );
  const notifyOtherProcesses = sql`select pg_notify(${sql.raw(eventChannelExpression)}, '')`;

  const store: Store = {
    db,
    dialect,

    async migrate() {
      let outcome: Awaited<ReturnType<Migrator['migrateToLatest']>>;
      try {
        if (config.schema !== undefined && dialect === 'postgres') {
          await ensureSchema(db, config.schema);
        }
        // Its tables land where unqualified names resolve: the schema's (or
        // search_path's) first schema on PostgreSQL, the file on SQLite.
        outcome = await new Migrator({ db, provider }).migrateToLatest();
      } catch (error) {
        outcome = { error };
      }
      if (outcome.error === undefined) return;
      const failed = outcome.results?.find((result) => result.status === 'Error')?.migrationName;
      const reason = outcome.error instanceof Error ? outcome.error.message : 'unknown error';
      const failure = new ConnError(
        'internal_error',
        failed === undefined
          ? `Database migrations could not run: ${reason}`
          : `Database migration ${failed} failed: ${reason}`,
        failed === undefined ? undefined : { migration: failed },
      );
      failure.cause = outcome.error;
      throw failure;
    },

    async ready() {
      try {
        const applied = await sql<{
          name: string;
        }>`select name from ${sql.table(DEFAULT_MIGRATION_TABLE)}`.execute(db);
        const names = new Set(applied.rows.map((row) => row.name));
        const expected = Object.keys(await provider.getMigrations());
        return expected.every((name) => names.has(name));
      } catch {
        return false;
      }
    },

    async close() {
      await wakeups.close();
      await connection.close();
    },

    async transaction(fn) {
      let appended = false;
      const result = await scope.run(() =>
        base.transaction().execute(async (trx) => {
          transactionHooks.open(trx);
          try {
            const value = await fn(trx);
            await transactionHooks.beforeCommit(trx);
            appended = transactionHooks.close(trx);
            // Delivered by PostgreSQL at commit, and not at all on rollback.
            if (appended && dialect === 'postgres') await notifyOtherProcesses.execute(trx);
            return value;
          } finally {
            transactionHooks.close(trx);
          }
        }),
      );
      // On PostgreSQL this process's LISTEN hears the commit too; waking now saves its round trip.
      if (appended) wakeups.wake();
      return result;
    },

    onEvents: (listener) => wakeups.subscribe(listener),
  };
  return Object.freeze(store);
}

async function ensureSchema(db: Kysely<Database>, schema: string): Promise<void> {
  try {
    await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  } catch (error) {
    // Two processes creating it at once: one of them loses the race, harmlessly.
    const exists =
      await sql`select 1 from pg_catalog.pg_namespace where nspname = ${schema}`.execute(db);
    if (exists.rows.length === 0) throw error;
  }
}

function sqliteFile(url: string, dataDir: string | undefined): string {
  if (url === ':memory:') return url;
  const file = resolve(dataDir ?? process.cwd(), url);
  mkdirSync(dirname(file), { recursive: true });
  return file;
}
