import { createVault } from '@conn/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  dialects,
  errorCodeOf,
  fakeTokens,
  keyedVault,
  type ServiceFixture,
  serviceFixture,
  type TestDatabase,
  tableNames,
} from './harness';

describe.each(dialects)('static-secret setup on %s', (_dialect, factory) => {
  let db: TestDatabase;
  let fx: ServiceFixture;

  beforeEach(async () => {
    db = await factory.create();
    fx = await serviceFixture(db.store);
  });
  afterEach(async () => {
    await db.dispose();
  });

  async function credentialRows(connectionId: string) {
    return db.store.db
      .selectFrom('credentials')
      .selectAll()
      .where('connection_id', '=', connectionId)
      .execute();
  }

  it('creates a draft awaiting its credential, with non-secret fields and defaults', async () => {
    const status = await fx.services.createDraft(fx.owner, { connector: 'github', fields: {} });
    expect(status).toMatchObject({
      connector: 'github',
      modality: 'static_secret',
      status: 'draft',
      setup_state: 'awaiting_credential',
      unproven: true,
      credential: { kind: 'personal_access_token', present: false, fingerprint: null },
    });
    const row = await db.store.db
      .selectFrom('connections')
      .select('fields_json')
      .where('id', '=', status.connection_id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.fields_json)).toEqual({ api_url: 'https://api.github.com' });
  });

  it('refuses secret, unknown and missing fields, and other modalities', async () => {
    const secretInDraft = await errorCodeOf(() =>
      fx.services.createDraft(fx.owner, { connector: 'github', fields: { token: 'ghp_x' } }),
    );
    expect(secretInDraft).toBe('invalid_request');
    expect(
      await errorCodeOf(() =>
        fx.services.createDraft(fx.owner, { connector: 'github', fields: { nope: 'x' } }),
      ),
    ).toBe('invalid_request');
    expect(
      await errorCodeOf(() =>
        fx.services.createDraft(fx.owner, { connector: 'gmail', fields: {} }),
      ),
    ).toBe('invalid_request');
    expect(
      await errorCodeOf(() =>
        fx.services.createDraft(fx.owner, { connector: 'claude-code', fields: {} }),
      ),
    ).toBe('modality_mismatch');
    const count = await db.store.db
      .selectFrom('connections')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('fails closed without a credential key and writes no row in any table', async () => {
    const empty = await factory.create();
    try {
      const noKey = await serviceFixture(empty.store, {
        vault: createVault(null),
        deployment: { credential_key_provider: null },
      });
      await empty.store.db.deleteFrom('owners').execute();
      expect(
        await errorCodeOf(() =>
          noKey.services.createDraft(noKey.owner, { connector: 'github', fields: {} }),
        ),
      ).toBe('credential_key_unavailable');
      for (const table of tableNames) {
        const count = await empty.store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow();
        expect(Number(count.n), table).toBe(0);
      }
    } finally {
      await empty.dispose();
    }
  });

  it('captures an accepted credential: sealed, identity echoed, first sync queued', async () => {
    const draft = await fx.services.createDraft(fx.owner, { connector: 'github', fields: {} });
    const status = await fx.services.captureCredential(fx.owner, draft.connection_id, {
      token: fakeTokens.good('octocat'),
    });
    expect(status).toMatchObject({
      status: 'draft',
      setup_state: 'first_sync_pending',
      label: 'octocat',
      account: { id: 'id-octocat', label: 'octocat' },
      run: { kind: 'first_sync', status: 'queued' },
      credential: { kind: 'personal_access_token', present: true, rotated_at: null },
    });
    expect(status.credential?.fingerprint).toMatch(/^[0-9a-f]{12}$/);
    expect(status.credential?.validated_at).not.toBeNull();
    const [row] = await credentialRows(draft.connection_id);
    expect(row?.sealed).not.toContain(fakeTokens.good('octocat'));
  });

  it('rejects a refused credential on a draft: nothing stored, draft retired', async () => {
    const draft = await fx.services.createDraft(fx.owner, { connector: 'github', fields: {} });
    let message = '';
    try {
      await fx.services.captureCredential(fx.owner, draft.connection_id, {
        token: fakeTokens.rejected,
      });
    } catch (error) {
      expect((error as { code: string }).code).toBe('credential_rejected');
      message = (error as Error).message;
    }
    expect(message).toContain('GitHub rejected this token');
    expect(message).not.toContain(fakeTokens.rejected);
    expect(await credentialRows(draft.connection_id)).toHaveLength(0);
    const status = await fx.services.getSetupStatus(fx.owner, draft.connection_id);
    expect(status.setup_state).toBe('expired');
    const listed = await fx.services.listConnections(fx.owner, { includePending: true });
    expect(listed.items.map((item) => item.connection_id)).not.toContain(draft.connection_id);
  });

  it('keeps a draft and its validated credential when a replacement is refused', async () => {
    const draft = await fx.services.createDraft(fx.owner, { connector: 'github', fields: {} });
    const held = await fx.services.captureCredential(fx.owner, draft.connection_id, {
      token: fakeTokens.good('octocat'),
    });
    expect(
      await errorCodeOf(() =>
        fx.services.captureCredential(fx.owner, draft.connection_id, {
          token: fakeTokens.rejected,
        }),
      ),
    ).toBe('credential_rejected');
    const rows = await credentialRows(draft.connection_id);
    expect(rows).toHaveLength(1);
    const status = await fx.services.getSetupStatus(fx.owner, draft.connection_id);
    expect(status.setup_state).not.toBe('expired');
    expect(status.credential?.fingerprint).toBe(held.credential?.fingerprint);
    const listed = await fx.services.listConnections(fx.owner, { includePending: true });
    expect(listed.items.map((item) => item.connection_id)).toContain(draft.connection_id);
  });

  it('times a slow probe out and stores nothing, leaving the draft usable', async () => {
    const quick = await serviceFixture(db.store, { probeTimeoutMs: 50, clock: fx.clock });
    const draft = await quick.services.createDraft(quick.owner, {
      connector: 'github',
      fields: {},
    });
    expect(
      await errorCodeOf(() =>
        quick.services.captureCredential(quick.owner, draft.connection_id, {
          token: fakeTokens.slow,
        }),
      ),
    ).toBe('probe_timeout');
    expect(await credentialRows(draft.connection_id)).toHaveLength(0);
    const status = await quick.services.getSetupStatus(quick.owner, draft.connection_id);
    expect(status.setup_state).toBe('awaiting_credential');
    expect(
      await errorCodeOf(() =>
        quick.services.captureCredential(quick.owner, draft.connection_id, {
          token: fakeTokens.unreachable,
        }),
      ),
    ).toBe('provider_unavailable');
  });

  it('keeps an active connection and its old credential when a rotation is refused', async () => {
    const id = await activeGithub(fx, 'octocat');
    const before = await credentialRows(id);
    expect(
      await errorCodeOf(() =>
        fx.services.captureCredential(fx.owner, id, { token: fakeTokens.rejected }),
      ),
    ).toBe('credential_rejected');
    expect(
      await errorCodeOf(() =>
        fx.services.captureCredential(fx.owner, id, { token: fakeTokens.good('hubot') }),
      ),
    ).toBe('credential_rejected');
    const status = await fx.services.getSetupStatus(fx.owner, id);
    expect(status.status).toBe('active');
    expect(await credentialRows(id)).toEqual(before);
    const opened = await fx.services.openRunCredential(
      (await fx.services.queueRun(fx.owner, id)).id,
    );
    expect(opened.secrets.token?.reveal()).toBe(fakeTokens.good('octocat'));
  });

  it('rotates an accepted credential on an active connection', async () => {
    const id = await activeGithub(fx, 'octocat');
    const status = await fx.services.captureCredential(fx.owner, id, {
      token: fakeTokens.good('octocat-2'),
    });
    expect(status.status).toBe('active');
    expect(status.credential?.rotated_at).not.toBeNull();
  });

  it('refuses to overwrite a credential the server cannot open (wrong key)', async () => {
    const id = await activeGithub(fx, 'octocat');
    const before = await credentialRows(id);
    const wrong = await serviceFixture(db.store, { vault: keyedVault(), clock: fx.clock });
    // The same connection, reached through a server started with another key.
    await db.store.db
      .updateTable('connections')
      .set({ owner_id: wrong.owner })
      .where('id', '=', id)
      .execute();
    expect(
      await errorCodeOf(() =>
        wrong.services.captureCredential(wrong.owner, id, { token: fakeTokens.good('octocat') }),
      ),
    ).toBe('credential_key_mismatch');
    const run = await wrong.services.queueRun(wrong.owner, id);
    expect(await errorCodeOf(() => wrong.services.openRunCredential(run.id))).toBe(
      'credential_key_mismatch',
    );
    expect(await credentialRows(id)).toEqual(before);
    const failed = await wrong.services.getSetupStatus(wrong.owner, id);
    expect(failed.run).toMatchObject({ status: 'failed', error_code: 'credential_key_mismatch' });
  });

  it('keeps two accounts of one connector apart', async () => {
    const first = await activeGithub(fx, 'octocat');
    const second = await activeGithub(fx, 'hubot');
    expect(first).not.toBe(second);
    const [a] = await credentialRows(first);
    const [b] = await credentialRows(second);
    expect(a?.fingerprint).not.toBe(b?.fingerprint);
    const labels = (await fx.services.listConnections(fx.owner)).items.map((item) => item.label);
    expect(labels.sort()).toEqual(['hubot', 'octocat']);
    // An envelope copied onto the other connection does not open there.
    await db.store.db
      .updateTable('credentials')
      .set({ sealed: a!.sealed })
      .where('connection_id', '=', second)
      .execute();
    const run = await fx.services.queueRun(fx.owner, second);
    expect(await errorCodeOf(() => fx.services.openRunCredential(run.id))).toBe(
      'credential_key_mismatch',
    );
    // Another owner cannot read or write either connection.
    expect(await errorCodeOf(() => fx.services.getSetupStatus(fx.otherOwner, first))).toBe(
      'connection_not_found',
    );
    expect(
      await errorCodeOf(() =>
        fx.services.captureCredential(fx.otherOwner, first, { token: fakeTokens.good('eve') }),
      ),
    ).toBe('connection_not_found');
  });

  it('says when a new token is an account already connected, stores nothing, and connects a second one only on purpose', async () => {
    const first = await activeGithub(fx, 'octocat');
    const draft = await fx.services.createDraft(fx.owner, { connector: 'github', fields: {} });
    const token = { token: fakeTokens.good('octocat') };
    const refused = await fx.services.captureCredential(fx.owner, draft.connection_id, token).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toMatchObject({
      code: 'same_account',
      details: { connector: 'github', connection_id: first, label: 'octocat' },
    });
    expect((refused as Error).message).toBe(
      'GitHub account "octocat" is already connected as "octocat". Use this credential for that connection instead, or connect the account a second time on purpose.',
    );
    // Nothing stored, and the draft still takes a credential: the owner decides.
    expect(await credentialRows(draft.connection_id)).toEqual([]);
    const waiting = await fx.services.getSetupStatus(fx.owner, draft.connection_id);
    expect(waiting).toMatchObject({ setup_state: 'awaiting_credential', same_account: null });
    // Another account is no match.
    const other = await fx.services.createDraft(fx.owner, { connector: 'github', fields: {} });
    await fx.services.captureCredential(fx.owner, other.connection_id, {
      token: fakeTokens.good('hubot'),
    });
    expect(
      (await fx.services.getSetupStatus(fx.owner, other.connection_id)).same_account,
    ).toBeNull();
    // On purpose: stored, and both connections name each other.
    const kept = await fx.services.captureCredential(fx.owner, draft.connection_id, token, {
      sameAccount: 'keep',
    });
    expect(kept.same_account).toEqual({ connection_id: first, label: 'octocat', status: 'active' });
    // A draft is no connection yet; once the second is active, the first names it too.
    expect((await fx.services.getSetupStatus(fx.owner, first)).same_account).toBeNull();
    // Two first syncs are queued (hubot's and this one): both run.
    expect((await fx.services.runNextSync('test-worker'))?.status).toBe('succeeded');
    expect((await fx.services.runNextSync('test-worker'))?.status).toBe('succeeded');
    expect((await fx.services.getSetupStatus(fx.owner, first)).same_account).toEqual({
      connection_id: draft.connection_id,
      label: 'octocat',
      status: 'active',
    });
  });
});

/** A GitHub connection taken through draft, capture and a first sync to active. */
async function activeGithub(fx: ServiceFixture, login: string): Promise<string> {
  const draft = await fx.services.createDraft(fx.owner, { connector: 'github', fields: {} });
  await fx.services.captureCredential(fx.owner, draft.connection_id, {
    token: fakeTokens.good(login),
  });
  const run = await fx.services.runNextSync('test-worker');
  expect(run?.status).toBe('succeeded');
  const status = await fx.services.getSetupStatus(fx.owner, draft.connection_id);
  expect(status.status).toBe('active');
  return draft.connection_id;
}
