import { randomBytes } from 'node:crypto';
import { type Collector, ConnectorRegistry, createBundledRegistry } from '@conn/connectors';
import { ConnError, type ManifestInput } from '@conn/setup-engine';
import { createVault } from '@conn/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../src/index';
import { CLIENT_SECRET, FakeProvider } from './fake-oauth-provider';
import {
  dialects,
  errorCodeOf,
  keyedVault,
  readyDeployment,
  TestClock,
  type TestDatabase,
} from './harness';
import { outboxEvents } from './outbox-events';

const instanceUrl = 'https://gitlab.example.test';

/** A provider-authorization connector whose app takes no instance URL. */
const forgeManifest: ManifestInput = {
  key: 'forge',
  name: 'Forge',
  description: 'A forge with one fixed instance.',
  category: 'code',
  streams: [{ name: 'projects', label: 'Projects', description: 'Projects.', record_key: 'id' }],
  setup: {
    modality: 'provider_authorization',
    authorization: {
      provider_app: {
        group: 'forge',
        label: 'Forge OAuth app',
        config_keys: ['client_id', 'client_secret'],
        default_instance_url: 'https://forge.example.test',
      },
      authorization_path: '/authorize',
      token_path: '/token',
      identity_path: '/me',
      identity_field: 'login',
      scopes: ['read'],
      pkce: 'S256',
    },
  },
};

