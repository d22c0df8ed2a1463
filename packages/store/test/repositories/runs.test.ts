import { afterEach, describe, expect, it } from 'vitest';
import {
  cancelOpenRuns,
  finishOpenRun,
  recordRunIngest,
  recordRunProgress,
  startQueuedRun,
} from '../../src/repositories/run-writes';
import { findOpenRun, getRun, listLatestRuns, listRunsByIds } from '../../src/repositories/runs';
import { dialects, type TestDatabase } from '../dialects';
import { connection, later, run, seedOwner } from './fixtures';

describe.each(dialects)('runs repository on %s', (_dialect, factory) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  async function seed(test: TestDatabase): Promise<void> {
    const { db } = test.store;
    await seedOwner(db);
    await db
      .insertInto('connections')
      .values([connection('con_1', 0), connection('con_2', 1), connection('con_3', 2)])
      .execute();
  }

  it('raises progress counts but never lowers them, and adds concurrent ingest batches', async () => {
    t = await factory.create();
    await seed(t);
    const { store } = t;
    await store.db
      .insertInto('runs')
      .values(run('run_1', 'con_1', 0))
      .execute();

    expect(await startQueuedRun(store.db, 'run_1', later(1_000))).toBe(true);
    expect(await startQueuedRun(store.db, 'run_1', later(2_000))).toBe(false);
    await Promise.all(
      Array.from({ length: 10 }, () =>
        store.transaction((trx) =>
          recordRunIngest(trx, 'run_1', { accepted: 5, rejected: 1, now: later(3_000) }),
        ),
      ),
    );
    // A collector's own, lower count does not undo what ingest counted.
    await recordRunProgress(store.db, 'run_1', {
      stage: 'messages',
      accepted: 20,
      now: later(4_000),
    });
    expect(await getRun(store.db, 'run_1')).toMatchObject({
      status: 'running',
      stage: 'messages',
      records_accepted: 50,
      records_rejected: 10,
      started_at: later(1_000).toISOString(),
      heartbeat_at: later(4_000).toISOString(),
    });
    await recordRunProgress(store.db, 'run_1', { stage: 'done', accepted: 80, now: later(5_000) });
    expect((await getRun(store.db, 'run_1')).records_accepted).toBe(80);
  });

  it('ends an open run once; a finished run takes no progress and is not open', async () => {
    t = await factory.create();
    await seed(t);
    const { db } = t.store;
    await db
      .insertInto('runs')
      .values(run('run_1', 'con_1', 0))
      .execute();

    const end = { status: 'failed', errorCode: 'sync_failed', now: later(1_000) } as const;
    expect(await finishOpenRun(db, 'run_1', end)).toBe(true);
    expect(await finishOpenRun(db, 'run_1', { ...end, status: 'succeeded' })).toBe(false);
    expect(await recordRunProgress(db, 'run_1', { stage: 'late', now: later(2_000) })).toBe(false);
    expect(await findOpenRun(db, 'con_1')).toBeUndefined();
    expect(await getRun(db, 'run_1')).toMatchObject({
      status: 'failed',
      error_code: 'sync_failed',
    });
  });

  it('finds the open run, cancels only open runs, and reads the latest run of each connection', async () => {
    t = await factory.create();
    await seed(t);
    const { db } = t.store;
    await db
      .insertInto('runs')
      .values([
        run('run_a', 'con_1', 0, { status: 'succeeded' }),
        run('run_b', 'con_1', 10),
        run('run_c', 'con_2', 20, { status: 'running' }),
        // Same creation time as run_c: the id breaks the tie.
        run('run_d', 'con_2', 20, { status: 'failed' }),
      ])
      .execute();

    expect((await findOpenRun(db, 'con_1'))?.id).toBe('run_b');
    const latest = await listLatestRuns(db, ['con_1', 'con_2', 'con_3']);
    expect(latest.map((row) => row.id).sort()).toEqual(['run_b', 'run_d']);
    expect(await cancelOpenRuns(db, 'con_2', { errorCode: 'revoked', now: later(30) })).toBe(1);
    expect((await getRun(db, 'run_d')).status).toBe('failed');
    expect(await getRun(db, 'run_c')).toMatchObject({ status: 'cancelled', error_code: 'revoked' });
    // PostgreSQL refuses an empty IN list; the repository answers without asking.
    expect(await listLatestRuns(db, [])).toEqual([]);
    expect(await listRunsByIds(db, [])).toEqual([]);
  });
});
