import { isConnError } from '@conn/setup-engine';
import { afterEach, describe, expect, it } from 'vitest';
import { dialects, type TestDatabase } from './dialects';

const at = '2025-01-02T03:04:05.000Z';

function auditEvent(id: string) {
  return {
    id,
    owner_id: null,
    actor: 'system',
    action: 'test.event',
    connection_id: null,
    details_json: '{}',
    created_at: at,
  };
}

describe.each(dialects)('transactions on %s', (_dialect, factory) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  it('commits when the callback resolves and rolls back when it throws', async () => {
    t = await factory.create();
    const store = t.store;
    const result = await store.transaction(async (trx) => {
      await trx.insertInto('audit_events').values(auditEvent('aud_kept')).execute();
      return 'done';
    });
    expect(result).toBe('done');
    await expect(
      store.transaction(async (trx) => {
        await trx.insertInto('audit_events').values(auditEvent('aud_dropped')).execute();
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    const ids = await store.db.selectFrom('audit_events').select('id').execute();
    expect(ids.map((row) => row.id)).toEqual(['aud_kept']);
  });

  it('runs 50 concurrent transactions from two stores without a busy error', async () => {
    t = await factory.create();
    const stores = [t.store, t.open()];
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        stores[i % 2]!.transaction(async (trx) => {
          await trx
            .insertInto('audit_events')
            .values(auditEvent(`aud_${i}`))
            .execute();
          // Yield to the event loop mid-transaction so the others really contend.
          await new Promise((resolve) => setTimeout(resolve, 1));
          await trx
            .updateTable('audit_events')
            .set({ details_json: '{"done":true}' })
            .where('id', '=', `aud_${i}`)
            .execute();
        }),
      ),
    );
    const count = await t.store.db
      .selectFrom('audit_events')
      .where('details_json', '=', '{"done":true}')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(50);
  });

  it('rejects a nested transaction with a clear error instead of hanging', async () => {
    t = await factory.create();
    const store = t.store;
    const error = await store
      .transaction(async () => store.transaction(async () => 'inner'))
      .catch((e: unknown) => e);
    expect(isConnError(error, 'internal_error')).toBe(true);
    expect(String((error as Error).message)).toMatch(/inside another store\.transaction/);
    // The store is still usable afterwards.
    expect(await store.transaction(async () => 'ok')).toBe('ok');
  });

  it('rejects store.db inside a transaction callback, and rolls the transaction back', async () => {
    t = await factory.create();
    const store = t.store;
    const error = await store
      .transaction(async (trx) => {
        await trx.insertInto('audit_events').values(auditEvent('aud_inside')).execute();
        await store.db.selectFrom('audit_events').selectAll().execute();
      })
      .catch((e: unknown) => e);
    expect(isConnError(error, 'internal_error')).toBe(true);
    expect(String((error as Error).message)).toMatch(/use.*trx|on the trx/);
    expect(await store.db.selectFrom('audit_events').selectAll().execute()).toEqual([]);
  });
});
