import type { Collector, CollectorInput } from '@conn/connectors';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices } from '../src/index';
import {
  dialects,
  fakeTokens,
  keyedVault,
  readyDeployment,
  type ServiceFixture,
  serviceFixture,
  type TestDatabase,
  testClient,
  testRegistry,
} from './harness';
import { outboxEvents } from './outbox-events';

const hour = 3_600_000;

/** A GitHub stand-in whose behaviour the test switches between runs, recording what each run was given. */
function scriptedCollector() {
  const script = {
    fail: false,
    seen: [] as Array<CollectorInput['syncCursors']>,
    runs: 0,
  };
  const collector: Collector = async ({ emit, syncCursors }) => {
    script.runs += 1;
    script.seen.push(syncCursors);
    if (script.fail) throw new Error('provider down');
    await emit('repositories', [{ id: script.runs, full_name: `octocat/repo-${script.runs}` }]);
    return { counts: { repositories: 1 }, syncCursors: { repositories: `etag-${script.runs}` } };
  };
  return { script, collector };
}

describe.each(dialects)('scheduled syncs on %s', (_dialect, factory) => {
  let db: TestDatabase;
  let fx: ServiceFixture;
  let script: ReturnType<typeof scriptedCollector>['script'];

  beforeEach(async () => {
    db = await factory.create();
    const scripted = scriptedCollector();
    script = scripted.script;
    fx = await serviceFixture(db.store, {
      registry: testRegistry({ githubCollector: scripted.collector }),
    });
  });
  afterEach(async () => {
    await db.dispose();
  });

  async function activeGithub(): Promise<string> {
    const draft = await fx.services.createDraft(fx.owner, { connector: 'github', fields: {} });
    await fx.services.captureCredential(fx.owner, draft.connection_id, {
      token: fakeTokens.good('octocat'),
    });
    expect(await fx.services.runNextSync('w1')).toMatchObject({ status: 'succeeded' });
    return draft.connection_id;
  }

  async function queuedRuns(connectionId: string): Promise<number> {
    const rows = await db.store.db
      .selectFrom('runs')
      .select('id')
      .where('connection_id', '=', connectionId)
      .where('status', '=', 'queued')
      .execute();
    return rows.length;
  }

  it('schedules the next sync one interval after the first, and shows it in setup-status', async () => {
    const id = await activeGithub();
    const status = await fx.services.getSetupStatus(fx.owner, id);
    expect(status.health).toMatchObject({
      interval_seconds: 6 * 3_600,
      consecutive_failures: 0,
      last_failure_at: null,
      stale: false,
    });
    const lastSuccess = Date.parse(status.health!.last_success_at!);
    expect(Date.parse(status.health!.next_sync_at!) - lastSuccess).toBe(6 * hour);
    expect(await fx.services.keepSyncing()).toEqual({ queued: [], stale: [], expiring: [] });
  });

  it('queues a due sync exactly once however many schedulers race, and hands the collector its cursors', async () => {
    const id = await activeGithub();
    fx.clock.advance(6 * hour);
    const passes = await Promise.all([
      fx.services.keepSyncing(),
      fx.services.keepSyncing(),
      fx.services.keepSyncing(),
      fx.services.keepSyncing(),
    ]);
    expect(passes.flatMap((pass) => pass.queued)).toEqual([id]);
    expect(await queuedRuns(id)).toBe(1);
    expect(await fx.services.runNextSync('w1')).toMatchObject({
      kind: 'sync',
      status: 'succeeded',
    });
    expect(script.seen).toEqual([{}, { repositories: 'etag-1' }]);
    expect(await fx.services.keepSyncing()).toEqual({ queued: [], stale: [], expiring: [] });
  });

  it('backs off after failures, capped by the interval, and counts them', async () => {
    const id = await activeGithub();
    script.fail = true;
    const delays: number[] = [];
    fx.clock.advance(6 * hour);
    for (let attempt = 0; attempt < 4; attempt++) {
      if (attempt > 0) {
        // Not due a moment early, due on time.
        fx.clock.advance(delays.at(-1)! - 100);
        expect((await fx.services.keepSyncing()).queued).toEqual([]);
        fx.clock.advance(100);
      }
      expect((await fx.services.keepSyncing()).queued).toEqual([id]);
      expect(await fx.services.runNextSync('w1')).toMatchObject({ status: 'failed' });
      const { health } = await fx.services.getSetupStatus(fx.owner, id);
      delays.push(Date.parse(health!.next_sync_at!) - Date.parse(health!.last_failure_at!));
      expect(health!.consecutive_failures).toBe(attempt + 1);
    }
    expect(delays).toEqual([60_000, 120_000, 240_000, 480_000]);
  });

  it('turns a connection with no success for three intervals needs_attention once, with "sync now" as its repair, and a success repairs it', async () => {
    const id = await activeGithub();
    script.fail = true;
    fx.clock.advance(3 * hour);
    expect((await fx.services.keepSyncing()).stale).toEqual([]);
    fx.clock.advance(15 * hour);
    const pass = await fx.services.keepSyncing();
    expect(pass.stale).toEqual([id]);
    expect((await fx.services.keepSyncing()).stale).toEqual([]);
    const stale = await fx.services.getSetupStatus(fx.owner, id);
    expect(stale).toMatchObject({
      status: 'needs_attention',
      setup_state: 'needs_attention',
      health: { stale: true },
      remediation: {
        kind: 'retry_sync',
        label: 'Sync now',
        action: { method: 'POST', path: `/v1/owner/connections/${id}/sync` },
      },
    });
    const attention = (await outboxEvents(fx.services, fx.owner, { connectionId: id })).filter(
      (event) => event.type === 'connection_needs_attention',
    );
    expect(attention).toHaveLength(1);
    expect(attention[0]).toMatchObject({ reason: 'stale' });

    script.fail = false;
    const queued = await fx.services.syncNow(fx.owner, id, 'owner');
    expect(queued.run).toMatchObject({ kind: 'sync', status: 'queued' });
    expect(await fx.services.runNextSync('w1')).toMatchObject({ status: 'succeeded' });
    expect(await fx.services.getSetupStatus(fx.owner, id)).toMatchObject({
      status: 'active',
      setup_state: 'active',
      remediation: null,
      health: { stale: false, consecutive_failures: 0 },
    });
  });

  it("keeps a refused credential's own repair when the connection also goes three intervals without a success", async () => {
    const id = await activeGithub();
    const run = await fx.services.queueRun(fx.owner, id);
    await fx.services.claimRun('w1');
    await fx.services.finishRun(run.id, { status: 'failed', errorCode: 'credential_rejected' });
    fx.clock.advance(18 * hour);
    expect((await fx.services.keepSyncing()).stale).toEqual([]);
    expect(await fx.services.getSetupStatus(fx.owner, id)).toMatchObject({
      status: 'needs_attention',
      remediation: { kind: 'reconnect' },
    });
  });

  it('"sync now" answers the sync already queued instead of a second one, and refuses imports and revoked sources', async () => {
    const id = await activeGithub();
    const first = await fx.services.syncNow(fx.owner, id, 'owner');
    const again = await fx.services.syncNow(fx.owner, id, 'owner');
    expect(again.run?.id).toBe(first.run?.id);
    expect(await queuedRuns(id)).toBe(1);
    await fx.services.revoke(fx.owner, id);
    await expect(fx.services.syncNow(fx.owner, id, 'owner')).rejects.toMatchObject({
      code: 'illegal_transition',
    });
    expect((await fx.services.getSetupStatus(fx.owner, id)).health).toBeNull();
    // A revoked connection's schedule is claimed and dropped, never run.
    fx.clock.advance(6 * hour);
    expect((await fx.services.keepSyncing()).queued).toEqual([]);
  });

  it('"sync now" asked at once through two servers on one database queues one sync', async () => {
    const id = await activeGithub();
    const replica = createServices({
      store: db.open(),
      vault: keyedVault(),
      registry: testRegistry(),
      deployment: readyDeployment,
    });
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 === 0 ? fx.services : replica).syncNow(fx.owner, id, 'owner'),
      ),
    );
    expect(new Set(answers.map((answer) => answer.run?.id)).size).toBe(1);
    expect(await queuedRuns(id)).toBe(1);
  });

  it('shows a device collector silent for three intervals as needing attention, with "run the collector" on that device', async () => {
    const grant = await fx.services.mintEnrollmentCode(fx.owner, { connector: 'claude-code' });
    const { connection_id: id, run_id: runId } = await fx.services.exchangeEnrollmentCode(
      grant.enrollment_code,
      'laptop',
      testClient,
    );
    await fx.services.ingestRecords({
      connectionId: id,
      runId,
      stream: 'sessions',
      records: [{ session_id: 's-1' }],
    });
    await fx.services.finishRun(runId, { status: 'succeeded' });
    const live = await fx.services.getSetupStatus(fx.owner, id);
    // The server never syncs a device collector: no next sync, only its expected cadence (a day).
    expect(live.health).toMatchObject({ interval_seconds: 86_400, next_sync_at: null });
    fx.clock.advance(3 * 24 * hour);
    expect(await fx.services.keepSyncing()).toEqual({ queued: [], stale: [id], expiring: [] });
    expect(await fx.services.getSetupStatus(fx.owner, id)).toMatchObject({
      status: 'needs_attention',
      health: { stale: true },
      remediation: { kind: 'retry_sync', label: 'Run the collector', action: null },
    });
  });

  it("keeps another owner's connection out of reach", async () => {
    const id = await activeGithub();
    await expect(fx.services.syncNow(fx.otherOwner, id, 'owner')).rejects.toMatchObject({
      code: 'connection_not_found',
    });
  });
});
