import { afterEach, describe, expect, it } from 'vitest';
import { deleteRecords, type RecordInput, upsertRecords } from '../src/record-writer';
import {
  countConnectionRecords,
  countOwnerRecordsByConnector,
  countRecordsByStream,
  countRecordsOf,
} from '../src/repositories/record-counts';
import type { Store } from '../src/store';
import { dialects, type TestDatabase } from './dialects';
import { oneRowPerTable } from './one-row-per-table';

async function seed(store: Store): Promise<void> {
  await store.db.insertInto('owners').values(oneRowPerTable.owners).execute();
  await store.db.insertInto('connections').values(oneRowPerTable.connections).execute();
  await store.db
    .insertInto('connections')
    .values({ ...oneRowPerTable.connections, id: 'con_2', connector: 'gitlab' })
    .execute();
}

/** Records `key-<from>` … `key-<to - 1>`, their data marked with `version`. */
function keys(from: number, to: number, version = 1): RecordInput[] {
  return Array.from({ length: to - from }, (_, i) => ({
    key: `key-${from + i}`,
    data: { n: from + i, version },
  }));
}

/** The kept counts equal COUNT(*) over the records, stream by stream, and every read agrees. */
async function expectKeptCounts(store: Store): Promise<void> {
  const { db } = store;
  const counted = await db
    .selectFrom('records')
    .select((eb) => ['connection_id', 'stream', eb.fn.countAll<number | string>().as('n')])
    .groupBy(['connection_id', 'stream'])
    .orderBy('connection_id')
    .orderBy('stream')
    .execute();
  const kept = await db
    .selectFrom('record_counts')
    .selectAll()
    .orderBy('connection_id')
    .orderBy('stream')
    .execute();
  expect(kept.every((row) => row.records >= 0)).toBe(true);
  expect(
    kept
      .filter((row) => row.records > 0)
      .map((row) => [row.connection_id, row.stream, row.records]),
  ).toEqual(counted.map((row) => [row.connection_id, row.stream, Number(row.n)]));

  const total = (id: string) =>
    counted.filter((row) => row.connection_id === id).reduce((sum, row) => sum + Number(row.n), 0);
  for (const id of ['con_1', 'con_2']) {
    expect(await countConnectionRecords(db, id)).toBe(total(id));
    expect(await countRecordsByStream(db, id)).toEqual(
      counted
        .filter((row) => row.connection_id === id)
        .map((row) => ({ stream: row.stream, count: Number(row.n) })),
    );
  }
  expect(await countRecordsOf(db, ['con_1', 'con_2'])).toEqual(
    ['con_1', 'con_2']
      .filter((id) => total(id) > 0)
      .map((id) => ({ connection_id: id, count: total(id) })),
  );
  const byConnector = await countOwnerRecordsByConnector(db, 'own_1');
  expect(byConnector.sort((a, b) => a.connector.localeCompare(b.connector))).toEqual(
    [
      { connector: 'github', count: total('con_1') },
      { connector: 'gitlab', count: total('con_2') },
    ].filter((row) => row.count > 0),
  );
}