describe.each(dialects)('provider authorization services on %s', (_dialect, factory) => {
  let db: TestDatabase;
  let clock: TestClock;
  let provider: FakeProvider;
  let services: Services;
  let owner: string;
  /** The access tokens the collector was handed, in order. */
  let seen: string[];
  /** When set, the collector answers like GitLab does to a token it no longer accepts. */
  let rejectToken: ((token: string) => boolean) | null;
  let registry: ConnectorRegistry;

  /** When set, a second page, refused like GitLab refuses a token that lapsed mid-run. */
  let rejectSecondPage: ((token: string) => boolean) | null;
  /** The cursor each collector call started from. */
  let startedAt: (string | null | undefined)[];

  const collector: Collector = async ({ secrets, emit, cursor }) => {
    const token = secrets.access_token?.reveal() ?? '';
    seen.push(token);
    startedAt.push(cursor);
    if (rejectToken?.(token)) {
      throw new ConnError('credential_rejected', 'GitLab rejected the access token (401).');
    }
    expect(Object.keys(secrets)).toEqual(['access_token']);
    if (cursor !== 'page-2') {
      await emit('projects', [{ id: 1, path_with_namespace: 'tanuki/one' }], 'page-2');
    }
    if (rejectSecondPage === null) return { counts: { projects: 1 } };
    if (rejectSecondPage(token)) {
      throw new ConnError('credential_rejected', 'GitLab rejected the access token (401).');
    }
    await emit('projects', [{ id: 2, path_with_namespace: 'tanuki/two' }], 'done');
    return { counts: { projects: 2 } };
  };

  beforeEach(async () => {
    db = await factory.create();
    clock = new TestClock();
    provider = new FakeProvider();
    seen = [];
    rejectToken = null;
    rejectSecondPage = null;
    startedAt = [];
    owner = `own_${randomBytes(6).toString('hex')}`;
    await db.store.db
      .insertInto('owners')
      .values({ id: owner, password_hash: 'scrypt$test', created_at: clock.now().toISOString() })
      .execute();
    registry = ConnectorRegistry.from([
      ...createBundledRegistry()
        .manifests()
        .map((manifest) => ({ manifest })),
      { manifest: forgeManifest },
    ]).register('gitlab', { collector });
    services = createServices({
      store: db.store,
      vault: keyedVault(),
      registry,
      deployment: readyDeployment,
      clock: clock.now,
      fetch: provider.fetch,
    });
  });
  afterEach(async () => {
    await db.dispose();
  });

  const planState = async () => (await services.planFor(owner, 'gitlab')).support_state;

  async function saveApp() {
    return services.saveProviderApp(owner, 'gitlab', {
      client_id: 'conn-client',
      client_secret: CLIENT_SECRET,
      instance_url: `${instanceUrl}/`,
    });
  }

  /** Runs an authorization through the callback, as the provider would answer it. */
  async function connect(body: Record<string, unknown> = { unproven: true }) {
    const { authorization_url } = await services.startAuthorization(owner, 'gitlab', body);
    const state = new URL(authorization_url).searchParams.get('state') ?? '';
    const query = new URLSearchParams({ code: provider.issueCode(), state });
    return services.completeAuthorization({ query, cookieOwnerId: owner });
  }

  async function syncOnce(connectionId: string) {
    await services.queueRun(owner, connectionId);
    return services.runNextSync('worker-test');
  }

  it('flips the plan from needs_deployment_config as soon as the operator saves the app', async () => {
    expect(await planState()).toBe('needs_deployment_config');
    const app = await saveApp();
    expect(app).toMatchObject({
      group: 'gitlab',
      client_id: 'conn-client',
      instance_url: instanceUrl,
    });
    expect(app.client_secret_fingerprint).toMatch(/^[0-9a-f]{12}$/);
    expect(JSON.stringify(app)).not.toContain(CLIENT_SECRET);
    expect(await planState()).toBe('proof_gated');
    const stored = await db.store.db
      .selectFrom('provider_apps')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(CLIENT_SECRET);
    expect((await services.listProviderApps()).items).toEqual([app]);
  });

  it('refuses unknown groups, an instance URL the manifest does not take, and plain http off loopback', async () => {
    const body = { client_id: 'c', client_secret: CLIENT_SECRET };
    expect(await errorCodeOf(() => services.saveProviderApp(owner, 'nope', body))).toBe(
      'connector_not_found',
    );
    expect(
      await errorCodeOf(() =>
        services.saveProviderApp(owner, 'forge', { ...body, instance_url: 'https://f.example' }),
      ),
    ).toBe('invalid_request');
    expect(
      await errorCodeOf(() =>
        services.saveProviderApp(owner, 'gitlab', { ...body, instance_url: 'http://gitlab.lan' }),
      ),
    ).toBe('invalid_request');
    const loopback = await services.saveProviderApp(owner, 'gitlab', {
      ...body,
      instance_url: 'http://127.0.0.1:8929/gitlab',
    });
    expect(loopback.instance_url).toBe('http://127.0.0.1:8929/gitlab');
  });

  it('fails closed without a credential key and writes nothing', async () => {
    const keyless = createServices({
      store: db.store,
      vault: createVault(null),
      registry,
      deployment: { ...readyDeployment, credential_key_provider: null },
      clock: clock.now,
    });
    expect(
      await errorCodeOf(() =>
        keyless.saveProviderApp(owner, 'gitlab', { client_id: 'c', client_secret: CLIENT_SECRET }),
      ),
    ).toBe('credential_key_unavailable');
    expect(await db.store.db.selectFrom('provider_apps').selectAll().execute()).toEqual([]);
  });

  it('creates the connection active only after the exchange and the identity call, and records the proof on its first sync', async () => {
    await saveApp();
    const outcome = await connect();
    const status = await services.getSetupStatus(owner, outcome.connection_id);
    expect(status).toMatchObject({
      status: 'active',
      label: 'tanuki',
      account: { id: '7', label: 'tanuki' },
      credential: { kind: 'oauth_tokens', present: true },
      run: { kind: 'first_sync', status: 'queued' },
    });
    expect(outcome.redirect_url).toBe(
      `http://127.0.0.1:7777/console/connections/${outcome.connection_id}/setup`,
    );
    expect(await planState()).toBe('proof_gated');
    const run = await services.runNextSync('worker-test');
    expect(run?.status).toBe('succeeded');
    expect(await planState()).toBe('supported');
  });

  it('renews an expired access token before the sync, and retries once after a 401', async () => {
    await saveApp();
    const { connection_id } = await connect();
    await services.runNextSync('worker-test');
    const first = seen.at(-1)!;

    // An hour later the sealed token has expired: the sync renews it first.
    clock.advance(3600_000);
    expect((await syncOnce(connection_id))?.status).toBe('succeeded');
    expect(provider.grants.filter((g) => g === 'refresh_token')).toHaveLength(1);
    expect(seen.at(-1)).not.toBe(first);

    // A token the provider stopped accepting before its expiry: one renewal, one retry.
    const current = seen.at(-1)!;
    rejectToken = (token) => token === current;
    expect((await syncOnce(connection_id))?.status).toBe('succeeded');
    expect(provider.grants.filter((g) => g === 'refresh_token')).toHaveLength(2);
    expect(seen.slice(-2)[0]).toBe(current);
    expect(seen.at(-1)).not.toBe(current);
    expect((await services.getSetupStatus(owner, connection_id)).status).toBe('active');
  });

  it('retries a sync refused mid-way from its last checkpoint, so no record is counted twice', async () => {
    await saveApp();
    const { connection_id } = await connect();
    await services.runNextSync('worker-test');
    const current = seen.at(-1)!;
    rejectSecondPage = (token) => token === current;
    startedAt = [];
    const run = await syncOnce(connection_id);
    expect(run).toMatchObject({ status: 'succeeded', records_accepted: 2 });
    // The renewed token's retry starts after the page already stored.
    expect(startedAt).toEqual([null, 'page-2']);
    expect(provider.grants.filter((g) => g === 'refresh_token')).toHaveLength(1);
  });

  it('turns the connection needs_attention with a reconnect when the refresh is refused', async () => {
    await saveApp();
    const { connection_id } = await connect();
    await services.runNextSync('worker-test');
    provider.refusedRefresh = true;
    rejectToken = () => true;
    const run = await syncOnce(connection_id);
    expect(run).toMatchObject({ status: 'failed', error_code: 'credential_rejected' });
    const status = await services.getSetupStatus(owner, connection_id);
    expect(status.status).toBe('needs_attention');
    expect(status.remediation?.kind).toBe('reconnect');
    const audit = await db.store.db.selectFrom('audit_events').select('details_json').execute();
    expect(audit.some((row) => row.details_json.includes('refresh-'))).toBe(false);
    // The refused refresh is published with a code only: the provider's description quoted the token.
    const events = await outboxEvents(services, owner);
    expect(events.filter((e) => e.type === 'authorization_failed')).toMatchObject([
      { connection_id, code: 'refresh_rejected' },
    ]);
    expect(JSON.stringify(events)).not.toMatch(/refresh-|access-/);

    // Reconnect lands on this connection's authorization; completing it repairs the same id.
    const reconnect = await services.reconnect(owner, connection_id);
    expect(reconnect.next_step.action?.path).toBe('/v1/owner/connectors/gitlab/authorize');
    provider.refusedRefresh = false;
    rejectToken = null;
    const repaired = await connect({ connection_id });
    expect(repaired).toMatchObject({ connection_id, reconnected: true });
    expect((await services.getSetupStatus(owner, connection_id)).status).toBe('active');
  });

  it('keeps the refresh token lifetime a provider states, and a week ahead asks to reconnect, once', async () => {
    await saveApp();
    const day = 86_400_000;
    // An access token that outlives the test, and a refresh token that ends in ten days.
    provider.expiresIn = 30 * 86_400;
    provider.refreshExpiresIn = 10 * 86_400;
    // The test clock ticks a little with every read: "ten days from the grant", to the second.
    const tenDaysOn = (at: string | null | undefined) =>
      Math.round((Date.parse(at ?? '') - clock.now().getTime()) / 1000);
    const { connection_id } = await connect();
    const granted = (await services.getSetupStatus(owner, connection_id)).credential?.expires_at;
    expect(tenDaysOn(granted)).toBe(10 * 86_400);
    await services.runNextSync('worker-test');
    await services.keepSyncing();
    expect((await services.getSetupStatus(owner, connection_id)).status).toBe('active');

    // Four days of syncs every six hours: from the third day the sign-in ends within the week.
    for (let sync = 0; sync < 16; sync += 1) {
      clock.advance(day / 4);
      await services.keepSyncing();
      await services.runNextSync('worker-test');
    }
    const noticed = await services.getSetupStatus(owner, connection_id);
    expect(noticed).toMatchObject({ status: 'needs_attention', setup_state: 'needs_attention' });
    expect(noticed.remediation).toMatchObject({ kind: 'reconnect', label: 'Reconnect' });
    const events = await outboxEvents(services, owner);
    expect(
      events.filter(
        (e) => e.type === 'connection_needs_attention' && e.connection_id === connection_id,
      ),
    ).toEqual([expect.objectContaining({ reason: 'credential_expiring' })]);

    // Signing in again brings a refresh token that lasts: the notice is lifted.
    const repaired = await connect({ connection_id });
    expect(repaired).toMatchObject({ connection_id, reconnected: true });
    const after = await services.getSetupStatus(owner, connection_id);
    expect(tenDaysOn(after.credential?.expires_at)).toBe(10 * 86_400);
  });

  it('refuses a revoked connection until reconnect, and a session bound to another owner', async () => {
    await saveApp();
    const { connection_id } = await connect();
    await services.revoke(owner, connection_id);
    expect(
      await errorCodeOf(() => services.startAuthorization(owner, 'gitlab', { connection_id })),
    ).toBe('illegal_transition');

    const { authorization_url } = await services.startAuthorization(owner, 'gitlab', {
      unproven: true,
    });
    const state = new URL(authorization_url).searchParams.get('state') ?? '';
    const query = new URLSearchParams({ code: provider.issueCode(), state });
    expect(
      await errorCodeOf(() =>
        services.completeAuthorization({ query, cookieOwnerId: 'own_other' }),
      ),
    ).toBe('forbidden');
    expect(
      await errorCodeOf(() => services.completeAuthorization({ query, cookieOwnerId: null })),
    ).toBe('invalid_request');
    // The burnt session is the starting owner's news, once; the replay that followed is not.
    const failed = (await outboxEvents(services, owner)).filter(
      (e) => e.type === 'authorization_failed',
    );
    expect(failed).toMatchObject([{ code: 'owner_mismatch', connection_id: null }]);
  });

  it('bounds renewals of a refused refresh however often syncs are asked for, and surfaces it once', async () => {
    await saveApp();
    const { connection_id } = await connect();
    await services.runNextSync('worker-test');
    provider.refusedRefresh = true;
    rejectToken = () => true;
    const refreshes = () => provider.grants.filter((g) => g === 'refresh_token').length;
    // A day of "sync now" every ten minutes: 144 syncs, each refused by the provider.
    for (let sync = 0; sync < 144; sync++) {
      await services.syncNow(owner, connection_id, 'owner');
      expect(await services.runNextSync('worker-test')).toMatchObject({
        status: 'failed',
        error_code: 'credential_rejected',
      });
      clock.advance(10 * 60_000);
    }
    // The cooldown doubles from a minute to six hours: a dozen renewals reached the provider.
    expect(refreshes()).toBeLessThanOrEqual(12);
    expect(refreshes()).toBeGreaterThanOrEqual(8);
    const events = await outboxEvents(services, owner);
    expect(events.filter((e) => e.type === 'authorization_failed')).toHaveLength(1);
    expect((await services.getSetupStatus(owner, connection_id)).status).toBe('needs_attention');

    // The owner reconnects: the new tokens end the cooldown, and their renewal reaches the provider.
    expect(await db.store.db.selectFrom('refresh_cooldowns').selectAll().execute()).toHaveLength(1);
    provider.refusedRefresh = false;
    rejectToken = null;
    const repaired = await connect({ connection_id });
    expect(repaired.connection_id).toBe(connection_id);
    expect(await db.store.db.selectFrom('refresh_cooldowns').selectAll().execute()).toEqual([]);
    const before = refreshes();
    clock.advance(3_600_000); // the new access token expires: the next sync renews it
    expect((await syncOnce(connection_id))?.status).toBe('succeeded');
    expect(refreshes()).toBe(before + 1);
  });

  it('keeps the refresh token and the verifier sealed: no plaintext in any session or credential row', async () => {
    await saveApp();
    const { connection_id } = await connect();
    const rows = await db.store.db.selectFrom('credentials').selectAll().execute();
    const sessions = await db.store.db.selectFrom('authorization_sessions').selectAll().execute();
    for (const token of [...provider.access, ...provider.refresh]) {
      expect(JSON.stringify(rows)).not.toContain(token);
    }
    expect(rows.map((row) => row.connection_id)).toEqual([connection_id]);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?.used_at).not.toBeNull();
    const events = JSON.stringify(await outboxEvents(services, owner));
    expect(events).toContain('authorization_completed');
    for (const secret of [...provider.access, ...provider.refresh, CLIENT_SECRET, 'code-1']) {
      expect(events).not.toContain(secret);
    }
  });
});
