import { getConnection } from '@conn/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { raiseEvent } from '../src/events/raise-event';
import { createServices, type Services } from '../src/index';
import { runProgressEveryMs } from '../src/runs/raise-run-progress';
import { applyTransition } from '../src/shared/apply-transition';
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
import { outboxEvents, outboxMark } from './outbox-events';

describe.each(dialects)('the event outbox on %s', (_dialect, factory) => {
  let db: TestDatabase;
  let fx: ServiceFixture;

  beforeEach(async () => {
    db = await factory.create();
    fx = await serviceFixture(db.store);
  });
  afterEach(async () => {
    await db.dispose();
  });

  /** An active GitHub connection, its first sync done. */
  async function activeConnection(): Promise<string> {
    const { connection_id } = await fx.services.createDraft(fx.owner, {
      connector: 'github',
      fields: {},
    });
    await fx.services.captureCredential(fx.owner, connection_id, {
      token: fakeTokens.good('octocat'),
    });
    await fx.services.runNextSync('worker-1');
    return connection_id;
  }

  describe('rolled-back changes publish nothing', () => {
    it('a transition whose transaction throws after the change', async () => {
      const id = await activeConnection();
      const mark = await outboxMark(fx.services, fx.owner);
      expect(mark).toBeGreaterThan(0);
      await expect(
        db.store.transaction(async (trx) => {
          const connection = await getConnection(trx, id);
          const { changed } = await applyTransition(
            trx,
            connection,
            { type: 'revoked' },
            fx.clock.now(),
          );
          expect(changed).toBe(true);
          // The change and its event are in the transaction now: undo both.
          expect((await getConnection(trx, id)).status).toBe('revoked');
          throw new Error('after the change');
        }),
      ).rejects.toThrow('after the change');
      expect(await outboxEvents(fx.services, fx.owner, { after: mark })).toEqual([]);
      expect((await fx.services.getSetupStatus(fx.owner, id)).status).toBe('active');

      // The same change committed publishes its event: the rollback, not the path, held it back.
      await fx.services.revoke(fx.owner, id);
      expect(
        (await outboxEvents(fx.services, fx.owner, { after: mark })).map((e) => e.type),
      ).toEqual(['connection_revoked']);
    });

    it('an event the published schema refuses rolls back the change it reports', async () => {
      const id = await activeConnection();
      const mark = await outboxMark(fx.services, fx.owner);
      await expect(
        db.store.transaction(async (trx) => {
          const connection = await getConnection(trx, id);
          await applyTransition(trx, connection, { type: 'revoked' }, fx.clock.now());
          // A stray field, as a careless caller might pass a provider's message along.
          raiseEvent(trx, fx.owner, fx.clock.now(), {
            type: 'connection_revoked',
            connector: 'github',
            connection_id: id,
            message: 'free text',
          } as never);
        }),
      ).rejects.toThrow();
      expect(await outboxEvents(fx.services, fx.owner, { after: mark })).toEqual([]);
      expect((await fx.services.getSetupStatus(fx.owner, id)).status).toBe('active');
    });

    it('refuses to raise an event outside a transaction', () => {
      expect(() =>
        raiseEvent(db.store.db, fx.owner, fx.clock.now(), {
          type: 'intent_created',
          connector: 'github',
        }),
      ).toThrow();
    });
  });

  describe('run_progress', () => {
    /** An enrolled device collector's first run, as the device reports it. */
    async function deviceRun() {
      const grant = await fx.services.mintEnrollmentCode(fx.owner, { connector: 'claude-code' });
      return fx.services.exchangeEnrollmentCode(grant.enrollment_code, 'laptop', testClient);
    }
    const progressOf = async (connectionId: string) =>
      (await outboxEvents(fx.services, fx.owner, { connectionId })).filter(
        (e) => e.type === 'run_progress',
      );
    const report = (
      services: Services,
      run: { run_id: string; connection_id: string },
      n: number,
    ) =>
      services.reportProgress(
        run.run_id,
        { stage: 'sessions', counts: { accepted: n } },
        { connectionId: run.connection_id },
      );

    it('publishes at most one per run every 2 s, with the counts of the report that got through', async () => {
      const run = await deviceRun();
      for (let n = 1; n <= 10; n++) await report(fx.services, run, n);
      expect((await progressOf(run.connection_id)).map((e) => e.records_accepted)).toEqual([1]);

      fx.clock.advance(runProgressEveryMs);
      await report(fx.services, run, 11);
      await report(fx.services, run, 12);
      const published = await progressOf(run.connection_id);
      expect(published.map((e) => e.records_accepted)).toEqual([1, 11]);
      expect(published.every((e) => e.run_id === run.run_id)).toBe(true);
    });

    it('is decided by the outbox, so two replicas reporting at once publish one', async () => {
      const run = await deviceRun();
      const replica = createServices({
        store: db.open(),
        vault: keyedVault(),
        registry: testRegistry(),
        deployment: readyDeployment,
        clock: fx.clock.now,
      });
      await Promise.all(
        Array.from({ length: 12 }, (_, n) =>
          report(n % 2 === 0 ? fx.services : replica, run, n + 1),
        ),
      );
      expect(await progressOf(run.connection_id)).toHaveLength(1);

      // Past the window, whichever replica reports next publishes, and only once.
      fx.clock.advance(runProgressEveryMs);
      await report(replica, run, 20);
      await report(fx.services, run, 21);
      expect((await progressOf(run.connection_id)).map((e) => e.records_accepted)).toEqual([
        expect.any(Number),
        20,
      ]);
    });

    it('does not hold back a new run behind the previous run’s progress', async () => {
      const run = await deviceRun();
      await report(fx.services, run, 1);
      await fx.services.ingestRecords({
        connectionId: run.connection_id,
        runId: run.run_id,
        stream: 'sessions',
        records: [{ session_id: 's1' }],
      });
      await fx.services.finishRun(
        run.run_id,
        { status: 'succeeded' },
        {
          connectionId: run.connection_id,
        },
      );
      const next = await fx.services.openCollectorRun({
        connectionId: run.connection_id,
        tokenId: run.token_id,
      });
      await report(fx.services, { run_id: next.id, connection_id: run.connection_id }, 5);
      expect((await progressOf(run.connection_id)).map((e) => e.run_id)).toEqual([
        run.run_id,
        next.id,
      ]);
    });
  });
});
