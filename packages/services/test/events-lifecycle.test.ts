import type { Collector } from '@conn/connectors';
import {
  type ConnectionEvent,
  type EventType,
  type LifecycleEvent,
  type LifecycleEventType,
  type LifecycleStatus,
  legalTransitions,
} from '@conn/setup-engine';
import { getConnection } from '@conn/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventContext } from '../src/events/raise-transition-events';
import { applyTransition } from '../src/shared/apply-transition';
import { authorizeGitlab, FakeProvider, fakeGitlabApp } from './fake-oauth-provider';
import {
  dialects,
  fakeTokens,
  type ServiceFixture,
  serviceFixture,
  type TestDatabase,
  testRegistry,
} from './harness';
import { outboxEvents, outboxMark } from './outbox-events';

const gitlabCollector: Collector = async () => ({ counts: {} });
const day = 24 * 3600_000;

/** A lifecycle pair as `from→event`, `none` standing for "no connection yet". */
type Pair = `${'none' | Exclude<LifecycleStatus, null>}→${LifecycleEventType}`;
const pairOf = (from: LifecycleStatus, event: LifecycleEventType): Pair =>
  `${from ?? 'none'}→${event}`;

/** What driving one pair did: the connection it happened to, and the other events the service published with it. */
interface Driven {
  connectionId: string;
  /** Events of the same call that are not the transition's own (a queued run, a proof). */
  also: EventType[];
}

