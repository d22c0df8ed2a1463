import { ConnError } from '@conn/setup-engine';
import { Kysely } from 'kysely';
import type * as pg from 'pg';
import type { Database } from '../../schema';
import type { DialectConnection } from '../dialect-connection';
import { loadPg } from '../load-driver';
import { CurrentSchemaPostgresDialect } from './current-schema-postgres-dialect';
import { NamedStatementPool } from './named-statement-pool';

/** How to open a PostgreSQL connection pool. */
export interface PostgresConnectOptions {
  /** `postgres://…` or `postgresql://…`. */
  readonly url: string;
  /** A schema to put first on every connection's `search_path`; the server default otherwise. */
  readonly schema: string | undefined;
  readonly maxConnections: number;
  /** How long to wait for a new connection before a query (or `ready()`) fails. */
  readonly connectTimeoutMs: number;
}

// bigint columns (records.id, size_bytes) and count(*) come back as numbers, as
// they do on SQLite, so one query serves both dialects. Values beyond 2^53
// would lose precision: fail loudly instead.
function parseInt8(value: string): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) {
    throw new ConnError('internal_error', 'A 64-bit integer from PostgreSQL exceeds 2^53.');
  }
  return parsed;
}

function typesOf(driver: typeof pg): pg.CustomTypesConfig {
  const int8 = driver.types.builtins.INT8;
  return {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      oid === int8 && format !== 'binary' ? parseInt8 : driver.types.getTypeParser(oid, format),
  };
}

/**
 * Opens a `pg` pool behind kysely's PostgreSQL dialect (with introspection
 * limited to the store's schema, and the store's repeated texts run as named
 * prepared statements, see {@link NamedStatementPool}). Every pooled
 * connection gets `search_path` from `schema` at startup (no extra round trip),
 * bigint results are parsed to numbers, and idle-connection errors (a restarted
 * server) are left to the next query to report instead of crashing the process.
 *
 * @example
 * const { db, close } = connectPostgres({
 *   url: 'postgres://conn@db/conn', schema: undefined, maxConnections: 10, connectTimeoutMs: 5000,
 * });
 */
export function connectPostgres(options: PostgresConnectOptions): DialectConnection {
  const driver = loadPg();
  const pool = new driver.Pool({
    connectionString: options.url,
    max: options.maxConnections,
    connectionTimeoutMillis: options.connectTimeoutMs,
    application_name: 'conn',
    types: typesOf(driver),
    ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
  });
  pool.on('connect', (client) => {
    // A checked-out client whose server goes away emits 'error' with no pool
    // listener attached: the query in flight rejects (database_unavailable),
    // and an unheard 'error' event must not bring the process down.
    client.on('error', () => {});
  });
  pool.on('error', () => {
    // An idle client lost its server; the pool drops it and the next checkout reconnects.
  });
  const db = new Kysely<Database>({
    dialect: new CurrentSchemaPostgresDialect({ pool: new NamedStatementPool(pool) }),
  });
  let closing: Promise<void> | undefined;
  return {
    db,
    close: () => {
      closing ??= db.destroy();
      return closing;
    },
  };
}
