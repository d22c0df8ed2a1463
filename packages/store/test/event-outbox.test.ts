import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { appendEvents, lastEventId, listEventsAfter, type NewEventRow } from '../src/index';
import { beforeCommit } from '../src/transaction-hooks';
import { dialects, type TestDatabase } from './dialects';

const at = '2025-01-02T03:04:05.000Z';

function row(type: string, connectionId: string | null = null): NewEventRow {
  return {
    owner_id: 'own_1',
    type,
    connection_id: connectionId,
    occurred_at: at,
    body: (id) => JSON.stringify({ id, type }),
  };
}

describe.each(dialects)('the event outbox on %s', (dialect, factory) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  it('numbers events from 1 in commit order and publishes nothing for a rollback', async () => {
    t = await factory.create();
    const { store } = t;
    expect(await lastEventId(store.db)).toBe(0);
    await store.transaction((trx) => appendEvents(trx, [row('a'), row('b', 'con_1')]));
    await expect(
      store.transaction(async (trx) => {
        await appendEvents(trx, [row('dropped')]);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await store.transaction((trx) => appendEvents(trx, [row('c', 'con_1')]));
    const all = await listEventsAfter(store.db, { ownerId: 'own_1', after: 0, limit: 10 });
    expect(all.map((event) => [event.id, event.type])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
    ]);
    expect(JSON.parse(all[1]?.body_json ?? '{}')).toEqual({ id: 2, type: 'b' });
    const ofConnection = await listEventsAfter(store.db, {
      ownerId: 'own_1',
      after: 2,
      connectionId: 'con_1',
      limit: 10,
    });
    expect(ofConnection.map((event) => event.id)).toEqual([3]);
    expect(await listEventsAfter(store.db, { ownerId: 'own_2', after: 0, limit: 10 })).toEqual([]);
    expect(await lastEventId(store.db)).toBe(3);
  });

  it('runs before-commit hooks inside the transaction, and refuses them outside one', async () => {
    t = await factory.create();
    const { store } = t;
    await expect(
      store.transaction(async (trx) => {
        beforeCommit(trx, async () => {
          await appendEvents(trx, [row('late')]);
          throw new Error('hook failed');
        });
      }),
    ).rejects.toThrow('hook failed');
    expect(await lastEventId(store.db)).toBe(0);
    expect(() => beforeCommit(store.db, async () => {})).toThrow(/store\.transaction/);
  });

  it('a reader resuming after the last id it saw misses nothing while writers commit out of order', async () => {
    t = await factory.create();
    const { store } = t;
    const writers = 40;
    const seen: number[] = [];
    let done = false;
    const reader = (async () => {
      let after = 0;
      while (!done || after < writers) {
        const page = await listEventsAfter(store.db, { ownerId: 'own_1', after, limit: 100 });
        for (const event of page) seen.push(event.id);
        after = page.at(-1)?.id ?? after;
        await sleep(1);
      }
    })();
    // Each writer holds its transaction open a random while after appending: with ids from a
    // sequence, a later id could commit first and the reader would step over the earlier one.
    await Promise.all(
      Array.from({ length: writers }, (_, index) =>
        store.transaction(async (trx) => {
          await appendEvents(trx, [row(`w${index}`)]);
          await sleep(Math.floor(Math.random() * 15));
        }),
      ),
    );
    done = true;
    await reader;
    expect(seen).toEqual(Array.from({ length: writers }, (_, index) => index + 1));
  });

  it(
    dialect === 'postgres'
      ? 'wakes subscribers of another store on the database (another replica) at commit'
      : 'wakes this store’s subscribers at commit',
    async () => {
      t = await factory.create();
      const writer = t.store;
      const reader = dialect === 'postgres' ? t.open() : writer;
      let wakes = 0;
      const subscription = reader.onEvents(() => {
        wakes += 1;
      });
      await subscription.ready;
      const base = wakes;
      await writer.transaction(async (trx) => {
        await appendEvents(trx, [row('a')]);
        await sleep(50);
        expect(wakes).toBe(base); // not before the commit
      });
      const started = Date.now();
      while (wakes === base && Date.now() - started < 1000) await sleep(5);
      expect(wakes).toBeGreaterThan(base);
      const afterWake = wakes;
      await writer.transaction(async (trx) => {
        await trx.selectFrom('events').select('id').execute();
      });
      await sleep(100);
      expect(wakes).toBe(afterWake); // a transaction without events wakes nobody
      subscription.close();
    },
  );
});
