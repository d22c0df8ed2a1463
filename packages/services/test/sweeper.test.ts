import { newId } from '@conn/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  dialects,
  fakeTokens,
  type ServiceFixture,
  serviceFixture,
  type TestDatabase,
  testClient,
} from './harness';

const minute = 60_000;

describe.each(dialects)('sweeper on %s', (_dialect, factory) => {
  let db: TestDatabase;
  let fx: ServiceFixture;

  beforeEach(async () => {
    db = await factory.create();
    fx = await serviceFixture(db.store);
  });
  afterEach(async () => {
    await db.dispose();
  });

  async function authorizationSession(expiresInMs: number, used = false) {
    const now = fx.clock.now();
    const id = newId('aus');
    await db.store.db
      .insertInto('authorization_sessions')
      .values({
        id,
        owner_id: fx.owner,
        connector: 'gitlab',
        connection_id: null,
        state_hash: newId('st'),
        verifier_sealed: 'v1.sealed',
        key_id: '00000000',
        redirect_uri: 'http://127.0.0.1:7777/v1/oauth/callback',
        label: null,
        unproven: 0,
        expires_at: new Date(now.getTime() + expiresInMs).toISOString(),
        used_at: used ? now.toISOString() : null,
        retired_at: null,
        created_at: now.toISOString(),
      })
      .execute();
    return id;
  }

  async function artifact(status: string, expiresInMs: number, imported = false) {
    const now = fx.clock.now();
    const id = newId('art');
    await db.store.db
      .insertInto('upload_artifacts')
      .values({
        id,
        owner_id: fx.owner,
        connector: 'whatsapp',
        file_name: 'chat.txt',
        size_bytes: 10,
        sha256: null,
        status,
        validation_json: null,
        storage_path: `artifacts/${id}`,
        connection_id: null,
        expires_at: new Date(now.getTime() + expiresInMs).toISOString(),
        imported_at: imported ? now.toISOString() : null,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .execute();
    return id;
  }

  it('retires only what outlived its lifetime', async () => {
    // Will expire: an unused code (and its draft), a browser shell, a static-secret draft that
    // never got its credential (24 h), a session, a staged artifact.
    const unenrolled = await fx.services.mintEnrollmentCode(fx.owner, { connector: 'claude-code' });
    const shell = await fx.services.createBrowserShell(fx.owner, 'amazon');
    const oldSession = await authorizationSession(10 * minute);
    const oldArtifact = await artifact('staged', 24 * 60 * minute);
    // Must survive: an enrolled collector draft, an active connection,
    // a used session, an imported and an invalid artifact.
    const enrolledGrant = await fx.services.mintEnrollmentCode(fx.owner, {
      connector: 'claude-code',
    });
    const enrolled = await fx.services.exchangeEnrollmentCode(
      enrolledGrant.enrollment_code,
      'pc',
      testClient,
    );
    const staticDraft = await fx.services.createDraft(fx.owner, {
      connector: 'github',
      fields: {},
    });
    const live = await fx.services.createDraft(fx.owner, { connector: 'github', fields: {} });
    await fx.services.captureCredential(fx.owner, live.connection_id, {
      token: fakeTokens.good('octocat'),
    });
    await fx.services.runNextSync('w');
    const usedSession = await authorizationSession(10 * minute, true);
    const importedArtifact = await artifact('imported', 24 * 60 * minute, true);
    const invalidArtifact = await artifact('invalid', 24 * 60 * minute);

    expect(await fx.services.sweepExpired()).toEqual({
      enrollment_codes: 0,
      expired_drafts: 0,
      authorization_sessions: 0,
      upload_artifacts: 0,
      attempt_limits: 0,
    });

    fx.clock.advance(25 * 60 * minute);
    // Before the sweep, expired attempts already read as expired and are not listed.
    const pending = await fx.services.listConnections(fx.owner, { includePending: true });
    const listed = pending.items.map((item) => item.connection_id);
    expect(listed).not.toContain(unenrolled.connection_id);
    expect(listed).not.toContain(shell.connection_id);
    expect(listed).not.toContain(staticDraft.connection_id);
    expect(listed).toEqual(expect.arrayContaining([enrolled.connection_id, live.connection_id]));

    expect(await fx.services.sweepExpired()).toEqual({
      enrollment_codes: 1,
      expired_drafts: 3,
      authorization_sessions: 1,
      upload_artifacts: 1,
      attempt_limits: 0,
    });
    expect(await fx.services.sweepExpired()).toEqual({
      enrollment_codes: 0,
      expired_drafts: 0,
      authorization_sessions: 0,
      upload_artifacts: 0,
      attempt_limits: 0,
    });

    const connections = await db.store.db
      .selectFrom('connections')
      .select(['id', 'status', 'retired_reason'])
      .execute();
    const byId = new Map(connections.map((row) => [row.id, row]));
    expect(byId.get(unenrolled.connection_id)?.retired_reason).toBe('expired');
    expect(byId.get(shell.connection_id)?.retired_reason).toBe('expired');
    expect(byId.get(staticDraft.connection_id)?.retired_reason).toBe('expired');
    expect(byId.get(enrolled.connection_id)?.retired_reason).toBeNull();
    expect(byId.get(live.connection_id)).toMatchObject({ status: 'active', retired_reason: null });

    const sessions = await db.store.db
      .selectFrom('authorization_sessions')
      .select(['id', 'retired_at'])
      .execute();
    expect(sessions.find((row) => row.id === oldSession)?.retired_at).not.toBeNull();
    expect(sessions.find((row) => row.id === usedSession)?.retired_at).toBeNull();
    const artifacts = await db.store.db
      .selectFrom('upload_artifacts')
      .select(['id', 'status'])
      .execute();
    const statusOf = (id: string) => artifacts.find((row) => row.id === id)?.status;
    expect(statusOf(oldArtifact)).toBe('expired');
    expect(statusOf(importedArtifact)).toBe('imported');
    expect(statusOf(invalidArtifact)).toBe('invalid');

    // A retired shell still resolves by id, as expired with a restart action.
    const status = await fx.services.getSetupStatus(fx.owner, shell.connection_id);
    expect(status).toMatchObject({
      setup_state: 'expired',
      remediation: { kind: 'restart_setup' },
    });
  });
});