describe.each(dialects)('kept record counts on %s', (_dialect, factory) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  it('count what each batch created, never a key that already existed', async () => {
    t = await factory.create();
    const store = t.store;
    await seed(store);
    await expectKeptCounts(store);

    // Two chunks of the writer, with a key repeated inside the batch.
    const first = [...keys(0, 700), ...keys(10, 20, 2)];
    expect(await store.transaction((trx) => upsertRecords(trx, 'con_1', 'a', first, null))).toBe(
      700,
    );
    expect(await countConnectionRecords(store.db, 'con_1')).toBe(700);
    await expectKeptCounts(store);

    // The same keys again, half of them changed: nothing is created.
    await store.transaction((trx) =>
      upsertRecords(trx, 'con_1', 'a', [...keys(0, 350, 1), ...keys(350, 700, 3)], null),
    );
    expect(await countConnectionRecords(store.db, 'con_1')).toBe(700);
    await expectKeptCounts(store);

    // Old and new keys in one chunk, another stream, another connection, in one transaction.
    await store.transaction(async (trx) => {
      await upsertRecords(trx, 'con_1', 'a', keys(600, 900, 4), null);
      await upsertRecords(trx, 'con_1', 'b', keys(0, 5), null);
      await upsertRecords(trx, 'con_2', 'a', keys(0, 3), null);
    });
    expect(await countRecordsByStream(store.db, 'con_1')).toEqual([
      { stream: 'a', count: 900 },
      { stream: 'b', count: 5 },
    ]);
    await expectKeptCounts(store);

    // Data as stored, and the count, after the updates.
    const updated = await store.db
      .selectFrom('records')
      .select(['record_key', 'data_json'])
      .where('connection_id', '=', 'con_1')
      .where('stream', '=', 'a')
      .where('record_key', 'in', ['key-15', 'key-400', 'key-650'])
      .orderBy('record_key')
      .execute();
    expect(updated.map((row) => [row.record_key, JSON.parse(row.data_json).version])).toEqual([
      ['key-15', 1],
      ['key-400', 3],
      ['key-650', 4],
    ]);
  });

  it('keeps the count of a rolled-back batch out', async () => {
    t = await factory.create();
    const store = t.store;
    await seed(store);
    await store.transaction((trx) => upsertRecords(trx, 'con_1', 'a', keys(0, 10), null));
    await expect(
      store.transaction(async (trx) => {
        await upsertRecords(trx, 'con_1', 'a', keys(5, 600), null);
        await deleteRecords(trx, 'con_1', 'a', ['key-0']);
        throw new Error('ingest aborted');
      }),
    ).rejects.toThrow('ingest aborted');
    expect(await countConnectionRecords(store.db, 'con_1')).toBe(10);
    await expectKeptCounts(store);
  });

  it('stays exact under concurrent writers of overlapping keys', async () => {
    t = await factory.create();
    const store = t.store;
    const other = t.open();
    await seed(store);
    // Eight transactions on two stores, each creating some keys another one also creates.
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        (i % 2 === 0 ? store : other).transaction((trx) =>
          upsertRecords(trx, 'con_1', 'a', keys(i * 100, i * 100 + 250, i), null),
        ),
      ),
    );
    expect(await countConnectionRecords(store.db, 'con_1')).toBe(950);
    await expectKeptCounts(store);
    // And again on keys that all exist, with new keys of another stream alongside.
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        (i % 2 === 0 ? store : other).transaction(async (trx) => {
          await upsertRecords(trx, 'con_1', 'a', keys(0, 950, 10 + i), null);
          await upsertRecords(trx, 'con_1', 'b', keys(i * 10, i * 10 + 20), null);
        }),
      ),
    );
    expect(await countRecordsByStream(store.db, 'con_1')).toEqual([
      { stream: 'a', count: 950 },
      { stream: 'b', count: 70 },
    ]);
    await expectKeptCounts(store);
  });

  it('takes deleted records off the count, once, and counts a deleted key stored again', async () => {
    t = await factory.create();
    const store = t.store;
    await seed(store);
    await store.transaction(async (trx) => {
      await upsertRecords(trx, 'con_1', 'a', keys(0, 800), null);
      await upsertRecords(trx, 'con_1', 'b', keys(0, 3), null);
    });
    const deleted = await store.transaction((trx) =>
      deleteRecords(trx, 'con_1', 'a', [...keys(0, 600).map((r) => r.key), 'key-1', 'key-missing']),
    );
    expect(deleted).toBe(600);
    expect(await countConnectionRecords(store.db, 'con_1')).toBe(203);
    await expectKeptCounts(store);

    // Deleting what is already gone changes nothing; a stream emptied leaves the reads.
    expect(
      await store.transaction((trx) => deleteRecords(trx, 'con_1', 'a', ['key-0', 'key-1'])),
    ).toBe(0);
    await store.transaction((trx) => deleteRecords(trx, 'con_1', 'b', ['key-0', 'key-1', 'key-2']));
    expect(await countRecordsByStream(store.db, 'con_1')).toEqual([{ stream: 'a', count: 200 }]);
    await expectKeptCounts(store);

    await store.transaction((trx) => upsertRecords(trx, 'con_1', 'a', keys(0, 700), null));
    expect(await countConnectionRecords(store.db, 'con_1')).toBe(800);
    await expectKeptCounts(store);
  });
});
