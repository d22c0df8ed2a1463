import { afterEach, describe, expect, it } from 'vitest';
import { preparedQuery } from '../src/prepared-query';
import { dialects, type TestDatabase } from './dialects';

const at = '2025-01-02T03:04:05.000Z';

const auditByIds = preparedQuery((db, actor: string, ids: readonly string[]) =>
  db
    .selectFrom('audit_events')
    .select(['id', 'actor'])
    .where('actor', '=', actor)
    .where('id', 'in', ids)
    .orderBy('id')
    .limit(10),
);

describe.each(dialects)('preparedQuery on %s', (_dialect, factory) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  it('runs one compiled query with fresh parameters, lists of any length included', async () => {
    t = await factory.create();
    const store = t.store;
    for (const [id, actor] of [
      ['aud_1', 'system'],
      ['aud_2', 'owner'],
      ['aud_3', 'system'],
    ] as const) {
      await store.db
        .insertInto('audit_events')
        .values({
          id,
          owner_id: null,
          actor,
          action: 'test.event',
          connection_id: null,
          details_json: '{}',
          created_at: at,
        })
        .execute();
    }
    expect(await auditByIds(store.db, 'system', ['aud_1'])).toEqual([
      { id: 'aud_1', actor: 'system' },
    ]);
    expect(await auditByIds(store.db, 'system', ['aud_2'])).toEqual([]);
    expect(await auditByIds(store.db, 'system', ['aud_1', 'aud_2', 'aud_3'])).toEqual([
      { id: 'aud_1', actor: 'system' },
      { id: 'aud_3', actor: 'system' },
    ]);
    expect(await auditByIds(store.db, 'owner', ['aud_3', 'aud_2'])).toEqual([
      { id: 'aud_2', actor: 'owner' },
    ]);
    const inside = await store.transaction((trx) => auditByIds(trx, 'owner', ['aud_2']));
    expect(inside).toEqual([{ id: 'aud_2', actor: 'owner' }]);
  });

  it('keeps the guard against store.db inside a transaction', async () => {
    t = await factory.create();
    const store = t.store;
    await auditByIds(store.db, 'system', ['aud_1']);
    await expect(
      store.transaction(() => auditByIds(store.db, 'system', ['aud_1'])),
    ).rejects.toThrow('store.db was used inside store.transaction()');
  });
});
