import { afterEach, describe, expect, it } from 'vitest';
import { dialects, type TestDatabase } from './dialects';
import { insertOneRowPerTable, oneRowPerTable } from './one-row-per-table';
import { scanAllText } from './scan-plaintext';

const canary = 'ghp_CANARY_7f3a9c2e51d04b8a';

describe.each(dialects)('scanAllText on %s', (_dialect, factory) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  it('finds nothing in a database without the value', async () => {
    t = await factory.create();
    await insertOneRowPerTable(t.store.db);
    expect(await scanAllText(t.store, canary)).toEqual([]);
  });

  it('finds a planted value in any table and column, plain or encoded', async () => {
    t = await factory.create();
    await insertOneRowPerTable(t.store.db);
    const { db } = t.store;
    await db
      .updateTable('connections')
      .set({ fields_json: JSON.stringify({ token: canary }) })
      .execute();
    await db
      .updateTable('audit_events')
      .set({ details_json: `{"auth":"Basic ${Buffer.from(`user:${canary}`).toString('base64')}"}` })
      .execute();
    await db
      .updateTable('runs')
      .set({ error_message: `401 for token ${Buffer.from(canary).toString('hex')}` })
      .execute();
    await db
      .insertInto('records')
      .values(
        [1, 2].map((i) => ({
          ...oneRowPerTable.records,
          record_key: `leak-${i}`,
          data_json: JSON.stringify({ note: `x${canary}y` }),
        })),
      )
      .execute();

    const hits = await scanAllText(t.store, canary);
    expect(hits).toEqual(
      expect.arrayContaining([
        { table: 'connections', column: 'fields_json', form: 'plain', rows: 1 },
        { table: 'audit_events', column: 'details_json', form: 'base64', rows: 1 },
        { table: 'runs', column: 'error_message', form: 'hex', rows: 1 },
        { table: 'records', column: 'data_json', form: 'plain', rows: 2 },
      ]),
    );
    expect(hits).toHaveLength(4);
  });
});
