import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { postgresMigrations } from '../src/dialect/postgres/postgres-migrations';
import { sqliteMigrations } from '../src/dialect/sqlite/sqlite-migrations';
import { dialects, type TestDatabase } from './dialects';
import { oneRowPerTable, tableNames } from './one-row-per-table';

describe.each(dialects)('migrations on %s', (dialect, factory) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  it('creates every table of schema.ts with exactly its columns', async () => {
    t = await factory.create();
    const tables = await t.store.db.introspection.getTables();
    const live = new Map(
      tables.map((table) => [table.name, table.columns.map((c) => c.name).sort()]),
    );
    for (const name of tableNames) {
      const expected = Object.keys(oneRowPerTable[name]);
      if (name === 'records') expected.push('id');
      expect(live.get(name), name).toEqual(expected.sort());
    }
    expect([...live.keys()].sort()).toEqual([...tableNames].sort());
  });

  it('is idempotent: migrating again, or from a second store, changes nothing', async () => {
    t = await factory.create();
    await t.store.migrate();
    const other = t.open();
    await Promise.all([other.migrate(), t.store.migrate()]);
    const applied = await sql<{
      name: string;
    }>`select name from kysely_migration order by name`.execute(t.store.db);
    expect(applied.rows.map((row) => row.name)).toEqual([
      '0001-initial',
      '0002-connections-owner-created-at',
      '0003-events',
      '0004-webhooks',
      '0005-upload-uniqueness',
      '0007-upload-leases',
      '0011-sync-health',
      '0012-record-counts',
      '0013-attempt-limits',
      '0014-agent-token-expiry',
      '0015-credential-expiry',
      '0016-refresh-cooldowns',
      '0017-owner-data-control',
      '0020-collector-heartbeats',
    ]);
  });

  it('ready() is false before migrating and after closing, true in between', async () => {
    t = await factory.create({ migrate: false });
    expect(await t.store.ready()).toBe(false);
    await t.store.migrate();
    expect(await t.store.ready()).toBe(true);
    const other = t.open();
    expect(await other.ready()).toBe(true);
    await other.close();
    expect(await other.ready()).toBe(false);
  });

  it('stores and reads back a row of every table', async () => {
    t = await factory.create();
    const { db } = t.store;
    for (const table of tableNames) {
      await db.insertInto(table).values(oneRowPerTable[table]).execute();
    }
    for (const table of tableNames) {
      const rows = await db.selectFrom(table).selectAll().execute();
      expect(rows, table).toHaveLength(1);
      expect(rows[0], table).toMatchObject(oneRowPerTable[table]);
    }
    const record = await db.selectFrom('records').select('id').executeTakeFirstOrThrow();
    expect(typeof record.id).toBe('number');
  });

  it('enforces the unique keys the lifecycle relies on', async () => {
    t = await factory.create();
    const { db } = t.store;
    for (const table of tableNames) {
      await db.insertInto(table).values(oneRowPerTable[table]).execute();
    }
    const {
      credentials,
      intents,
      proofs,
      collector_tokens,
      records,
      webhook_deliveries,
      upload_artifacts,
    } = oneRowPerTable;
    // One staged copy of the same bytes per owner and connector; settled copies never collide.
    await expect(
      db
        .insertInto('upload_artifacts')
        .values({ ...upload_artifacts, id: 'art_2' })
        .execute(),
    ).rejects.toThrow();
    await db
      .insertInto('upload_artifacts')
      .values([
        { ...upload_artifacts, id: 'art_3', status: 'duplicate' },
        { ...upload_artifacts, id: 'art_4', status: 'imported' },
        { ...upload_artifacts, id: 'art_5', connector: 'chatgpt' },
      ])
      .execute();
    await expect(
      db
        .insertInto('webhook_deliveries')
        .values({ ...webhook_deliveries, id: 'whd_2' })
        .execute(),
    ).rejects.toThrow();
    // A replay is a further delivery of the same (webhook, event).
    await db
      .insertInto('webhook_deliveries')
      .values({ ...webhook_deliveries, id: 'whd_3', replay_of: 'whd_1' })
      .execute();
    await expect(
      db
        .insertInto('credentials')
        .values({ ...credentials, id: 'crd_2' })
        .execute(),
    ).rejects.toThrow();
    await expect(
      db
        .insertInto('intents')
        .values({ ...intents, id: 'int_2' })
        .execute(),
    ).rejects.toThrow();
    await expect(
      db
        .insertInto('proofs')
        .values({ ...proofs, id: 'prf_2' })
        .execute(),
    ).rejects.toThrow();
    await expect(
      db
        .insertInto('collector_tokens')
        .values({ ...collector_tokens, id: 'cct_2' })
        .execute(),
    ).rejects.toThrow();
    await expect(db.insertInto('records').values(records).execute()).rejects.toThrow();
    // Intents without an idempotency key never collide.
    await db
      .insertInto('intents')
      .values([
        { ...intents, id: 'int_3', idempotency_key: null },
        { ...intents, id: 'int_4', idempotency_key: null },
      ])
      .execute();
  });

  it('0005 keeps the earliest of staged copies that already collide and marks the rest duplicate', async () => {
    t = await factory.create();
    const { db } = t.store;
    // Back to the schema before 0005, holding what the race left behind there
    // (later migrations stay applied: 0005 itself is run again below).
    await sql`drop index upload_artifacts_staged_key`.execute(db);
    await db.insertInto('owners').values(oneRowPerTable.owners).execute();
    const { upload_artifacts } = oneRowPerTable;
    const later = new Date(Date.parse(upload_artifacts.created_at) + 1000).toISOString();
    await db
      .insertInto('upload_artifacts')
      .values([
        { ...upload_artifacts, id: 'art_b' },
        { ...upload_artifacts, id: 'art_a' },
        { ...upload_artifacts, id: 'art_0', created_at: later },
        { ...upload_artifacts, id: 'art_i1', status: 'imported' },
        { ...upload_artifacts, id: 'art_i2', status: 'imported' },
      ])
      .execute();
    const provider = dialect === 'postgres' ? postgresMigrations : sqliteMigrations;
    await (await provider.getMigrations())['0005-upload-uniqueness']?.up(db as never);
    const rows = await db
      .selectFrom('upload_artifacts')
      .select(['id', 'status'])
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { id: 'art_0', status: 'duplicate' },
      { id: 'art_a', status: 'staged' },
      { id: 'art_b', status: 'duplicate' },
      { id: 'art_i1', status: 'imported' },
      { id: 'art_i2', status: 'imported' },
    ]);
  });

  it('0012 backfills the count of every stream of every connection from the records stored', async () => {
    t = await factory.create();
    const { db } = t.store;
    // Back to the schema before 0012, holding records written before it.
    await sql`drop table record_counts`.execute(db);
    await db.insertInto('owners').values(oneRowPerTable.owners).execute();
    const { connections, records } = oneRowPerTable;
    await db
      .insertInto('connections')
      .values([connections, { ...connections, id: 'con_2' }, { ...connections, id: 'con_3' }])
      .execute();
    const rows = (connectionId: string, stream: string, count: number) =>
      Array.from({ length: count }, (_, i) => ({
        ...records,
        run_id: null,
        connection_id: connectionId,
        stream,
        record_key: String(i),
      }));
    await db
      .insertInto('records')
      .values([...rows('con_1', 'a', 120), ...rows('con_1', 'b', 3), ...rows('con_2', 'a', 7)])
      .execute();
    const provider = dialect === 'postgres' ? postgresMigrations : sqliteMigrations;
    await (await provider.getMigrations())['0012-record-counts']?.up(db as never);
    const kept = await db
      .selectFrom('record_counts')
      .selectAll()
      .orderBy('connection_id')
      .orderBy('stream')
      .execute();
    expect(kept).toEqual([
      { connection_id: 'con_1', stream: 'a', records: 120 },
      { connection_id: 'con_1', stream: 'b', records: 3 },
      { connection_id: 'con_2', stream: 'a', records: 7 },
    ]);
  });

  it('enforces foreign keys', async () => {
    t = await factory.create();
    await expect(
      t.store.db
        .insertInto('connections')
        .values({ ...oneRowPerTable.connections, owner_id: 'own_missing' })
        .execute(),
    ).rejects.toThrow();
  });

  it('rejects a value of the wrong type, as PostgreSQL does', async () => {
    t = await factory.create();
    await t.store.db.insertInto('owners').values(oneRowPerTable.owners).execute();
    await expect(
      t.store.db
        .insertInto('connections')
        .values({ ...oneRowPerTable.connections, unproven: 'yes' as unknown as number })
        .execute(),
    ).rejects.toThrow();
  });
});

describe.each(dialects.filter(([dialect]) => dialect === 'postgres'))(
  'several conn schemas on one %s server',
  (_dialect, factory) => {
    it('migrates and introspects each schema on its own', async () => {
      const a = await factory.create();
      const b = await factory.create({ migrate: false });
      try {
        // `a` already has every table and kysely's migration table; `b` must still get its own.
        await b.store.migrate();
        expect(await b.store.ready()).toBe(true);
        await b.store.db.insertInto('owners').values(oneRowPerTable.owners).execute();
        expect(await a.store.db.selectFrom('owners').selectAll().execute()).toEqual([]);
        const tables = await a.store.db.introspection.getTables({ withInternalKyselyTables: true });
        const schemas = new Set(tables.map((table) => table.schema));
        expect(schemas.size).toBe(1);
        expect(tables.map((table) => table.name)).toContain('kysely_migration');
      } finally {
        await Promise.all([a.dispose(), b.dispose()]);
      }
    });
  },
);
