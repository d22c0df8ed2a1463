import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createVault } from '../../src/vault/credential-vault';
import { resealStoredSecrets, sealedKeyCounts } from '../../src/vault/reseal-stored-secrets';
import { type SealedColumn, type SealedValue, sealedColumns } from '../../src/vault/sealed-columns';
import { vaultKeyId, vaultKeysFrom } from '../../src/vault/vault-key';
import { dialects, type TestDatabase } from '../dialects';
import { oneRowPerTable, tableNames } from '../one-row-per-table';

const oldKey = randomBytes(32);
const newKey = randomBytes(32);
const lostKey = randomBytes(32);
const canary = 'CANARY-reseal-0123456789';

function columnOf(table: SealedColumn['table']): SealedColumn {
  const column = sealedColumns.find((c) => c.table === table);
  if (column === undefined) throw new Error(`no sealed column for ${table}`);
  return column;
}

async function onlyRow(column: SealedColumn, t: TestDatabase): Promise<SealedValue> {
  const [row] = await column.all(t.store.db);
  if (row === undefined) throw new Error(`no ${column.table} row`);
  return row;
}

describe('sealedColumns', () => {
  it('lists every table with a sealed column, so a rotation misses none', () => {
    const withSealed = tableNames.filter((table) =>
      Object.keys(oneRowPerTable[table]).some((column) => /(^|_)sealed$/.test(column)),
    );
    expect(sealedColumns.map((c) => c.table).sort()).toEqual([...withSealed].sort());
  });
});

describe.each(dialects)('resealStoredSecrets on %s', (_dialect, factory) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  /** A row in every table, each sealed column holding a value sealed under `oldKey` for its scope. */
  async function seed(): Promise<TestDatabase> {
    const db = await factory.create();
    for (const table of tableNames) {
      await db.store.db.insertInto(table).values(oneRowPerTable[table]).execute();
    }
    const old = createVault(vaultKeysFrom([oldKey]));
    for (const column of sealedColumns) {
      for (const row of await column.all(db.store.db)) {
        const sealed = old.seal(`${canary}-${column.table}`, column.scope(row.id));
        expect(await column.replace(db.store.db, row, sealed, vaultKeyId(oldKey))).toBe(true);
      }
    }
    return db;
  }

  it('re-seals every sealed column under the primary key, each value still opening for its scope', async () => {
    t = await seed();
    expect(await sealedKeyCounts(t.store)).toEqual({ [vaultKeyId(oldKey)]: 4 });
    const report = await resealStoredSecrets(t.store, createVault(vaultKeysFrom([newKey, oldKey])));
    expect(report).toEqual({
      resealed: { credentials: 1, provider_apps: 1, authorization_sessions: 1, webhooks: 1 },
      skipped: 0,
      unopenable: 0,
    });
    expect(await sealedKeyCounts(t.store)).toEqual({ [vaultKeyId(newKey)]: 4 });
    const onlyNew = createVault(vaultKeysFrom([newKey]));
    for (const column of sealedColumns) {
      const row = await onlyRow(column, t);
      expect(onlyNew.openSecret(row.sealed, column.scope(row.id)).reveal()).toBe(
        `${canary}-${column.table}`,
      );
    }
    // The key_id columns follow the envelopes.
    const credential = await t.store.db
      .selectFrom('credentials')
      .select('key_id')
      .executeTakeFirstOrThrow();
    expect(credential.key_id).toBe(vaultKeyId(newKey));
  });

  it('is safe to run again, and leaves a value no held key opens as it is, counted', async () => {
    t = await seed();
    const lost = createVault(vaultKeysFrom([lostKey]));
    const webhooks = columnOf('webhooks');
    const webhook = await onlyRow(webhooks, t);
    const unreadable = lost.seal('x', { webhookId: webhook.id });
    await webhooks.replace(t.store.db, webhook, unreadable, vaultKeyId(lostKey));
    const vault = createVault(vaultKeysFrom([newKey, oldKey]));
    const first = await resealStoredSecrets(t.store, vault);
    expect(first.unopenable).toBe(1);
    expect(first.resealed.credentials).toBe(1);
    const second = await resealStoredSecrets(t.store, vault);
    expect(second).toEqual({
      resealed: { credentials: 0, provider_apps: 0, authorization_sessions: 0, webhooks: 0 },
      skipped: 0,
      unopenable: 1,
    });
    expect(await sealedKeyCounts(t.store)).toEqual({
      [vaultKeyId(newKey)]: 3,
      [vaultKeyId(lostKey)]: 1,
    });
  });

  it('replaces a value only if it is still the one read (a running server may have changed it)', async () => {
    t = await seed();
    const credentials = columnOf('credentials');
    const row = await onlyRow(credentials, t);
    const stale = { id: row.id, sealed: 'v1.stale' };
    expect(await credentials.replace(t.store.db, stale, 'v1.other', 'x')).toBe(false);
    expect((await onlyRow(credentials, t)).sealed).toBe(row.sealed);
  });
});
