import type { Insertable } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { recordRunIngest, rewindRunToCheckpoint } from '../src/repositories/run-writes';
import {
  claimNextRun,
  heartbeatRun,
  nextQueuedRunQuery,
  requeueStaleRuns,
  requeueWorkerRuns,
  workerLostErrorCode,
} from '../src/run-queue';
import type { RunsTable } from '../src/schema';
import type { Store } from '../src/store';
import { dialects, type TestDatabase } from './dialects';
import { oneRowPerTable } from './one-row-per-table';

const t0 = new Date('2025-03-01T10:00:00.000Z');
const later = (ms: number) => new Date(t0.getTime() + ms);

function queuedRun(i: number, kind = 'sync'): Insertable<RunsTable> {
  return {
    id: `run_${String(i).padStart(4, '0')}`,
    connection_id: 'con_1',
    kind,
    status: 'queued',
    stage: null,
    records_accepted: 0,
    records_rejected: 0,
    error_code: null,
    error_message: null,
    payload_json: '{}',
    claimed_by: null,
    claimed_at: null,
    heartbeat_at: null,
    attempts: 0,
    // Distinct, increasing creation times: the queue is oldest first.
    created_at: later(i).toISOString(),
    started_at: null,
    finished_at: null,
  };
}

async function seed(store: Store, runs: Insertable<RunsTable>[]): Promise<void> {
  await store.db.insertInto('owners').values(oneRowPerTable.owners).execute();
  await store.db.insertInto('connections').values(oneRowPerTable.connections).execute();
  for (let i = 0; i < runs.length; i += 100) {
    await store.db
      .insertInto('runs')
      .values(runs.slice(i, i + 100))
      .execute();
  }
}

async function drain(store: Store, workerId: string): Promise<string[]> {
  const claimed: string[] = [];
  for (;;) {
    const run = await claimNextRun(store, { workerId, now: later(60_000) });
    if (run === undefined) return claimed;
    claimed.push(run.id);
  }
}

