import { isConnError } from '@conn/setup-engine';
import { afterEach, describe, expect, it } from 'vitest';
import { listRecords, type RecordItem, upsertRecords } from '../src/record-writer';
import type { Store } from '../src/store';
import { dialects, type TestDatabase } from './dialects';
import { oneRowPerTable } from './one-row-per-table';

async function seed(store: Store): Promise<void> {
  await store.db.insertInto('owners').values(oneRowPerTable.owners).execute();
  await store.db.insertInto('connections').values(oneRowPerTable.connections).execute();
  await store.db
    .insertInto('connections')
    .values({ ...oneRowPerTable.connections, id: 'con_2', label: 'second account' })
    .execute();
  await store.db.insertInto('runs').values(oneRowPerTable.runs).execute();
  await store.db
    .insertInto('runs')
    .values({ ...oneRowPerTable.runs, id: 'run_2', kind: 'sync' })
    .execute();
}

function repos(count: number, version: number) {
  return Array.from({ length: count }, (_, i) => ({
    key: `repo-${i}`,
    data: { name: `repo ${i}`, version, tags: ['a', 'b'] },
  }));
}

/** When a first batch and a later one are written. */
const firstAt = new Date('2025-01-01T00:00:00.000Z');
const laterAt = new Date('2025-02-01T00:00:00.000Z');

