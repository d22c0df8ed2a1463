import type { Collector } from '@conn/connectors';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  dialects,
  fakeTokens,
  type ServiceFixture,
  serviceFixture,
  type TestDatabase,
  testRegistry,
} from './harness';
import { outboxEvents } from './outbox-events';

const hour = 3_600_000;
const day = 24 * hour;

/** A GitHub stand-in that reports what the test says of the token's expiry, or fails. */
function expiryCollector() {
  const script: { expiresAt?: string | null; fail: boolean } = { fail: false };
  const collector: Collector = async ({ emit }) => {
    if (script.fail) throw new Error('provider down');
    await emit('profile', [{ id: 1, login: 'octocat' }]);
    return {
      counts: { profile: 1 },
      ...(script.expiresAt === undefined ? {} : { credentialExpiresAt: script.expiresAt }),
    };
  };
  return { script, collector };
}

describe.each(dialects)('credential expiry on %s', (_dialect, factory) => {
  let db: TestDatabase;
  let fx: ServiceFixture;
  let script: ReturnType<typeof expiryCollector>['script'];

  beforeEach(async () => {
    db = await factory.create();
    const scripted = expiryCollector();
    script = scripted.script;
    fx = await serviceFixture(db.store, {
      registry: testRegistry({ githubCollector: scripted.collector }),
    });
  });
  afterEach(async () => {
    await db.dispose();
  });

  const expiresAt = async (id: string) =>
    (await fx.services.getSetupStatus(fx.owner, id)).credential?.expires_at;

  async function sync(id: string) {
    fx.clock.advance(6 * hour);
    expect((await fx.services.keepSyncing()).queued).toEqual([id]);
    return fx.services.runNextSync('w1');
  }

  it('keeps the expiry the probe reported at capture, and none for a token that does not expire', async () => {
    const expiring = await fx.services.createDraft(fx.owner, { connector: 'github', fields: {} });
    const captured = await fx.services.captureCredential(fx.owner, expiring.connection_id, {
      token: fakeTokens.expiring('octocat', '2030-01-07T09:14:00+01:00'),
    });
    expect(captured.credential).toMatchObject({
      present: true,
      expires_at: '2030-01-07T08:14:00.000Z',
    });
    const plain = await fx.services.createDraft(fx.owner, { connector: 'github', fields: {} });
    const other = await fx.services.captureCredential(fx.owner, plain.connection_id, {
      token: fakeTokens.good('hubot'),
    });
    expect(other.credential).toMatchObject({ present: true, expires_at: null });
  });

  it('raises a credential expiring within a week once, with "Replace the credential"; syncs go on; a lasting one repairs it', async () => {
    const draft = await fx.services.createDraft(fx.owner, { connector: 'github', fields: {} });
    const id = draft.connection_id;
    // Eight days out: not yet inside the week's notice.
    const ends = new Date(fx.clock.now().getTime() + 8 * day).toISOString();
    await fx.services.captureCredential(fx.owner, id, {
      token: fakeTokens.expiring('octocat', ends),
    });
    expect(await fx.services.runNextSync('w1')).toMatchObject({ status: 'succeeded' });
    expect((await fx.services.keepSyncing()).expiring).toEqual([]);
    // Syncing every interval for a day brings its end inside the week.
    for (let pass = 0; pass < 4; pass++) {
      fx.clock.advance(6 * hour);
      const scheduled = await fx.services.keepSyncing();
      expect(scheduled.queued).toEqual([id]);
      expect(scheduled.expiring).toEqual(pass === 3 ? [id] : []);
      expect(await fx.services.runNextSync('w1')).toMatchObject({ status: 'succeeded' });
    }
    const noticed = await fx.services.getSetupStatus(fx.owner, id);
    expect(noticed).toMatchObject({
      status: 'needs_attention',
      setup_state: 'needs_attention',
      remediation: {
        kind: 'replace_credential',
        label: 'Replace the credential',
        action: { method: 'PUT', path: `/v1/owner/connections/${id}/credential` },
      },
      credential: { expires_at: ends },
    });
    // Once: a later pass, and the sync that ran since (still the same token), change nothing.
    expect((await fx.services.keepSyncing()).expiring).toEqual([]);
    const events = await outboxEvents(fx.services, fx.owner);
    expect(
      events.filter(
        (event) => event.type === 'connection_needs_attention' && event.connection_id === id,
      ),
    ).toEqual([expect.objectContaining({ reason: 'credential_expiring' })]);
    expect((await fx.services.getSetupStatus(fx.owner, id)).status).toBe('needs_attention');

    // A replacement that also ends within the week does not lift the notice, nor raise it again.
    const soon = new Date(fx.clock.now().getTime() + 3 * day).toISOString();
    await fx.services.captureCredential(fx.owner, id, {
      token: fakeTokens.expiring('octocat', soon),
    });
    expect(await fx.services.runNextSync('w1')).toMatchObject({ status: 'succeeded' });
    expect(await fx.services.getSetupStatus(fx.owner, id)).toMatchObject({
      status: 'needs_attention',
      remediation: { kind: 'replace_credential' },
      credential: { expires_at: soon },
    });
    expect((await fx.services.keepSyncing()).expiring).toEqual([]);

    // The owner replaces it with a token that lasts: the repair's sync makes it active again.
    await fx.services.captureCredential(fx.owner, id, { token: fakeTokens.good('octocat') });
    expect(await fx.services.runNextSync('w1')).toMatchObject({ status: 'succeeded' });
    const repaired = await fx.services.getSetupStatus(fx.owner, id);
    expect(repaired).toMatchObject({ status: 'active', remediation: null });
    expect(repaired.credential?.expires_at).toBeNull();
    expect((await fx.services.keepSyncing()).expiring).toEqual([]);
  });

  it('refreshes it from each successful sync, keeps it when a sync says nothing or fails, and a rotation replaces it', async () => {
    const draft = await fx.services.createDraft(fx.owner, { connector: 'github', fields: {} });
    const id = draft.connection_id;
    await fx.services.captureCredential(fx.owner, id, {
      token: fakeTokens.expiring('octocat', '2030-01-07T00:00:00.000Z'),
    });
    // The first sync says nothing of expiry: the probe's stays.
    expect(await fx.services.runNextSync('w1')).toMatchObject({ status: 'succeeded' });
    expect(await expiresAt(id)).toBe('2030-01-07T00:00:00.000Z');

    // The owner extended the token at the provider: the next sync reads the new end.
    script.expiresAt = '2030-03-01T00:00:00-05:00';
    expect(await sync(id)).toMatchObject({ status: 'succeeded' });
    expect(await expiresAt(id)).toBe('2030-03-01T05:00:00.000Z');

    // A failed sync learns nothing.
    script.fail = true;
    script.expiresAt = null;
    expect(await sync(id)).toMatchObject({ status: 'failed' });
    expect(await expiresAt(id)).toBe('2030-03-01T05:00:00.000Z');

    // The provider now says it does not expire.
    script.fail = false;
    expect(await sync(id)).toMatchObject({ status: 'succeeded' });
    expect(await expiresAt(id)).toBeNull();

    // A rotation's credential carries its own probe's expiry.
    const rotated = await fx.services.captureCredential(fx.owner, id, {
      token: fakeTokens.expiring('octocat', '2030-06-01T00:00:00.000Z'),
    });
    expect(rotated.credential?.expires_at).toBe('2030-06-01T00:00:00.000Z');
  });
});
