import { type Compilable, CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordPageQuery } from '../src/record-writer';
import { nextQueuedRunQuery } from '../src/run-queue';
import type { Store } from '../src/store';
import { dialects, type TestDatabase } from './dialects';

/** The query plan as text lines: EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL. */
async function planOf(store: Store, query: Compilable): Promise<string[]> {
  const compiled = query.compile();
  if (store.dialect === 'sqlite') {
    const result = await store.db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]),
    );
    return result.rows.map((row) => row.detail);
  }
  return store.transaction(async (trx) => {
    // Tables here are empty, where a sequential scan and a sort are honestly
    // cheapest. With both priced out the planner picks an index whenever one
    // fits, and still falls back to a scan or a sort when none does: exactly
    // what this test must catch.
    await sql`set local enable_seqscan = off`.execute(trx);
    await sql`set local enable_sort = off`.execute(trx);
    const result = await trx.executeQuery<{ 'QUERY PLAN': string }>(
      CompiledQuery.raw(`explain ${compiled.sql}`, [...compiled.parameters]),
    );
    return result.rows.map((row) => row['QUERY PLAN']);
  });
}

function expectIndexed(plan: string[], options: { ordered: boolean }): void {
  const text = plan.join('\n');
  expect(text).toMatch(/index|primary key/i);
  // SQLite: `SCAN t` reads the whole table (or a whole index); PostgreSQL: `Seq Scan`.
  expect(text).not.toMatch(/^SCAN |Seq Scan/m);
  // An index that serves the ORDER BY needs no sort step.
  if (options.ordered) expect(text).not.toMatch(/TEMP B-TREE|Sort/);
}

describe.each(dialects)('hot reads use indexes on %s', (_dialect, factory) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await factory.create();
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('setup status: a connection by id', async () => {
    const q = t.store.db.selectFrom('connections').selectAll().where('id', '=', 'con_1');
    expectIndexed(await planOf(t.store, q), { ordered: false });
  });

  it('setup status: the latest run of a connection', async () => {
    const q = t.store.db
      .selectFrom('runs')
      .selectAll()
      .where('connection_id', '=', 'con_1')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1);
    expectIndexed(await planOf(t.store, q), { ordered: true });
  });

  it('connections of an owner with a status, newest first', async () => {
    const q = t.store.db
      .selectFrom('connections')
      .selectAll()
      .where('owner_id', '=', 'own_1')
      .where('status', '=', 'active')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(50);
    expectIndexed(await planOf(t.store, q), { ordered: true });
  });

  it('connections of an owner for one connector', async () => {
    const q = t.store.db
      .selectFrom('connections')
      .select(['id', 'status'])
      .where('owner_id', '=', 'own_1')
      .where('connector', '=', 'github');
    expectIndexed(await planOf(t.store, q), { ordered: false });
  });

  it('the claim query', async () => {
    expectIndexed(await planOf(t.store, nextQueuedRunQuery(t.store.db, t.store.dialect)), {
      ordered: true,
    });
    expectIndexed(
      await planOf(t.store, nextQueuedRunQuery(t.store.db, t.store.dialect, ['sync', 'import'])),
      { ordered: true },
    );
  });

  it('stale runs for recovery', async () => {
    const q = t.store.db
      .selectFrom('runs')
      .select('id')
      .where('status', '=', 'running')
      .where('heartbeat_at', '<', '2025-01-01T00:00:00.000Z');
    expectIndexed(await planOf(t.store, q), { ordered: false });
  });

  it('a records page, in one stream and across streams, first and later pages', async () => {
    const pages = [
      recordPageQuery(t.store.db, 'con_1', { stream: 'messages', limit: 101 }),
      recordPageQuery(t.store.db, 'con_1', {
        stream: 'messages',
        after: { stream: 'messages', id: 500 },
        limit: 101,
      }),
      recordPageQuery(t.store.db, 'con_1', { limit: 101 }),
      recordPageQuery(t.store.db, 'con_1', { after: { stream: 'messages', id: 500 }, limit: 101 }),
    ];
    for (const q of pages) expectIndexed(await planOf(t.store, q), { ordered: true });
  });

  it('token, code and state lookups by hash, and idempotency keys', async () => {
    const { db } = t.store;
    const lookups = [
      db.selectFrom('owner_sessions').selectAll().where('token_hash', '=', 'h'),
      db.selectFrom('agent_tokens').selectAll().where('token_hash', '=', 'h'),
      db.selectFrom('collector_tokens').selectAll().where('token_hash', '=', 'h'),
      db.selectFrom('enrollment_codes').selectAll().where('code_hash', '=', 'h'),
      db.selectFrom('authorization_sessions').selectAll().where('state_hash', '=', 'h'),
      db
        .selectFrom('intents')
        .selectAll()
        .where('owner_id', '=', 'own_1')
        .where('idempotency_key', '=', 'k'),
      db.selectFrom('credentials').selectAll().where('connection_id', '=', 'con_1'),
    ];
    for (const q of lookups) expectIndexed(await planOf(t.store, q), { ordered: false });
  });

  it('sweeper reads: expired drafts, codes, sessions and artifacts', async () => {
    const { db } = t.store;
    const now = '2025-01-01T00:00:00.000Z';
    const sweeps = [
      db
        .selectFrom('connections')
        .select('id')
        .where('status', '=', 'draft')
        .where('expires_at', '<', now),
      db.selectFrom('enrollment_codes').select('id').where('expires_at', '<', now),
      db.selectFrom('authorization_sessions').select('id').where('expires_at', '<', now),
      db.selectFrom('upload_artifacts').select('id').where('expires_at', '<', now),
      db
        .selectFrom('upload_artifacts')
        .select('id')
        .where('owner_id', '=', 'own_1')
        .where('status', '=', 'staged'),
    ];
    for (const q of sweeps) expectIndexed(await planOf(t.store, q), { ordered: false });
  });

  it('audit events of a connection, newest first', async () => {
    const q = t.store.db
      .selectFrom('audit_events')
      .selectAll()
      .where('connection_id', '=', 'con_1')
      .orderBy('created_at', 'desc')
      .limit(20);
    expectIndexed(await planOf(t.store, q), { ordered: true });
  });

  it('the check itself fails on a query no index serves', async () => {
    const q = t.store.db.selectFrom('runs').selectAll().where('stage', '=', 'fetching');
    expect(() => expectIndexed([], { ordered: false })).toThrow();
    const plan = await planOf(t.store, q);
    expect(() => expectIndexed(plan, { ordered: false })).toThrow();
    const unordered = t.store.db
      .selectFrom('runs')
      .selectAll()
      .where('connection_id', '=', 'con_1')
      .orderBy('finished_at')
      .limit(1);
    const sorted = await planOf(t.store, unordered);
    expect(() => expectIndexed(sorted, { ordered: false })).not.toThrow();
    expect(() => expectIndexed(sorted, { ordered: true })).toThrow();
  });
});
