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

describe.each(dialects)('revoke and reconnect on %s', (_dialect, factory) => {
  let db: TestDatabase;
  let fx: ServiceFixture;

  beforeEach(async () => {
    db = await factory.create();
    fx = await serviceFixture(db.store);
  });
  afterEach(async () => {
    await db.dispose();
  });

  async function activeCollector() {
    const grant = await fx.services.mintEnrollmentCode(fx.owner, { connector: 'claude-code' });
    const enrollment = await fx.services.exchangeEnrollmentCode(
      grant.enrollment_code,
      'laptop',
      testClient,
    );
    await fx.services.ingestRecords({
      connectionId: enrollment.connection_id,
      runId: enrollment.run_id,
      stream: 'sessions',
      records: [{ session_id: 'one' }, { session_id: 'two' }],
    });
    return enrollment;
  }

  it('revokes: collection stops, records stay, the connection stays listed with reconnect', async () => {
    const { connection_id, run_id } = await activeCollector();
    const status = await fx.services.revoke(fx.owner, connection_id);
    expect(status).toMatchObject({
      status: 'revoked',
      setup_state: 'revoked',
      records_total: 2,
      remediation: { kind: 'reconnect' },
      credential: { kind: 'collector_token', present: false },
      run: { id: run_id, status: 'cancelled' },
    });
    expect(status.revoked_at).not.toBeNull();
    const listed = await fx.services.listConnections(fx.owner);
    expect(listed.items.map((item) => item.connection_id)).toEqual([connection_id]);
    expect(await fx.services.revoke(fx.owner, connection_id)).toMatchObject({ status: 'revoked' });
    expect(await errorCodeOf(() => fx.services.revoke(fx.otherOwner, connection_id))).toBe(
      'connection_not_found',
    );
  });

  it('reconnects a revoked collector connection on the same id through a fresh code', async () => {
    const { connection_id } = await activeCollector();
    await fx.services.revoke(fx.owner, connection_id);
    const repair = await fx.services.reconnect(fx.owner, connection_id);
    expect(repair).toMatchObject({ connection_id, setup_state: 'needs_attention' });
    expect(repair.next_step).toMatchObject({ kind: 'enroll_local_collector', connection_id });
    const enrollment = await fx.services.exchangeEnrollmentCode(
      repair.next_step.enrollment_code!,
      'new laptop',
      testClient,
    );
    expect(enrollment.connection_id).toBe(connection_id);
    const result = await fx.services.ingestRecords({
      connectionId: connection_id,
      runId: enrollment.run_id,
      stream: 'sessions',
      records: [{ session_id: 'three' }],
    });
    expect(result).toMatchObject({ activated: true, status: 'active' });
    const status = await fx.services.getSetupStatus(fx.owner, connection_id);
    expect(status).toMatchObject({ status: 'active', records_total: 3, revoked_at: null });
  });

  it('reconnects a revoked static-secret connection to its own credential step', async () => {
    const draft = await fx.services.createDraft(fx.owner, { connector: 'github', fields: {} });
    await fx.services.captureCredential(fx.owner, draft.connection_id, {
      token: fakeTokens.good('octocat'),
    });
    await fx.services.runNextSync('w');
    await fx.services.revoke(fx.owner, draft.connection_id);
    const intent = await fx.services.createIntent(fx.owner, 'agent:agt_1', {
      connector: 'github',
      reconnect_connection_id: draft.connection_id,
    });
    expect(intent).toMatchObject({
      status: 'pending_owner_action',
      connection_id: draft.connection_id,
    });
    expect(intent.next_step).toMatchObject({
      kind: 'capture_static_secret',
      action: { method: 'PUT', path: `/v1/owner/connections/${draft.connection_id}/credential` },
    });
    const captured = await fx.services.captureCredential(fx.owner, draft.connection_id, {
      token: fakeTokens.good('octocat'),
    });
    expect(captured).toMatchObject({
      status: 'needs_attention',
      run: { kind: 'sync', status: 'queued' },
    });
    await fx.services.runNextSync('w');
    expect((await fx.services.getSetupStatus(fx.owner, draft.connection_id)).status).toBe('active');
  });

  it('refuses lifecycle events the engine does not allow', async () => {
    const { connection_id } = await activeCollector();
    expect(await errorCodeOf(() => fx.services.reconnect(fx.owner, connection_id))).toBe(
      'illegal_transition',
    );
    expect(await errorCodeOf(() => fx.services.abandonEnrollment(fx.owner, connection_id))).toBe(
      'already_active',
    );
    // Revoking a setup that never finished gives it up instead of refusing.
    const draft = await fx.services.createDraft(fx.owner, { connector: 'github', fields: {} });
    expect(draft.expires_at).not.toBeNull();
    const given = await fx.services.revoke(fx.owner, draft.connection_id);
    expect(given).toMatchObject({ status: 'draft', setup_state: 'expired' });
  });

  it('lists drafts only on request, newest first, with pages', async () => {
    const draft = await fx.services.createDraft(fx.owner, { connector: 'github', fields: {} });
    const { connection_id } = await activeCollector();
    const normal = await fx.services.listConnections(fx.owner);
    expect(normal.items.map((item) => item.connection_id)).toEqual([connection_id]);
    const first = await fx.services.listConnections(fx.owner, { includePending: true, limit: 1 });
    expect(first.items.map((item) => item.connection_id)).toEqual([connection_id]);
    const second = await fx.services.listConnections(fx.owner, {
      includePending: true,
      limit: 1,
      cursor: first.next_cursor,
    });
    expect(second.items.map((item) => item.connection_id)).toEqual([draft.connection_id]);
    expect(second.next_cursor).toBeNull();
    expect(
      (await fx.services.listConnections(fx.otherOwner, { includePending: true })).items,
    ).toEqual([]);
  });
});
