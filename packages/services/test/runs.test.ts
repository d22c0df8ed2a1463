import type { Collector } from '@conn/connectors';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices } from '../src/index';
import {
  dialects,
  errorCodeOf,
  fakeGithubCollector,
  fakeTokens,
  keyedVault,
  readyDeployment,
  type ServiceFixture,
  serviceFixture,
  type TestDatabase,
  testRegistry,
} from './harness';

describe.each(dialects)('runs on %s', (_dialect, factory) => {
  let db: TestDatabase;
  let fx: ServiceFixture;

  beforeEach(async () => {
    db = await factory.create();
    fx = await serviceFixture(db.store, {
      registry: testRegistry({ githubCollector: fakeGithubCollector({ fail: true }) }),
    });
  });
  afterEach(async () => {
    await db.dispose();
  });

  async function capturedDraft(login = 'octocat') {
    const draft = await fx.services.createDraft(fx.owner, { connector: 'github', fields: {} });
    await fx.services.captureCredential(fx.owner, draft.connection_id, {
      token: fakeTokens.good(login),
    });
    return draft.connection_id;
  }

  it('leaves a draft whose first sync failed a draft, with one repair action', async () => {
    const id = await capturedDraft();
    const run = await fx.services.runNextSync('w1');
    expect(run).toMatchObject({ status: 'failed', error_code: 'collector_failed' });
    const status = await fx.services.getSetupStatus(fx.owner, id);
    expect(status).toMatchObject({
      status: 'draft',
      setup_state: 'first_sync_failed',
      remediation: { kind: 'retry_sync' },
    });
    expect(status.run?.error_code).toBe('collector_failed');
    const stored = await db.store.db
      .selectFrom('runs')
      .select(['error_message'])
      .where('connection_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.error_message).toBeNull();
    // Reconnect retries the first sync on the same draft.
    const repaired = await fx.services.reconnect(fx.owner, id);
    expect(repaired).toMatchObject({ connection_id: id, setup_state: 'first_sync_pending' });
  });

  it('offers a new credential when the provider refused it during the first sync', async () => {
    const id = await capturedDraft();
    const run = await fx.services.claimRun('w1');
    await fx.services.finishRun(run!.id, { status: 'failed', errorCode: 'credential_rejected' });
    const status = await fx.services.getSetupStatus(fx.owner, id);
    expect(status.remediation).toMatchObject({
      kind: 'replace_credential',
      action: { method: 'PUT', path: `/v1/owner/connections/${id}/credential` },
    });
    const repaired = await fx.services.reconnect(fx.owner, id);
    expect(repaired.next_step).toMatchObject({
      kind: 'capture_static_secret',
      connection_id: id,
      action: { method: 'PUT', path: `/v1/owner/connections/${id}/credential` },
    });
  });

  it('treats a first sync that accepted nothing as failed, and refuses free-text error codes', async () => {
    const id = await capturedDraft();
    const run = await fx.services.claimRun('w1');
    await fx.services.reportProgress(run!.id, { stage: 'listing' });
    expect(
      await errorCodeOf(() =>
        fx.services.finishRun(run!.id, { status: 'failed', errorCode: 'GitHub said: token xyz' }),
      ),
    ).toBe('invalid_request');
    await fx.services.finishRun(run!.id, { status: 'succeeded' });
    const status = await fx.services.getSetupStatus(fx.owner, id);
    expect(status).toMatchObject({ status: 'draft', setup_state: 'first_sync_failed' });
    expect(await errorCodeOf(() => fx.services.finishRun(run!.id, { status: 'failed' }))).toBe(
      'run_not_claimable',
    );
  });

  it('recovers the run of a dead claimer', async () => {
    const id = await capturedDraft();
    const claimed = await fx.services.claimRun('dead-worker');
    expect(claimed?.status).toBe('running');
    expect(await fx.services.claimRun('other')).toBeNull();
    fx.clock.advance(5 * 60_000);
    const recovery = await fx.services.recoverStaleRuns({ staleAfterMs: 60_000, maxAttempts: 2 });
    expect(recovery.requeued).toEqual([claimed!.id]);
    expect(await fx.services.heartbeat(claimed!.id, 'dead-worker')).toBe(false);
    const again = await fx.services.claimRun('live-worker');
    expect(again?.id).toBe(claimed!.id);
    // Claimed twice and dead twice: it ends failed, and the draft shows it.
    fx.clock.advance(5 * 60_000);
    const second = await fx.services.recoverStaleRuns({ staleAfterMs: 60_000, maxAttempts: 2 });
    expect(second.failed).toEqual([claimed!.id]);
    const status = await fx.services.getSetupStatus(fx.owner, id);
    expect(status).toMatchObject({
      setup_state: 'first_sync_failed',
      run: { error_code: 'worker_lost' },
    });
  });

  it('resumes a run whose worker died from its checkpoint and counts each record once', async () => {
    const pages = 4;
    const perPage = 20;
    const read: number[] = [];
    let dies = true;
    let died = false;
    // Pages of 20 repositories; the cursor is the next page's number.
    const paged: Collector = async ({ emit, cursor }) => {
      for (let page = Number(cursor ?? 0); page < pages; page++) {
        if (dies && page === 2) {
          dies = false;
          died = true;
          // The worker's process is killed here, its pages stored: nothing more ever happens in this attempt.
          await new Promise(() => {});
        }
        read.push(page);
        const repositories = Array.from({ length: perPage }, (_, index) => ({
          id: page * perPage + index + 1,
          full_name: `octocat/repo-${page * perPage + index + 1}`,
        }));
        await emit('repositories', repositories, String(page + 1));
      }
      return { counts: { repositories: pages * perPage } };
    };
    fx = await serviceFixture(db.store, { registry: testRegistry({ githubCollector: paged }) });
    const id = await capturedDraft();
    void fx.services.runNextSync('killed-worker');
    await expect.poll(() => died).toBe(true);
    fx.clock.advance(5 * 60_000);
    expect((await fx.services.recoverStaleRuns({ staleAfterMs: 60_000 })).requeued).toHaveLength(1);

    const resumed = await fx.services.runNextSync('live-worker');
    expect(read).toEqual([0, 1, 2, 3]);
    expect(resumed).toMatchObject({ status: 'succeeded', records_accepted: pages * perPage });
    const stored = await db.store.db
      .selectFrom('records')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('connection_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(pages * perPage);
  });

  it('never lets two Store instances on one database claim the same run', async () => {
    for (let index = 0; index < 20; index++) await capturedDraft(`user${index}`);
    const second = db.open();
    const otherServer = createServices({
      store: second,
      vault: keyedVault(),
      registry: testRegistry(),
      deployment: readyDeployment,
      clock: fx.clock.now,
    });
    const claims = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        (index % 2 === 0 ? fx.services : otherServer).claimRun(`worker-${index}`),
      ),
    );
    const ids = claims.filter((claim) => claim !== null).map((claim) => claim!.id);
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
  });
});