async function countRecords(store: Store, connectionId?: string): Promise<number> {
  const row = await store.db
    .selectFrom('records')
    .$if(connectionId !== undefined, (qb) => qb.where('connection_id', '=', connectionId ?? ''))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function readAll(store: Store, stream: string | undefined, limit: number) {
  const seen: RecordItem[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await listRecords(store.db, 'con_1', {
      ...(stream === undefined ? {} : { stream }),
      ...(cursor === undefined ? {} : { cursor }),
      limit,
    });
    seen.push(...page.records);
    cursor = page.nextCursor ?? undefined;
    pages += 1;
  } while (cursor !== undefined);
  return { seen, pages };
}

describe.each(dialects)('records on %s', (_dialect, factory) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  it('upserts in statement-sized chunks and re-ingest is idempotent, with data updated', async () => {
    t = await factory.create();
    const store = t.store;
    await seed(store);
    const first = await store.transaction((trx) =>
      upsertRecords(trx, 'con_1', 'repositories', repos(1_234, 1), 'run_1'),
    );
    expect(first).toBe(1_234);
    expect(await countRecords(store)).toBe(1_234);

    const second = await store.transaction((trx) =>
      upsertRecords(trx, 'con_1', 'repositories', repos(1_234, 2), 'run_2'),
    );
    expect(second).toBe(1_234);
    expect(await countRecords(store)).toBe(1_234);
    const row = await store.db
      .selectFrom('records')
      .where('record_key', '=', 'repo-1000')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.data_json)).toEqual({ name: 'repo 1000', version: 2, tags: ['a', 'b'] });
    expect(row.run_id).toBe('run_2');
  });

  it('leaves an unchanged record as it was, and keeps streams and connections apart', async () => {
    t = await factory.create();
    const store = t.store;
    await seed(store);
    await store.transaction((trx) =>
      upsertRecords(trx, 'con_1', 'repositories', repos(3, 1), 'run_1', firstAt),
    );
    await store.transaction(async (trx) => {
      await upsertRecords(trx, 'con_1', 'repositories', repos(3, 1), 'run_2', laterAt);
      await upsertRecords(trx, 'con_1', 'starred', repos(2, 1), 'run_2', laterAt);
      await upsertRecords(trx, 'con_2', 'repositories', repos(3, 9), 'run_2', laterAt);
    });
    const unchanged = await store.db
      .selectFrom('records')
      .where('connection_id', '=', 'con_1')
      .where('stream', '=', 'repositories')
      .select(['run_id', 'updated_at'])
      .execute();
    expect(unchanged).toHaveLength(3);
    expect(
      unchanged.every((r) => r.run_id === 'run_1' && r.updated_at === firstAt.toISOString()),
    ).toBe(true);
    expect(await countRecords(store, 'con_1')).toBe(5);
    expect(await countRecords(store, 'con_2')).toBe(3);
  });

  it('in one chunk of new and stored keys, adds the new, updates the changed and leaves the rest', async () => {
    t = await factory.create();
    const store = t.store;
    await seed(store);
    await store.transaction((trx) =>
      upsertRecords(trx, 'con_1', 'repositories', repos(4, 1), 'run_1', firstAt),
    );
    // repo-0 and 1 as stored, repo-2 and 3 changed, repo-4 and 5 new: one statement-sized chunk.
    const batch = [...repos(2, 1), ...repos(4, 2).slice(2), ...repos(6, 1).slice(4)];
    await store.transaction((trx) =>
      upsertRecords(trx, 'con_1', 'repositories', batch, 'run_2', laterAt),
    );
    const rows = await store.db
      .selectFrom('records')
      .where('connection_id', '=', 'con_1')
      .select(['record_key', 'run_id', 'created_run_id', 'updated_at', 'data_json'])
      .orderBy('record_key')
      .execute();
    const first = firstAt.toISOString();
    const later = laterAt.toISOString();
    expect(
      rows.map((row) => [
        row.record_key,
        row.run_id,
        row.created_run_id,
        row.updated_at,
        (JSON.parse(row.data_json) as { version: number }).version,
      ]),
    ).toEqual([
      ['repo-0', 'run_1', 'run_1', first, 1],
      ['repo-1', 'run_1', 'run_1', first, 1],
      ['repo-2', 'run_2', 'run_1', later, 2],
      ['repo-3', 'run_2', 'run_1', later, 2],
      ['repo-4', 'run_2', 'run_2', later, 1],
      ['repo-5', 'run_2', 'run_2', later, 1],
    ]);
    const kept = await store.db
      .selectFrom('record_counts')
      .where('connection_id', '=', 'con_1')
      .select('records')
      .executeTakeFirstOrThrow();
    expect(Number(kept.records)).toBe(6);
  });

  it('keeps the last occurrence of a key repeated within one batch', async () => {
    t = await factory.create();
    await seed(t.store);
    const accepted = await t.store.transaction((trx) =>
      upsertRecords(
        trx,
        'con_1',
        'messages',
        [
          { key: 'm1', data: { text: 'first' } },
          { key: 'm2', data: { text: 'other' } },
          { key: 'm1', data: { text: 'last' } },
        ],
        null,
      ),
    );
    expect(accepted).toBe(2);
    const page = await listRecords(t.store.db, 'con_1', { stream: 'messages', limit: 10 });
    expect(page.records.map((r) => [r.record_key, r.data])).toEqual([
      ['m2', { text: 'other' }],
      ['m1', { text: 'last' }],
    ]);
  });

  it('rolls a whole batch back when the transaction fails', async () => {
    t = await factory.create();
    const store = t.store;
    await seed(store);
    await expect(
      store.transaction(async (trx) => {
        await upsertRecords(trx, 'con_1', 'repositories', repos(700, 1), null);
        throw new Error('ingest aborted');
      }),
    ).rejects.toThrow('ingest aborted');
    expect(await countRecords(store)).toBe(0);
  });

  it('rejects records without a key or JSON data, writing nothing', async () => {
    t = await factory.create();
    await seed(t.store);
    const noKey = await t.store
      .transaction((trx) =>
        upsertRecords(
          trx,
          'con_1',
          's',
          [
            { key: 'ok', data: 1 },
            { key: '', data: 1 },
          ],
          null,
        ),
      )
      .catch((e: unknown) => e);
    expect(isConnError(noKey, 'invalid_request')).toBe(true);
    const noData = await t.store
      .transaction((trx) => upsertRecords(trx, 'con_1', 's', [{ key: 'k', data: undefined }], null))
      .catch((e: unknown) => e);
    expect(isConnError(noData, 'invalid_request')).toBe(true);
    expect(await countRecords(t.store)).toBe(0);
  });

  it('pages through one stream and through all streams with cursors, each record once', async () => {
    t = await factory.create();
    await seed(t.store);
    await t.store.transaction(async (trx) => {
      await upsertRecords(trx, 'con_1', 'starred', repos(25, 1), null);
      await upsertRecords(trx, 'con_1', 'repositories', repos(30, 1), null);
      await upsertRecords(trx, 'con_2', 'repositories', repos(5, 1), null);
    });

    const one = await readAll(t.store, 'repositories', 7);
    expect(one.pages).toBe(5);
    expect(one.seen.map((r) => r.record_key)).toEqual(repos(30, 1).map((r) => r.key));
    expect(one.seen.every((r) => r.stream === 'repositories' && r.connection_id === 'con_1')).toBe(
      true,
    );
    expect(one.seen[0]?.data).toEqual({ name: 'repo 0', version: 1, tags: ['a', 'b'] });

    const all = await readAll(t.store, undefined, 10);
    expect(all.pages).toBe(6);
    expect(all.seen).toHaveLength(55);
    expect(new Set(all.seen.map((r) => r.id)).size).toBe(55);
    expect(all.seen.map((r) => r.stream)).toEqual([
      ...Array(30).fill('repositories'),
      ...Array(25).fill('starred'),
    ]);

    const exact = await listRecords(t.store.db, 'con_1', { stream: 'starred', limit: 25 });
    expect(exact.nextCursor).toBeNull();
  });

  it('rejects a forged cursor, another stream’s cursor and a bad page size', async () => {
    t = await factory.create();
    await seed(t.store);
    await t.store.transaction((trx) => upsertRecords(trx, 'con_1', 'a', repos(3, 1), null));
    const page = await listRecords(t.store.db, 'con_1', { stream: 'a', limit: 1 });
    expect(page.nextCursor).not.toBeNull();
    const attempts = [
      listRecords(t.store.db, 'con_1', { cursor: 'not-a-cursor', limit: 10 }),
      listRecords(t.store.db, 'con_1', {
        cursor: Buffer.from('{"id":1}').toString('base64url'),
        limit: 10,
      }),
      listRecords(t.store.db, 'con_1', { stream: 'b', cursor: page.nextCursor ?? '', limit: 10 }),
      listRecords(t.store.db, 'con_1', { limit: 0 }),
      listRecords(t.store.db, 'con_1', { limit: 1001 }),
    ];
    for (const attempt of attempts) {
      const error = await attempt.catch((e: unknown) => e);
      expect(isConnError(error, 'invalid_request')).toBe(true);
    }
  });
});
