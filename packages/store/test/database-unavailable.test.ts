import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isConnError } from '@conn/setup-engine';
import { describe, expect, it } from 'vitest';
import { openStore } from '../src/index';

describe('an unavailable database', () => {
  it('on PostgreSQL, a refused connection is database_unavailable, not a driver error', async () => {
    const store = openStore({
      url: 'postgres://postgres@127.0.0.1:1/conn',
      connectTimeoutMs: 1000,
    });
    try {
      const error = await store.db
        .selectFrom('owners')
        .selectAll()
        .execute()
        .catch((e: unknown) => e);
      expect(isConnError(error, 'database_unavailable')).toBe(true);
      expect((error as Error).message).not.toContain('127.0.0.1');
      const inTransaction = await store
        .transaction(async (trx) => trx.selectFrom('owners').selectAll().execute())
        .catch((e: unknown) => e);
      expect(isConnError(inTransaction, 'database_unavailable')).toBe(true);
      expect(await store.ready()).toBe(false);
    } finally {
      await store.close();
    }
  });

  it('on SQLite, a database without its tables is database_unavailable; a bad query is not', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'conn-unavailable-'));
    const store = openStore({ url: join(dir, 'conn.sqlite'), dataDir: dir });
    try {
      const error = await store.db
        .selectFrom('owners')
        .selectAll()
        .execute()
        .catch((e: unknown) => e);
      expect(isConnError(error, 'database_unavailable')).toBe(true);
      await store.migrate();
      const wrong = await store.db
        .insertInto('owners')
        .values({ id: null } as never)
        .execute()
        .catch((e: unknown) => e);
      expect(isConnError(wrong)).toBe(false);
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
