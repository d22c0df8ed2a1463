import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  dialects,
  errorCodeOf,
  fakeTokens,
  type ServiceFixture,
  serviceFixture,
  type TestDatabase,
  testClient,
} from './harness';

describe.each(dialects)('ingest and activation on %s', (_dialect, factory) => {
  let db: TestDatabase;
  let fx: ServiceFixture;

  beforeEach(async () => {
    db = await factory.create();
    fx = await serviceFixture(db.store);
  });
  afterEach(async () => {
    await db.dispose();
  });

  /** A claude-code draft with an enrolled collector, ready for its first ingest. */
  async function enrolledDraft() {
    const grant = await fx.services.mintEnrollmentCode(fx.owner, { connector: 'claude-code' });
    const enrollment = await fx.services.exchangeEnrollmentCode(
      grant.enrollment_code,
      'laptop',
      testClient,
    );
    return enrollment;
  }

  async function count(table: 'records' | 'proofs' | 'audit_events', connectionId?: string) {
    const row = await db.store.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .$if(connectionId !== undefined, (q) => q.where('connection_id', '=', connectionId ?? ''))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('activates exactly once under 100 concurrent first ingests and keeps every record', async () => {
    const { connection_id, run_id } = await enrolledDraft();
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, batch) =>
        fx.services.ingestRecords({
          connectionId: connection_id,
          runId: batch % 2 === 0 ? run_id : null,
          stream: 'sessions',
          records: [
            { session_id: `s-${batch}-a`, started: batch },
            { session_id: `s-${batch}-b`, started: batch },
          ],
        }),
      ),
    );
    expect(results.filter((result) => result.activated)).toHaveLength(1);
    expect(results.every((result) => result.status === 'active')).toBe(true);
    expect(await count('records', connection_id)).toBe(200);
    const activations = await db.store.db
      .selectFrom('audit_events')
      .select('id')
      .where('connection_id', '=', connection_id)
      .where('action', '=', 'connection.activated')
      .execute();
    expect(activations).toHaveLength(1);
    const status = await fx.services.getSetupStatus(fx.owner, connection_id);
    expect(status).toMatchObject({ status: 'active', setup_state: 'active', records_total: 200 });
    expect(status.run?.records_accepted).toBe(100);
    expect(status.expires_at).toBeNull();
    // local_collector is not proof-gated: no proof is recorded for it.
    expect(await count('proofs')).toBe(0);
  });

  it('does not activate on a batch with no accepted record', async () => {
    const { connection_id } = await enrolledDraft();
    const result = await fx.services.ingestRecords({
      connectionId: connection_id,
      stream: 'sessions',
      records: [{ no_key: 1 }],
    });
    expect(result).toMatchObject({ accepted: 0, rejected: 1, activated: false, status: 'draft' });
    expect(result.rejections[0]?.reason).toContain('session_id');
    expect((await fx.services.getSetupStatus(fx.owner, connection_id)).status).toBe('draft');
  });

  it('refuses records for a draft whose collector never enrolled, and for unknown streams', async () => {
    const grant = await fx.services.mintEnrollmentCode(fx.owner, { connector: 'claude-code' });
    expect(
      await errorCodeOf(() =>
        fx.services.ingestRecords({
          connectionId: grant.connection_id,
          stream: 'sessions',
          records: [{ session_id: 'x' }],
        }),
      ),
    ).toBe('illegal_transition');
    const { connection_id } = await enrolledDraft();
    expect(
      await errorCodeOf(() =>
        fx.services.ingestRecords({ connectionId: connection_id, stream: 'nope', records: [] }),
      ),
    ).toBe('invalid_request');
    expect(await count('records')).toBe(0);
  });

  it('refuses ingest into revoked connections and retired drafts, keeping what was collected', async () => {
    const { connection_id } = await enrolledDraft();
    await fx.services.ingestRecords({
      connectionId: connection_id,
      stream: 'sessions',
      records: [{ session_id: 'kept' }],
    });
    await fx.services.revoke(fx.owner, connection_id);
    expect(
      await errorCodeOf(() =>
        fx.services.ingestRecords({
          connectionId: connection_id,
          stream: 'sessions',
          records: [{ session_id: 'late' }],
        }),
      ),
    ).toBe('illegal_transition');
    expect(await count('records', connection_id)).toBe(1);

    const shell = await fx.services.createBrowserShell(fx.owner, 'amazon');
    await fx.services.abandonEnrollment(fx.owner, shell.connection_id);
    expect(
      await errorCodeOf(() =>
        fx.services.ingestRecords({
          connectionId: shell.connection_id,
          stream: 'orders',
          records: [{ order_id: '1' }],
        }),
      ),
    ).toBe('illegal_transition');
  });

  it('records the first proof of a gated path once, and the plan flips to supported', async () => {
    expect((await fx.services.planFor(fx.owner, 'github')).support_state).toBe('proof_gated');
    const drafts = await Promise.all(
      ['octocat', 'hubot'].map(async (login) => {
        const draft = await fx.services.createDraft(fx.owner, { connector: 'github', fields: {} });
        await fx.services.captureCredential(fx.owner, draft.connection_id, {
          token: fakeTokens.good(login),
        });
        return draft.connection_id;
      }),
    );
    // Two workers activate both drafts at the same time: one proof only.
    const runs = await Promise.all([
      fx.services.runNextSync('worker-a'),
      fx.services.runNextSync('worker-b'),
    ]);
    expect(runs.map((run) => run?.status)).toEqual(['succeeded', 'succeeded']);
    const proofs = await db.store.db.selectFrom('proofs').selectAll().execute();
    expect(proofs).toHaveLength(1);
    expect(proofs[0]).toMatchObject({
      connector: 'github',
      modality: 'static_secret',
      record_count: 3,
    });
    expect(drafts).toContain(proofs[0]?.connection_id);
    const plan = await fx.services.planFor(fx.owner, 'github');
    expect(plan.support_state).toBe('supported');
    expect(plan.next_step.unproven).toBe(false);
  });

  it('counts each record once in setup-status, the stream counts and the holdings, whatever is re-sent', async () => {
    const { connection_id, run_id } = await enrolledDraft();
    const session = (id: string, version: number) => ({ session_id: id, version });
    const message = (id: string) => ({ uuid: id, text: id });
    const expectCounts = async (sessions: number, messages: number) => {
      expect(await count('records', connection_id)).toBe(sessions + messages);
      const status = await fx.services.getSetupStatus(fx.owner, connection_id);
      expect(status.records_total).toBe(sessions + messages);
      const { streams } = await fx.services.countStreamRecords(fx.owner, connection_id);
      expect(streams).toEqual(
        [
          { stream: 'messages', records: messages },
          { stream: 'sessions', records: sessions },
        ].filter((row) => row.records > 0),
      );
      const holdings = await fx.services.summarizeConnections(fx.owner);
      expect(holdings.get('claude-code')?.records).toBe(sessions + messages);
    };

    // A key sent twice in one batch, then the same keys again (one changed), then new ones.
    const ingest = (stream: string, records: Record<string, unknown>[]) =>
      fx.services.ingestRecords({ connectionId: connection_id, runId: run_id, stream, records });
    await ingest('sessions', [session('a', 1), session('b', 1), session('a', 2)]);
    await expectCounts(2, 0);
    await ingest('sessions', [session('a', 2), session('b', 3)]);
    await expectCounts(2, 0);
    await Promise.all([
      ingest('sessions', [session('b', 4), session('c', 1)]),
      ingest('sessions', [session('c', 2), session('d', 1)]),
      ingest('messages', [message('m1'), message('m2'), message('m1')]),
    ]);
    await expectCounts(4, 2);
  });
});
