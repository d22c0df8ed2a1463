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

  it('opens files with WAL checkpointed every 10,000 pages, foreign keys and a busy timeout', async () => {
    t = await sqlite.create();
    const pragma = async (name: string) =>
      Object.values(
        (await sql<Record<string, unknown>>`${sql.raw(`pragma ${name}`)}`.execute(t!.store.db))
          .rows[0] ?? {},
      )[0];
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('wal_autocheckpoint')).toBe(10_000);
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

  it('reads beside an open transaction: at once, and only what has committed', async () => {
    t = await sqlite.create();
    await t.store.db.insertInto('owners').values(oneRowPerTable.owners).execute();
    let commit!: () => void;
    const held = new Promise<void>((resolve) => {
      commit = resolve;
    });
    let written!: () => void;
    const wrote = new Promise<void>((resolve) => {
      written = resolve;
    });
    const transaction = t.store.transaction(async (trx) => {
      await trx.updateTable('owners').set({ password_hash: 'uncommitted' }).execute();
      written();
      await held;
    });
    await wrote;
    // The transaction still holds the writer: a read that queued for it would never settle here.
    const during = await Promise.race([
      plusCount(t.store).then(() => 'read'),
      new Promise((resolve) => setTimeout(() => resolve('waited'), 2000)),
    ]);
    expect(during).toBe('read');
    expect(await plusCount(t.store)).toBe(0);
    commit();
    await transaction;
    const after = await t.store.db.selectFrom('owners').select('password_hash').executeTakeFirst();
    expect(after?.password_hash).toBe('uncommitted');
  });

  it('transactions queued together share a commit: a failed one undoes only itself, each resolves committed', async () => {
    t = await sqlite.create();
    await t.store.db.insertInto('owners').values(oneRowPerTable.owners).execute();
    const other = t.open();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        t!.store
          .transaction(async (trx) => {
            await trx
              .insertInto('audit_events')
              .values({ ...oneRowPerTable.audit_events, id: `aud_batch_${i}`, connection_id: null })
              .execute();
            if (i === 5) throw new Error('refused');
          })
          .then(async () => {
            // Resolved means committed: another connection to the file sees it at once.
            const row = await other.db
              .selectFrom('audit_events')
              .select('id')
              .where('id', '=', `aud_batch_${i}`)
              .executeTakeFirst();
            expect(row?.id).toBe(`aud_batch_${i}`);
          }),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(1);
    expect(outcomes[5]?.status).toBe('rejected');
    const ids = await t.store.db
      .selectFrom('audit_events')
      .select('id')
      .where('id', 'like', 'aud_batch_%')
      .execute();
    expect(ids.map((row) => row.id).sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => `aud_batch_${i}`)
        .filter((id) => id !== 'aud_batch_5')
        .sort(),
    );
  });
});
