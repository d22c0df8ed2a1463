import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../src/open-store';
import { dialects, type TestDatabase } from './dialects';
import { oneRowPerTable } from './one-row-per-table';

const sqlite = dialects.find(([dialect]) => dialect === 'sqlite')![1];

async function appendPlus(store: ReturnType<typeof openStore>): Promise<void> {
  await store.transaction(async (trx) => {
    const owner = await trx.selectFrom('owners').select('password_hash').executeTakeFirstOrThrow();
    // Yield mid-transaction so other writers really contend.
    await new Promise((resolve) => setTimeout(resolve, 1));
    await trx
      .updateTable('owners')
      .set({ password_hash: `${owner.password_hash}+` })
      .execute();
  });
}

async function plusCount(store: ReturnType<typeof openStore>): Promise<number> {
  const owner = await store.db
    .selectFrom('owners')
    .select('password_hash')
    .executeTakeFirstOrThrow();
  return owner.password_hash.length - oneRowPerTable.owners.password_hash.length;
}

// Another writer with its own event loop, like a second process: raw
// better-sqlite3 doing BEGIN IMMEDIATE read-modify-write transactions.
const otherWriter = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: 5000 });
parentPort.postMessage('ready');
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
for (let i = 0; i < workerData.times; i++) {
  db.exec('begin immediate');
  const { password_hash } = db.prepare('select password_hash from owners').get();
  sleep(2);
  db.prepare('update owners set password_hash = ?').run(password_hash + '+');
  db.exec('commit');
  sleep(1);
}
db.close();
parentPort.postMessage('done');
`;

describe('SQLite writer serialization', () => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  it('opens files with WAL, foreign keys and a busy timeout', async () => {
    t = await sqlite.create();
    const pragma = async (name: string) =>
      Object.values(
        (await sql<Record<string, unknown>>`${sql.raw(`pragma ${name}`)}`.execute(t!.store.db))
          .rows[0] ?? {},
      )[0];
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('foreign_keys')).toBe(1);
    expect(await pragma('busy_timeout')).toBe(5000);
  });

  it('loses no update when two stores in one process read-modify-write at once', async () => {
    t = await sqlite.create();
    await t.store.db.insertInto('owners').values(oneRowPerTable.owners).execute();
    const stores = [t.store, t.open()];
    await Promise.all(Array.from({ length: 40 }, (_, i) => appendPlus(stores[i % 2]!)));
    expect(await plusCount(t.store)).toBe(40);
  });

  it('queues behind a writer with its own event loop instead of failing SQLITE_BUSY', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'conn-store-'));
    const store = openStore({ url: 'conn.db', dataDir: dir });
    try {
      await store.migrate();
      await store.db.insertInto('owners').values(oneRowPerTable.owners).execute();
      const worker = new Worker(otherWriter, {
        eval: true,
        workerData: {
          driver: createRequire(import.meta.url).resolve('better-sqlite3'),
          file: join(dir, 'conn.db'),
          times: 30,
        },
      });
      const messages: string[] = [];
      const workerDone = new Promise<void>((resolve, reject) => {
        worker.on('message', (message: string) => {
          messages.push(message);
          if (message === 'done') resolve();
        });
        worker.once('error', reject);
      });
      while (messages.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      for (let i = 0; i < 30; i++) await appendPlus(store);
      await workerDone;
      expect(await plusCount(store)).toBe(60);
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