describe.each(dialects)('run queue on %s', (_dialect, factory) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  it('claims the oldest queued run and marks it running for the worker', async () => {
    t = await factory.create();
    await seed(t.store, [queuedRun(2), queuedRun(1), queuedRun(3)]);
    const now = later(5_000);
    const run = await claimNextRun(t.store, { workerId: 'worker-a', now });
    expect(run).toMatchObject({
      id: 'run_0001',
      status: 'running',
      claimed_by: 'worker-a',
      claimed_at: now.toISOString(),
      heartbeat_at: now.toISOString(),
      started_at: now.toISOString(),
      attempts: 1,
    });
    const stored = await t.store.db
      .selectFrom('runs')
      .where('id', '=', 'run_0001')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(stored).toEqual(run);
  });

  it('claims only the kinds asked for, and nothing when nothing is queued', async () => {
    t = await factory.create();
    await seed(t.store, [queuedRun(1, 'sync'), queuedRun(2, 'import')]);
    const run = await claimNextRun(t.store, { workerId: 'w', kinds: ['import'], now: t0 });
    expect(run?.id).toBe('run_0002');
    expect(await claimNextRun(t.store, { workerId: 'w', kinds: ['import'], now: t0 })).toBe(
      undefined,
    );
    expect(await claimNextRun(t.store, { workerId: 'w', kinds: [], now: t0 })).toBe(undefined);
    expect((await claimNextRun(t.store, { workerId: 'w', now: t0 }))?.id).toBe('run_0001');
    expect(await claimNextRun(t.store, { workerId: 'w', now: t0 })).toBe(undefined);
  });

  it('two stores claiming 200 queued runs concurrently never claim the same run', async () => {
    t = await factory.create();
    await seed(
      t.store,
      Array.from({ length: 200 }, (_, i) => queuedRun(i)),
    );
    const a = t.store;
    const b = t.open();
    // Four claim loops: two per store, so claims race within a store and across stores.
    const results = await Promise.all([
      drain(a, 'worker-a1'),
      drain(a, 'worker-a2'),
      drain(b, 'worker-b1'),
      drain(b, 'worker-b2'),
    ]);
    const all = results.flat();
    expect(all).toHaveLength(200);
    expect(new Set(all).size).toBe(200);
    const rows = await a.db.selectFrom('runs').select(['status', 'attempts']).execute();
    expect(rows.every((row) => row.status === 'running' && row.attempts === 1)).toBe(true);
  });

  it('keeps a run whose worker heartbeats, re-queues one whose heartbeat went stale', async () => {
    t = await factory.create();
    await seed(t.store, [queuedRun(1), queuedRun(2)]);
    const alive = await claimNextRun(t.store, { workerId: 'alive', now: later(0) });
    const dead = await claimNextRun(t.store, { workerId: 'dead', now: later(0) });
    expect(
      await heartbeatRun(t.store, { runId: alive!.id, workerId: 'alive', now: later(50_000) }),
    ).toBe(true);
    // Another worker cannot heartbeat a run it does not hold.
    expect(
      await heartbeatRun(t.store, { runId: dead!.id, workerId: 'alive', now: later(50_000) }),
    ).toBe(false);

    const recovery = await requeueStaleRuns(t.store, {
      staleBefore: later(30_000),
      maxAttempts: 3,
      now: later(60_000),
    });
    expect(recovery).toEqual({ requeued: [dead!.id], failed: [] });
    const requeued = await t.store.db
      .selectFrom('runs')
      .where('id', '=', dead!.id)
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(requeued).toMatchObject({
      status: 'queued',
      claimed_by: null,
      heartbeat_at: null,
      attempts: 1,
    });
    // The dead worker, if it wakes up, learns the run is no longer its own.
    expect(
      await heartbeatRun(t.store, { runId: dead!.id, workerId: 'dead', now: later(61_000) }),
    ).toBe(false);
    // And the run is claimable again, by someone else.
    const again = await claimNextRun(t.store, { workerId: 'rescuer', now: later(62_000) });
    expect(again).toMatchObject({ id: dead!.id, claimed_by: 'rescuer', attempts: 2 });
  });

  it('fails a run with worker_lost once its claims reach maxAttempts', async () => {
    t = await factory.create();
    await seed(t.store, [queuedRun(1)]);
    let clock = 0;
    const tick = () => {
      clock += 60_000;
      return later(clock);
    };
    for (let attempt = 1; attempt <= 3; attempt++) {
      const run = await claimNextRun(t.store, { workerId: `w${attempt}`, now: tick() });
      expect(run?.attempts).toBe(attempt);
      const now = tick();
      const recovery = await requeueStaleRuns(t.store, {
        staleBefore: new Date(now.getTime() - 30_000),
        maxAttempts: 3,
        now,
      });
      expect(recovery).toEqual(
        attempt < 3
          ? { requeued: ['run_0001'], failed: [] }
          : { requeued: [], failed: ['run_0001'] },
      );
    }
    const run = await t.store.db.selectFrom('runs').selectAll().executeTakeFirstOrThrow();
    expect(run).toMatchObject({
      status: 'failed',
      error_code: workerLostErrorCode,
      attempts: 3,
      claimed_by: 'w3',
    });
    expect(run.finished_at).not.toBeNull();
    expect(run.error_message).toMatch(/stopped responding/);
    expect(await claimNextRun(t.store, { workerId: 'w4', now: tick() })).toBe(undefined);
  });

  it('hands a stopping worker’s runs back without using up an attempt', async () => {
    t = await factory.create();
    await seed(t.store, [queuedRun(1), queuedRun(2), queuedRun(3)]);
    await claimNextRun(t.store, { workerId: 'stopping', now: t0 });
    await claimNextRun(t.store, { workerId: 'stopping', now: t0 });
    await claimNextRun(t.store, { workerId: 'staying', now: t0 });
    const handedBack = await requeueWorkerRuns(t.store, { workerId: 'stopping' });
    expect([...handedBack].sort()).toEqual(['run_0001', 'run_0002']);
    const rows = await t.store.db
      .selectFrom('runs')
      .select(['id', 'status', 'attempts', 'claimed_by'])
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { id: 'run_0001', status: 'queued', attempts: 0, claimed_by: null },
      { id: 'run_0002', status: 'queued', attempts: 0, claimed_by: null },
      { id: 'run_0003', status: 'running', attempts: 1, claimed_by: 'staying' },
    ]);
  });

  it('stores a checkpoint with the counts after its batch, and rewinds a re-claimed run to it', async () => {
    t = await factory.create();
    await seed(t.store, [queuedRun(1)]);
    const store = t.store;
    await claimNextRun(store, { workerId: 'w1', now: t0 });
    await recordRunIngest(store.db, 'run_0001', {
      accepted: 10,
      rejected: 1,
      checkpoint: 'p2',
      now: t0,
    });
    await recordRunIngest(store.db, 'run_0001', {
      accepted: 5,
      rejected: 0,
      checkpoint: 'p3',
      now: t0,
    });
    // A batch without a checkpoint (the worker died before the next one) counts, but is re-read on resume.
    await recordRunIngest(store.db, 'run_0001', { accepted: 7, rejected: 2, now: t0 });
    const counts = () =>
      store.db
        .selectFrom('runs')
        .select(['records_accepted', 'records_rejected', 'checkpoint_cursor'])
        .executeTakeFirstOrThrow();
    expect(await counts()).toEqual({
      records_accepted: 22,
      records_rejected: 3,
      checkpoint_cursor: 'p3',
    });
    expect(await rewindRunToCheckpoint(store.db, 'run_0001')).toBe('p3');
    expect(await counts()).toEqual({
      records_accepted: 15,
      records_rejected: 1,
      checkpoint_cursor: 'p3',
    });
  });
});

describe.each(dialects.filter(([dialect]) => dialect === 'postgres'))(
  'run claims across connections on %s',
  (_dialect, factory) => {
    let t: TestDatabase | undefined;
    afterEach(async () => {
      await t?.dispose();
      t = undefined;
    });

    it('skips a run another claimer has locked instead of waiting for it', async () => {
      t = await factory.create();
      await seed(t.store, [queuedRun(1), queuedRun(2)]);
      let locked!: () => void;
      let release!: () => void;
      const isLocked = new Promise<void>((resolve) => {
        locked = resolve;
      });
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      // A claimer that has locked the oldest run and not yet committed.
      const slow = t.store.transaction(async (trx) => {
        const row = await nextQueuedRunQuery(trx, 'postgres').executeTakeFirst();
        locked();
        await released;
        return row?.id;
      });
      await isLocked;
      const other = t.open();
      const claimed = await Promise.race([
        claimNextRun(other, { workerId: 'fast', now: t0 }),
        new Promise<'blocked'>((resolve) => setTimeout(() => resolve('blocked'), 3000)),
      ]);
      release();
      expect(await slow).toBe('run_0001');
      expect(claimed).not.toBe('blocked');
      expect(claimed).toMatchObject({ id: 'run_0002', claimed_by: 'fast' });
    });
  },
);
