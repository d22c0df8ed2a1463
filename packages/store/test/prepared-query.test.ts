import { afterEach, describe, expect, it } from 'vitest';
import { preparedInsert, preparedQuery } from '../src/prepared-query';
import { auditRow as audit } from './audit-row';
import { dialects, type TestDatabase } from './dialects';

const auditByIds = preparedQuery((db, actor: string, ids: readonly string[]) =>
  db
    .selectFrom('audit_events')
    .select(['id', 'actor'])
    .where('actor', '=', actor)
    .where('id', 'in', ids)
    .orderBy('id')
    .limit(10),
);

const insertAudit = preparedInsert('audit_events');
const insertAuditOnce = preparedInsert('audit_events', (query) =>
  query.onConflict((conflict) => conflict.doNothing()).returning('id'),
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
        .values(audit(id, actor, null))
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

  it("inserts rows of one compiled insert per column set and row count, with each call's values", async () => {
    t = await factory.create();
    const { db } = t.store;
    await insertAudit(db, [audit('aud_1', 'owner')]);
    await insertAudit(db, [audit('aud_2', 'system'), audit('aud_3', 'owner', 'con_x')]);
    await insertAudit(db, [audit('aud_4', 'agent:agt_1', 'con_y')]);
    // A column only the second row sets: the first inserts null there.
    await insertAudit(db, [audit('aud_5', 'owner'), audit('aud_6', 'owner', 'con_z')]);
    await insertAudit(db, []);
    const rows = await db
      .selectFrom('audit_events')
      .select(['id', 'actor', 'connection_id'])
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { id: 'aud_1', actor: 'owner', connection_id: null },
      { id: 'aud_2', actor: 'system', connection_id: null },
      { id: 'aud_3', actor: 'owner', connection_id: 'con_x' },
      { id: 'aud_4', actor: 'agent:agt_1', connection_id: 'con_y' },
      { id: 'aud_5', actor: 'owner', connection_id: null },
      { id: 'aud_6', actor: 'owner', connection_id: 'con_z' },
    ]);
  });

  it('runs what follows the values, and keeps the transaction guard', async () => {
    t = await factory.create();
    const store = t.store;
    expect(await insertAuditOnce(store.db, [audit('aud_1', 'owner')])).toEqual([{ id: 'aud_1' }]);
    expect(await insertAuditOnce(store.db, [audit('aud_1', 'system')])).toEqual([]);
    expect(await insertAuditOnce(store.db, [audit('aud_2', 'system')])).toEqual([{ id: 'aud_2' }]);
    await expect(
      store.transaction(() => insertAudit(store.db, [audit('aud_3', 'owner')])),
    ).rejects.toThrow('store.db was used inside store.transaction()');
    const stored = await store.db
      .selectFrom('audit_events')
      .select(['id', 'actor'])
      .orderBy('id')
      .execute();
    expect(stored).toEqual([
      { id: 'aud_1', actor: 'owner' },
      { id: 'aud_2', actor: 'system' },
    ]);
  });
});