describe.each(dialects)(
  'every lifecycle transition publishes its events on %s',
  (_dialect, factory) => {
    let db: TestDatabase;
    let fx: ServiceFixture;
    let provider: FakeProvider;

    beforeEach(async () => {
      db = await factory.create();
      provider = new FakeProvider();
      fx = await serviceFixture(db.store, {
        registry: testRegistry().register('gitlab', { collector: gitlabCollector }),
        fetch: provider.fetch,
      });
    });
    afterEach(async () => {
      await db.dispose();
    });

    // Connections put in each status through the services, as an owner would get there.
    const s = () => fx.services;
    const draft = async () =>
      (await s().createDraft(fx.owner, { connector: 'github', fields: {} })).connection_id;
    // Every connection here is octocat's: each a second connection of it, on purpose.
    const keep = { sameAccount: 'keep' } as const;
    const withCredential = async () => {
      const id = await draft();
      await s().captureCredential(fx.owner, id, { token: fakeTokens.good('octocat') }, keep);
      return id;
    };
    const ingest = (connectionId: string) =>
      s().ingestRecords({ connectionId, stream: 'repositories', records: [{ id: 1 }] });
    const active = async () => {
      const id = await withCredential();
      await ingest(id);
      // Its first sync ran out: later syncs queue fresh runs.
      const run = await s().claimRun('walk');
      await s().finishRun(run!.id, { status: 'succeeded' });
      return id;
    };
    /** A sync the provider refused: the engine's `refresh_failed` on a live connection. */
    const refuseSync = async (id: string) => {
      await s().queueRun(fx.owner, id);
      const run = await s().claimRun('walk');
      await s().finishRun(run!.id, { status: 'failed', errorCode: 'credential_rejected' });
    };
    /** Active with a token the provider said expires in six days: inside the week's notice. */
    const activeExpiring = async () => {
      const id = await draft();
      const ends = new Date(fx.clock.now().getTime() + 6 * day).toISOString();
      await s().captureCredential(
        fx.owner,
        id,
        { token: fakeTokens.expiring('octocat', ends) },
        keep,
      );
      await ingest(id);
      const run = await s().claimRun('walk');
      await s().finishRun(run!.id, { status: 'succeeded' });
      return id;
    };
    const needsAttention = async () => {
      const id = await active();
      await refuseSync(id);
      return id;
    };
    const revoked = async () => {
      const id = await active();
      await s().revoke(fx.owner, id);
      return id;
    };
    /** Applies an event no service applies from this status, the way services apply it. */
    const applyAsServicesWould = (
      id: string,
      type: LifecycleEvent['type'],
      context: EventContext,
    ) =>
      db.store.transaction(async (trx) => {
        const connection = await getConnection(trx, id);
        await applyTransition(
          trx,
          connection,
          { type } as LifecycleEvent,
          fx.clock.now(),
          {},
          context,
        );
      });
    const failedFirstSync = async () => {
      const id = await withCredential();
      const run = await s().claimRun('walk');
      await s().finishRun(run!.id, { status: 'failed', errorCode: 'sync_failed' });
      return id;
    };
    const gitlab = async () => (await authorizeGitlab(s(), provider, fx.owner)).connection_id;
    const gitlabNeedingAttention = async () => {
      const id = await gitlab();
      await refuseSync(id);
      return id;
    };

    /**
     * How each legal pair is driven, through the service that applies it. The
     * set of keys must equal the engine's legal transitions, so a new rule
     * without a driver here fails this test.
     */
    const drivers: Partial<Record<Pair, (mark: () => Promise<void>) => Promise<Driven>>> = {
      'none→draft_created': async (mark) => {
        await mark();
        return { connectionId: await draft(), also: [] };
      },
      'draft→credential_captured': async (mark) => {
        const id = await draft();
        await mark();
        await s().captureCredential(fx.owner, id, { token: fakeTokens.good('octocat') }, keep);
        return { connectionId: id, also: ['run_queued'] };
      },
      'active→credential_captured': async (mark) => {
        const id = await active();
        await mark();
        await s().captureCredential(fx.owner, id, { token: fakeTokens.good('octocat-2') });
        return { connectionId: id, also: [] };
      },
      'needs_attention→credential_captured': async (mark) => {
        const id = await needsAttention();
        await mark();
        await s().captureCredential(fx.owner, id, { token: fakeTokens.good('octocat-3') });
        return { connectionId: id, also: ['run_queued'] };
      },
      'draft→credential_rejected': async (mark) => {
        const id = await draft();
        await mark();
        await expect(
          s().captureCredential(fx.owner, id, { token: fakeTokens.rejected }),
        ).rejects.toThrow();
        return { connectionId: id, also: [] };
      },
      'active→credential_rejected': async (mark) => {
        const id = await active();
        await mark();
        await expect(
          s().captureCredential(fx.owner, id, { token: fakeTokens.rejected }),
        ).rejects.toThrow();
        return { connectionId: id, also: [] };
      },
      'needs_attention→credential_rejected': async (mark) => {
        const id = await needsAttention();
        await mark();
        await expect(
          s().captureCredential(fx.owner, id, { token: fakeTokens.rejected }),
        ).rejects.toThrow();
        return { connectionId: id, also: [] };
      },
      'draft→replacement_rejected': async (mark) => {
        // A draft whose first sync failed holds a validated credential: a refused replacement keeps it.
        const id = await failedFirstSync();
        await mark();
        await expect(
          s().captureCredential(fx.owner, id, { token: fakeTokens.rejected }),
        ).rejects.toThrow();
        return { connectionId: id, also: [] };
      },
      ...Object.fromEntries(
        (['active', 'needs_attention'] as const).map((from) => [
          `${from}→replacement_rejected`,
          async (mark: () => Promise<void>) => {
            // Services refuse a live connection's replacement as `credential_rejected`: apply it the way they would.
            const id = from === 'active' ? await active() : await needsAttention();
            await mark();
            await applyAsServicesWould(id, 'replacement_rejected', { code: 'credential_rejected' });
            return { connectionId: id, also: [] };
          },
        ]),
      ),
      'draft→first_ingest_accepted': async (mark) => {
        const id = await withCredential();
        await mark();
        await ingest(id);
        return { connectionId: id, also: [] };
      },
      'needs_attention→first_ingest_accepted': async (mark) => {
        const id = await needsAttention();
        await mark();
        await ingest(id);
        return { connectionId: id, also: [] };
      },
      'active→first_ingest_accepted': async (mark) => {
        const id = await active();
        await mark();
        await ingest(id);
        return { connectionId: id, also: [] };
      },
      'draft→first_sync_failed': async (mark) => {
        const id = await withCredential();
        const run = await s().claimRun('walk');
        await mark();
        await s().finishRun(run!.id, { status: 'failed', errorCode: 'sync_failed' });
        return { connectionId: id, also: [] };
      },
      'draft→shell_expired': async (mark) => {
        const id = await draft();
        await mark();
        fx.clock.advance(2 * day);
        await s().sweepExpired();
        return { connectionId: id, also: [] };
      },
      'draft→shell_abandoned': async (mark) => {
        const id = await draft();
        await mark();
        await s().abandonEnrollment(fx.owner, id);
        return { connectionId: id, also: [] };
      },
      'none→authorization_completed': async (mark) => {
        await mark();
        // authorization_started names no connection yet: it is not this connection's.
        return { connectionId: await gitlab(), also: ['run_queued'] };
      },
      'needs_attention→authorization_completed': async (mark) => {
        const id = await gitlabNeedingAttention();
        await mark();
        await authorizeGitlab(s(), provider, fx.owner, { connection_id: id });
        return { connectionId: id, also: ['authorization_started', 'run_queued'] };
      },
      'active→authorization_completed': async (mark) => {
        const id = await gitlab();
        const run = await s().claimRun('walk');
        await s().finishRun(run!.id, { status: 'succeeded' });
        await mark();
        await authorizeGitlab(s(), provider, fx.owner, { connection_id: id });
        return { connectionId: id, also: ['authorization_started', 'run_queued'] };
      },
      'active→refresh_failed': async (mark) => {
        const id = await active();
        await s().queueRun(fx.owner, id);
        const run = await s().claimRun('walk');
        await mark();
        await s().finishRun(run!.id, { status: 'failed', errorCode: 'credential_rejected' });
        return { connectionId: id, also: ['run_failed'] };
      },
      'needs_attention→refresh_failed': async (mark) => {
        // No service applies it (a connection under repair runs no sync): apply it the way they would.
        const id = await needsAttention();
        await mark();
        await applyAsServicesWould(id, 'refresh_failed', { reason: 'credential_rejected' });
        return { connectionId: id, also: [] };
      },
      'active→sync_stale': async (mark) => {
        const id = await active();
        await mark();
        // Three intervals (6 h each) pass without a success; the due sync is queued in the same pass.
        fx.clock.advance(18 * 3_600_000);
        await s().keepSyncing();
        return { connectionId: id, also: ['run_queued'] };
      },
      'needs_attention→sync_stale': async (mark) => {
        // The scheduler skips connections already needing attention: apply it the way it would.
        const id = await needsAttention();
        await mark();
        await applyAsServicesWould(id, 'sync_stale', { reason: 'stale' });
        return { connectionId: id, also: [] };
      },
      'active→credential_expiring': async (mark) => {
        const id = await activeExpiring();
        await mark();
        await s().keepSyncing();
        return { connectionId: id, also: [] };
      },
      'needs_attention→credential_expiring': async (mark) => {
        // The scheduler raises it for active connections only: apply it the way it would.
        const id = await needsAttention();
        await mark();
        await applyAsServicesWould(id, 'credential_expiring', { reason: 'credential_expiring' });
        return { connectionId: id, also: [] };
      },
      'needs_attention→sync_recovered': async (mark) => {
        const id = await needsAttention();
        await s().queueRun(fx.owner, id);
        const run = await s().claimRun('walk');
        await mark();
        await s().finishRun(run!.id, { status: 'succeeded' });
        return { connectionId: id, also: ['run_succeeded'] };
      },
      'active→sync_recovered': async (mark) => {
        const id = await active();
        await s().queueRun(fx.owner, id);
        const run = await s().claimRun('walk');
        await mark();
        await s().finishRun(run!.id, { status: 'succeeded' });
        return { connectionId: id, also: ['run_succeeded'] };
      },
      'active→revoked': async (mark) => {
        const id = await active();
        await mark();
        await s().revoke(fx.owner, id);
        return { connectionId: id, also: [] };
      },
      'needs_attention→revoked': async (mark) => {
        const id = await needsAttention();
        await mark();
        await s().revoke(fx.owner, id);
        return { connectionId: id, also: [] };
      },
      'revoked→revoked': async (mark) => {
        const id = await revoked();
        await mark();
        await s().revoke(fx.owner, id);
        return { connectionId: id, also: [] };
      },
      'draft→reconnect_started': async (mark) => {
        const id = await failedFirstSync();
        await mark();
        await s().reconnect(fx.owner, id);
        // The failed first sync is retried at once.
        return { connectionId: id, also: ['run_queued'] };
      },
      'needs_attention→reconnect_started': async (mark) => {
        const id = await needsAttention();
        await mark();
        await s().reconnect(fx.owner, id);
        return { connectionId: id, also: [] };
      },
      'revoked→reconnect_started': async (mark) => {
        const id = await revoked();
        await mark();
        await s().reconnect(fx.owner, id);
        return { connectionId: id, also: [] };
      },
    };

    /** Ends every queued run, so the next pair's claim takes its own connection's run. */
    const drainQueue = async () => {
      for (let run = await s().claimRun('drain'); run; run = await s().claimRun('drain')) {
        await s().finishRun(run.id, { status: 'cancelled' });
      }
    };

    it('drives every legal pair and finds exactly the events the engine names for it', async () => {
      expect(Object.keys(drivers).sort()).toEqual(
        legalTransitions()
          .map(({ from, event }) => pairOf(from, event))
          .sort(),
      );
      await fx.services.saveProviderApp(fx.owner, 'gitlab', fakeGitlabApp);
      // The deployment's first activation records the proof; record it up front so no pair sees one.
      await active();
      expect((await outboxEvents(s(), fx.owner)).map((e) => e.type)).toContain('proof_recorded');

      for (const { from, event, to } of legalTransitions()) {
        const pair = pairOf(from, event);
        const drive = drivers[pair];
        if (drive === undefined) throw new Error(`no driver for ${pair}`);
        await drainQueue();
        let after = 0;
        const driven = await drive(async () => {
          after = await outboxMark(s(), fx.owner);
        });
        expect(after, `${pair} marked the outbox`).toBeGreaterThan(0);
        const published: ConnectionEvent[] = await outboxEvents(s(), fx.owner, { after });
        const mine = published.filter((e) => e.connection_id === driven.connectionId);
        const theirs = mine.filter((e) => !driven.also.includes(e.type)).map((e) => e.type);
        expect(theirs, pair).toEqual([...to.emits]);
        expect(
          mine.map((e) => e.type).filter((type) => driven.also.includes(type)),
          `${pair}: the other events of the call`,
        ).toEqual(driven.also);
      }
    });
  },
);
