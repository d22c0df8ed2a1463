import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isConnError } from '@conn/setup-engine';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultPoolSize } from '../src/dialect/postgres/default-pool-size';
import { openStore, type StoreOptions } from '../src/open-store';
import type { Store } from '../src/store';
import { dialects, postgresTestUrl } from './dialects';

describe('openStore', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });
  const track = (store: Store) => {
    cleanup.push(() => store.close());
    return store;
  };

  it('opens SQLite in memory, ready once migrated', async () => {
    const store = track(openStore({ url: ':memory:' }));
    expect(store.dialect).toBe('sqlite');
    await store.migrate();
    expect(await store.ready()).toBe(true);
  });

  it('resolves a relative SQLite path in the data directory, creating both', async () => {
    const root = await mkdtemp(join(tmpdir(), 'conn-open-'));
    cleanup.push(() => rm(root, { recursive: true, force: true }));
    const dataDir = join(root, 'data');
    const store = track(openStore({ url: 'db/conn.db', dataDir }));
    await store.migrate();
    expect(existsSync(join(dataDir, 'db', 'conn.db'))).toBe(true);
    expect(existsSync(join(dataDir, 'db', 'conn.db-wal'))).toBe(true);
  });

  it('recognises postgres:// and postgresql:// URLs', async () => {
    for (const url of ['postgres://u@127.0.0.1:1/x', 'postgresql://u@127.0.0.1:1/x']) {
      const store = track(openStore({ url }));
      expect(store.dialect).toBe('postgres');
    }
  });

  it('reports an unreachable PostgreSQL as not ready, and a failed migration clearly', async () => {
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    const store = track(
      openStore({ url: 'postgres://conn:hunter2-secret@127.0.0.1:1/conn', connectTimeoutMs: 1000 }),
    );
    expect(await store.ready()).toBe(false);
    const error = await store.migrate().catch((e: unknown) => e);
    expect(isConnError(error, 'internal_error')).toBe(true);
    expect((error as Error).message).toMatch(/^Database migrations could not run/);
    expect((error as Error).message).not.toContain('hunter2-secret');
  });

  it('sizes a PostgreSQL pool for the machine unless told, and never opens more than its size', async () => {
    expect([1, 2, 4, 8].map((cores) => defaultPoolSize(cores))).toEqual([3, 5, 9, 10]);
    const backendsUnder = async (store: Store, queries: number) => {
      // Each query holds its connection for 50 ms, so concurrent ones need as many connections as the pool allows.
      const rows = await Promise.all(
        Array.from({ length: queries }, () =>
          sql<{ pid: number }>`select pg_backend_pid() as pid, pg_sleep(0.05)`.execute(store.db),
        ),
      );
      return new Set(rows.map((result) => result.rows[0]?.pid)).size;
    };
    expect(
      await backendsUnder(track(openStore({ url: postgresTestUrl, maxConnections: 2 })), 12),
    ).toBe(2);
    expect(await backendsUnder(track(openStore({ url: postgresTestUrl })), 24)).toBe(
      defaultPoolSize(),
    );
  });

  it('rejects an unsupported URL without echoing it, and a bad schema name', () => {
    const attempt = (options: StoreOptions) => {
      try {
        openStore(options);
      } catch (error) {
        return error;
      }
      return undefined;
    };
    const mysql = attempt({ url: 'mysql://root:hunter2-secret@db/conn' });
    expect(isConnError(mysql, 'invalid_request')).toBe(true);
    expect((mysql as Error).message).toContain('"mysql:"');
    expect((mysql as Error).message).not.toContain('hunter2-secret');
    expect(isConnError(attempt({ url: '  ' }), 'invalid_request')).toBe(true);
    expect(
      isConnError(attempt({ url: postgresTestUrl, schema: 'x; drop table' }), 'invalid_request'),
    ).toBe(true);
  });

  it('copies its options: changing them after opening changes nothing', async () => {
    const options = { url: ':memory:', busyTimeoutMs: 1234 };
    const store = track(openStore(options));
    options.url = 'mysql://elsewhere';
    options.busyTimeoutMs = 1;
    await store.migrate();
    expect(await store.ready()).toBe(true);
    expect(Object.isFrozen(store)).toBe(true);
  });

  it.runIf(dialects.some(([dialect]) => dialect === 'postgres'))(
    'creates a missing PostgreSQL schema when migrating',
    async () => {
      const schema = `conn_test_${randomBytes(8).toString('hex')}`;
      const admin = openStore({ url: postgresTestUrl });
      cleanup.push(() => admin.close());
      cleanup.push(() => sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin.db));
      const store = track(openStore({ url: postgresTestUrl, schema }));
      expect(await store.ready()).toBe(false);
      await store.migrate();
      expect(await store.ready()).toBe(true);
    },
  );

  it.each(dialects)('close() is idempotent on %s', async (_dialect, factory) => {
    const t = await factory.create();
    await t.store.close();
    await t.store.close();
    await t.dispose();
  });
});
