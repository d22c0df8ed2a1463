import { type Compilable, CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedRecordsUpsert, recordPageQuery } from '../src/record-writer';
import { agentTokenByHashQuery } from '../src/repositories/agent-tokens';
import { expireAbandonedArtifactsQuery } from '../src/repositories/artifact-sweeps';
import {
  authorizationSessionByStateQuery,
  retireExpiredAuthorizationSessionsQuery,
} from '../src/repositories/authorization-sessions';
import { collectorTokenGrantQuery } from '../src/repositories/collector-tokens';
import {
  connectionByIdQuery,
  connectionPageQuery,
  expiredDraftsQuery,
} from '../src/repositories/connections';
import { credentialIdQuery } from '../src/repositories/credentials';
import {
  retireExpiredEnrollmentCodesQuery,
  spendEnrollmentCodeQuery,
} from '../src/repositories/enrollment-codes';
import { latestConnectionEventQuery, outboxAfterQuery } from '../src/repositories/events';
import { intentByIdempotencyKeyQuery } from '../src/repositories/intents';
import { ownerSessionByHashQuery } from '../src/repositories/owner-sessions';
import { streamCountsQuery } from '../src/repositories/record-counts';
import {
  latestRunQuery,
  latestRunsQuery,
  openRunQuery,
  recentRunsQuery,
} from '../src/repositories/runs';
import { setupStatusRowJoinQuery, setupStatusRowQuery } from '../src/repositories/setup-status-row';
import { artifactOriginalQuery } from '../src/repositories/upload-artifacts';
import { webhookDeliveriesQuery } from '../src/repositories/webhook-deliveries';
import { ownerWebhooksQuery } from '../src/repositories/webhooks';
import { failStaleRunsQuery, nextQueuedRunQuery, requeueStaleRunsQuery } from '../src/run-queue';
import type { Store } from '../src/store';
import { nextDueDeliveryQuery } from '../src/webhook-delivery-queue';
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

  const at = new Date('2025-01-01T00:00:00.000Z');

  it('setup status: a connection by id', async () => {
    expectIndexed(await planOf(t.store, connectionByIdQuery(t.store.db, 'con_1')), {
      ordered: false,
    });
  });

  it('setup status: a connection and every fact of its status in one query', async () => {
    const query = t.store.dialect === 'sqlite' ? setupStatusRowQuery : setupStatusRowJoinQuery;
    expectIndexed(await planOf(t.store, query(t.store.db, 'con_1', 'own_1')), { ordered: true });
  });

  it('setup status: the latest run of a connection, of many, and the open one', async () => {
    const { db } = t.store;
    expectIndexed(await planOf(t.store, latestRunQuery(db, 'con_1')), { ordered: true });
    expectIndexed(await planOf(t.store, latestRunsQuery(db, ['con_1', 'con_2'])), {
      ordered: true,
    });
    expectIndexed(await planOf(t.store, openRunQuery(db, 'con_1')), { ordered: true });
  });

  it('ingest: each re-ingested key is found by the upsert key, not by walking its stream', async () => {
    const { db } = t.store;
    const stamp = at.toISOString();
    const rows = Array.from({ length: 500 }, (_, i) => ({
      connection_id: 'con_1',
      stream: 'repositories',
      record_key: `k${i}`,
      data_json: '{}',
      run_id: null,
      created_run_id: null,
      created_at: stamp,
      updated_at: stamp,
    }));
    const plan = (await planOf(t.store, changedRecordsUpsert(db, rows))).join('\n');
    expect(plan).not.toMatch(/^SCAN records|Seq Scan on records/m);
    if (t.dialect === 'postgres') {
      expect(plan).toMatch(/Conflict Arbiter Indexes: records_connection_id_stream_record_key_key/);
    }
  });

  it("connection detail: a connection's recent runs and its records counted by stream", async () => {
    const { db } = t.store;
    expectIndexed(await planOf(t.store, recentRunsQuery(db, 'con_1', 20)), { ordered: true });
    expectIndexed(await planOf(t.store, streamCountsQuery(db, 'con_1')), { ordered: true });
  });

  it("an owner's connections page, newest first, with and without drafts, first and later pages", async () => {
    const { db } = t.store;
    const pages = [
      connectionPageQuery(db, 'own_1', { includePending: false, limit: 51, now: at }),
      connectionPageQuery(db, 'own_1', { includePending: true, limit: 51, now: at }),
      connectionPageQuery(db, 'own_1', {
        includePending: true,
        after: { createdAt: at.toISOString(), id: 'con_1' },
        limit: 51,
        now: at,
      }),
    ];
    for (const q of pages) expectIndexed(await planOf(t.store, q), { ordered: true });
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

  it('webhooks: the delivery claim, the fan-out read, the delivery log and the list', async () => {
    const { db, dialect } = t.store;
    const ordered = [
      nextDueDeliveryQuery(db, dialect, at.toISOString()),
      outboxAfterQuery(db, { after: 41, limit: 200 }),
      latestConnectionEventQuery(db, { connectionId: 'con_1', type: 'run_progress' }),
      webhookDeliveriesQuery(db, 'whk_1', 50),
      ownerWebhooksQuery(db, 'own_1'),
    ];
    for (const q of ordered) expectIndexed(await planOf(t.store, q), { ordered: true });
  });

  it('stale runs for recovery', async () => {
    const staleBefore = at.toISOString();
    const { db } = t.store;
    const recoveries = [
      failStaleRunsQuery(db, { staleBefore, maxAttempts: 3, now: staleBefore }),
      requeueStaleRunsQuery(db, staleBefore),
    ];
    for (const q of recoveries) expectIndexed(await planOf(t.store, q), { ordered: false });
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

  it('token, code and state lookups by hash, idempotency keys, duplicates and credentials', async () => {
    const { db } = t.store;
    const lookups = [
      ownerSessionByHashQuery(db, 'h'),
      agentTokenByHashQuery(db, 'h'),
      collectorTokenGrantQuery(db, 'h'),
      spendEnrollmentCodeQuery(db, 'h', at),
      authorizationSessionByStateQuery(db, 'h'),
      intentByIdempotencyKeyQuery(db, 'own_1', 'k'),
      artifactOriginalQuery(
        db,
        { id: 'art_1', owner_id: 'own_1', connector: 'chatgpt', sha256: 'h' },
        at,
      ),
      credentialIdQuery(db, 'con_1'),
    ];
    for (const q of lookups) expectIndexed(await planOf(t.store, q), { ordered: false });
  });

  it('sweeper writes: expired drafts, codes, sessions and artifacts', async () => {
    const { db } = t.store;
    expectIndexed(await planOf(t.store, expiredDraftsQuery(db, at, 200)), { ordered: true });
    const sweeps = [
      retireExpiredEnrollmentCodesQuery(db, at),
      retireExpiredAuthorizationSessionsQuery(db, at),
      expireAbandonedArtifactsQuery(db, at),
    ];
    for (const q of sweeps) expectIndexed(await planOf(t.store, q), { ordered: false });
  });

  // Reads no repository makes yet; their indexes are in the migration for the
  // console views the spec names, and must keep serving them.
  it('indexed reads without a repository yet: by connector, staged uploads, audit trail', async () => {
    const { db } = t.store;
    const unordered = [
      db
        .selectFrom('connections')
        .select(['id', 'status'])
        .where('owner_id', '=', 'own_1')
        .where('connector', '=', 'github'),
      db
        .selectFrom('upload_artifacts')
        .select('id')
        .where('owner_id', '=', 'own_1')
        .where('status', '=', 'staged'),
    ];
    for (const q of unordered) expectIndexed(await planOf(t.store, q), { ordered: false });
    const auditTrail = db
      .selectFrom('audit_events')
      .selectAll()
      .where('connection_id', '=', 'con_1')
      .orderBy('created_at', 'desc')
      .limit(20);
    expectIndexed(await planOf(t.store, auditTrail), { ordered: true });
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
