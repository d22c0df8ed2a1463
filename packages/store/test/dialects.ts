import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore } from '../src/open-store';
import type { Store, StoreDialect } from '../src/store';

/** The PostgreSQL server the store tests use; override with CONN_TEST_POSTGRES_URL. */
export const postgresTestUrl =
  process.env.CONN_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** One empty database for one test: a temp SQLite file, or a fresh PostgreSQL schema. */
export interface TestDatabase {
  readonly dialect: StoreDialect;
  /** A store on the database, migrated unless `create({ migrate: false })`. */
  readonly store: Store;
  /** Another Store instance on the same database (same file / same schema); closed by `dispose`. */
  open(): Store;
  /** Closes every store opened here and deletes the file or drops the schema. */
  dispose(): Promise<void>;
}

/** Makes {@link TestDatabase}s of one dialect. */
export interface TestDatabaseFactory {
  create(options?: { readonly migrate?: boolean }): Promise<TestDatabase>;
}

/** A `describe.each` row: the dialect's name and its factory. */
export type DialectCase = readonly [StoreDialect, TestDatabaseFactory];

/** Whether the test PostgreSQL answers, and if not, a message that says what to do. */
export interface PostgresProbe {
  readonly reachable: boolean;
  readonly message: string;
}

function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unparsable URL)';
  }
}

/** Tries `select 1` on the test PostgreSQL within two seconds. */
export async function probePostgres(): Promise<PostgresProbe> {
  const client = new pg.Client({
    connectionString: postgresTestUrl,
    connectionTimeoutMillis: 2000,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
    return { reachable: true, message: `PostgreSQL reachable at ${redacted(postgresTestUrl)}` };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      reachable: false,
      message:
        `PostgreSQL is not reachable at ${redacted(postgresTestUrl)} (${reason}). ` +
        'Start it or point CONN_TEST_POSTGRES_URL at one; with CI set, PostgreSQL tests fail instead of skipping.',
    };
  } finally {
    await client.end().catch(() => {});
  }
}

const sqliteFactory: TestDatabaseFactory = {
  async create(options) {
    const dir = await mkdtemp(join(tmpdir(), 'conn-store-'));
    const opened: Store[] = [];
    const open = () => {
      const store = openStore({ url: 'conn.db', dataDir: dir });
      opened.push(store);
      return store;
    };
    const store = open();
    if (options?.migrate !== false) await store.migrate();
    return {
      dialect: 'sqlite',
      store,
      open,
      async dispose() {
        await Promise.all(opened.map((s) => s.close()));
        await rm(dir, { recursive: true, force: true });
      },
    };
  },
};

const postgresFactory: TestDatabaseFactory = {
  async create(options) {
    // Each test gets its own schema, so test files running in parallel never meet.
    const schema = `conn_test_${randomBytes(8).toString('hex')}`;
    const admin = new pg.Client({ connectionString: postgresTestUrl });
    admin.on('error', () => {});
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    const opened: Store[] = [];
    const open = () => {
      const store = openStore({ url: postgresTestUrl, schema, maxConnections: 5 });
      opened.push(store);
      return store;
    };
    const store = open();
    if (options?.migrate !== false) await store.migrate();
    return {
      dialect: 'postgres',
      store,
      open,
      async dispose() {
        try {
          await Promise.all(opened.map((s) => s.close()));
          await admin.query(`drop schema ${schema} cascade`);
        } finally {
          await admin.end();
        }
      },
    };
  },
};

function unreachableFactory(probe: PostgresProbe): TestDatabaseFactory {
  return {
    async create() {
      throw new Error(probe.message);
    },
  };
}

async function testDialects(): Promise<readonly DialectCase[]> {
  const probe = await probePostgres();
  if (probe.reachable) {
    return [
      ['sqlite', sqliteFactory],
      ['postgres', postgresFactory],
    ];
  }
  if (process.env.CI)
    return [
      ['sqlite', sqliteFactory],
      ['postgres', unreachableFactory(probe)],
    ];
  console.warn(`[store tests] skipping PostgreSQL: ${probe.message}`);
  return [['sqlite', sqliteFactory]];
}

/**
 * The dialects every store test runs on: SQLite always; PostgreSQL when it is
 * reachable, and — when `CI` is set — also when it is not, so those tests fail
 * with the probe's message instead of vanishing.
 *
 * @example
 * describe.each(dialects)('%s', (dialect, factory) => { … });
 */
export const dialects: readonly DialectCase[] = await testDialects();
