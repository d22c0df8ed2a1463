import {
  createVault,
  hashToken,
  newId,
  openStore,
  resolveKeyProvider,
  type Store,
} from '@conn/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanAllText } from '../../../packages/store/test/scan-plaintext';
import { type Exchange, httpClient } from './http-client';
import { type LoopbackGitlab, startLoopbackGitlab } from './loopback-gitlab';
import { ownerPassword, serverDialects, startTestServer, type TestServer } from './test-server';
import { waitFor } from './wait-for';

// The OAuth client secret the operator enters: it must never come back out of conn.
const CLIENT_SECRET = 'gitlab-oauth-client-secret-CANARY-7f3e9a1c0b5d';
const CLIENT_ID = 'conn-loopback-client';

describe.each(await serverDialects())(
  'provider authorization (OAuth 2.0) through the real server (%s)',
  (dialect) => {
    let t: TestServer;
    let gitlab: LoopbackGitlab;
    let store: Store;
    let ownerToken: string;
    let ownerCookie: string;
    const seen: Exchange[] = [];
    const callbackUrls: URL[] = [];
    let http: ReturnType<typeof httpClient>;

    beforeAll(async () => {
      t = await startTestServer({ dialect });
      http = httpClient(t.url, seen);
      gitlab = await startLoopbackGitlab({
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        redirectUri: `${t.url}/v1/oauth/callback`,
      });
      store = openStore({ url: t.databaseUrl, dataDir: t.dataDir });
      ownerToken = await t.login();
      const login = await fetch(`${t.url}/v1/owner/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ password: ownerPassword }),
      });
      const session = login.headers.getSetCookie().find((c) => c.startsWith('conn_session='));
      ownerCookie = (session ?? '').split(';')[0] ?? '';
    });

    afterAll(async () => {
      await store?.close();
      await t?.dispose();
      await gitlab?.close();
    });

    const plan = () =>
      http.call('GET', '/v1/owner/connectors/gitlab/setup-plan', { token: ownerToken });
    const status = (id: string) =>
      http.call('GET', `/v1/owner/connections/${id}/setup-status`, { token: ownerToken });
    const authorize = (body: Record<string, unknown>) =>
      http.call('POST', '/v1/owner/connectors/gitlab/authorize', { token: ownerToken, body });

    /** The browser arriving back at conn's redirect URI (not following conn's own redirect). */
    async function callback(url: URL | string, headers: Record<string, string> = {}) {
      const target = new URL(String(url));
      callbackUrls.push(target);
      const response = await fetch(target, { redirect: 'manual', headers });
      const text = await response.text();
      seen.push({
        method: 'GET',
        path: `${target.pathname}?…`,
        status: response.status,
        headers: Object.fromEntries(response.headers),
        text,
      });
      return { status: response.status, location: response.headers.get('location'), text };
    }

    /** Starts an authorization in conn, and the owner takes it at the provider. */
    async function authorizeAt(owner: { account: string } | { deny: true }, body = {}) {
      const started = await authorize({ unproven: true, ...body });
      expect(started.status).toBe(201);
      return gitlab.authorize(started.json.authorization_url, owner);
    }

    async function connectionsOf(account: string) {
      return store.db
        .selectFrom('connections')
        .select(['id', 'status', 'account_label'])
        .where('connector', '=', 'gitlab')
        .where('account_label', '=', account)
        .execute();
    }

    async function countConnections(): Promise<number> {
      const row = await store.db
        .selectFrom('connections')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('connector', '=', 'gitlab')
        .executeTakeFirstOrThrow();
      return Number(row.n);
    }

    /** Queues the next sync of a live connection, as a scheduler would (conn has no "sync now" route). */
    async function queueSync(connectionId: string): Promise<string> {
      const id = newId('run');
      const stamp = new Date().toISOString();
      await store.db
        .insertInto('runs')
        .values({
          id,
          connection_id: connectionId,
          kind: 'sync',
          status: 'queued',
          stage: null,
          records_accepted: 0,
          records_rejected: 0,
          error_code: null,
          error_message: null,
          payload_json: '{}',
          claimed_by: null,
          claimed_at: null,
          heartbeat_at: null,
          attempts: 0,
          created_at: stamp,
          started_at: null,
          finished_at: null,
        })
        .execute();
      return id;
    }

    async function runEnded(connectionId: string, runId: string) {
      return waitFor(
        () => status(connectionId),
        (r) => r.json.run?.id === runId && ['succeeded', 'failed'].includes(r.json.run.status),
      );
    }

    /** The most recent authorization session row (the one the last authorize call wrote). */
    async function latestSession() {
      return store.db
        .selectFrom('authorization_sessions')
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
    }

    it('needs the operator to configure the GitLab OAuth app first, and refuses to authorize until then', async () => {
      const before = await plan();
      expect(before.json.support_state).toBe('needs_deployment_config');
      expect(before.json.next_step.action).toEqual({
        method: 'PUT',
        path: '/v1/owner/deployment/provider-apps/gitlab',
      });
      const refused = await authorize({ unproven: true });
      expect(refused.status).toBe(503);
      expect(refused.json.error.code).toBe('provider_app_not_configured');
      expect(await countConnections()).toBe(0);
    });

    it('takes the provider app from the operator (owner session only), sealed, and shows no secret', async () => {
      const agent = await http.call('POST', '/v1/owner/agent-tokens', {
        token: ownerToken,
        body: { name: 'assistant' },
      });
      const byAgent = await http.call('PUT', '/v1/owner/deployment/provider-apps/gitlab', {
        token: agent.json.token,
        body: { client_id: CLIENT_ID, client_secret: CLIENT_SECRET },
      });
      expect(byAgent.status).toBe(403);
      expect(byAgent.json.error.code).toBe('owner_session_required');

      const unknown = await http.call('PUT', '/v1/owner/deployment/provider-apps/bitbucket', {
        token: ownerToken,
        body: { client_id: CLIENT_ID, client_secret: CLIENT_SECRET },
      });
      expect(unknown.status).toBe(404);
      expect(unknown.json.error.code).toBe('connector_not_found');

      const plainHttp = await http.call('PUT', '/v1/owner/deployment/provider-apps/gitlab', {
        token: ownerToken,
        body: {
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
          instance_url: 'http://gitlab.example.com',
        },
      });
      expect(plainHttp.status).toBe(400);
      expect(plainHttp.json.error.message).toMatch(/https/);

      // The same setting a self-managed GitLab operator uses: the instance URL, here on loopback.
      const saved = await http.call('PUT', '/v1/owner/deployment/provider-apps/gitlab', {
        token: ownerToken,
        body: {
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
          instance_url: gitlab.instanceUrl,
        },
      });
      expect(saved.status).toBe(200);
      expect(saved.json).toMatchObject({
        group: 'gitlab',
        client_id: CLIENT_ID,
        instance_url: gitlab.instanceUrl,
      });
      expect(saved.json.client_secret_fingerprint).toMatch(/^[0-9a-f]{12}$/);
      const listed = await http.call('GET', '/v1/owner/deployment/provider-apps', {
        token: ownerToken,
      });
      expect(listed.json.items).toEqual([saved.json]);

      // Planning sees the app at once: the plan moves on to its proof gate.
      const after = await plan();
      expect(after.json.support_state).toBe('proof_gated');
      expect(after.json.next_step.kind).toBe('open_provider_auth');
    });

    it('refuses an unconfirmed unproven attempt, an owner agent and another modality', async () => {
      const unconfirmed = await authorize({});
      expect(unconfirmed.status).toBe(400);
      expect(unconfirmed.json.error.code).toBe('unproven_path_not_confirmed');
      const agent = await http.call('POST', '/v1/owner/agent-tokens', {
        token: ownerToken,
        body: { name: 'relay' },
      });
      const byAgent = await http.call('POST', '/v1/owner/connectors/gitlab/authorize', {
        token: agent.json.token,
        body: { unproven: true },
      });
      expect(byAgent.status).toBe(403);
      const github = await http.call('POST', '/v1/owner/connectors/github/authorize', {
        token: ownerToken,
        body: { unproven: true },
      });
      expect(github.status).toBe(409);
      expect(github.json.error.code).toBe('modality_mismatch');
      expect(await countConnections()).toBe(0);
    });

    it('authorizes with state and PKCE S256 at the exact redirect URI, and connects the account active', async () => {
      const started = await authorize({ unproven: true });
      expect(started.status).toBe(201);
      const url = new URL(started.json.authorization_url);
      expect(`${url.origin}${url.pathname}`).toBe(`${gitlab.instanceUrl}/oauth/authorize`);
      expect(url.searchParams.get('redirect_uri')).toBe(`${t.url}/v1/oauth/callback`);
      expect(url.searchParams.get('code_challenge_method')).toBe('S256');
      expect(url.searchParams.get('scope')).toBe('read_user read_api');
      const state = url.searchParams.get('state') ?? '';
      expect(state.length).toBeGreaterThanOrEqual(32);
      // Only the state's hash is stored; the session lives 10 minutes.
      const session = await latestSession();
      expect(session.state_hash).toBe(hashToken(state));
      expect(Date.parse(session.expires_at) - Date.parse(session.created_at)).toBe(600_000);

      const back = await gitlab.authorize(started.json.authorization_url, { account: 'tanuki' });
      expect(back.origin + back.pathname).toBe(`${t.url}/v1/oauth/callback`);
      // The owner's browser carries the console cookie of the same owner: accepted.
      const done = await callback(back, { cookie: ownerCookie, accept: 'text/html' });
      expect(done.status).toBe(303);
      const [connection] = await connectionsOf('tanuki');
      expect(connection?.status).toBe('active');
      expect(done.location).toBe(`${t.url}/console/connections/${connection?.id}/setup`);

      const id = connection!.id;
      const active = await waitFor(
        () => status(id),
        (r) => r.json.run?.status === 'succeeded',
      );
      expect(active.json).toMatchObject({
        status: 'active',
        setup_state: 'active',
        label: 'tanuki',
        account: { id: '101', label: 'tanuki' },
        unproven: true,
        credential: { kind: 'oauth_tokens', present: true },
      });
      expect(active.json.run).toMatchObject({ kind: 'first_sync', records_accepted: 5 });
      expect(active.json.records_total).toBe(5); // 3 member projects + 1 starred + the profile in the fake
      const projects = await http.call(
        'GET',
        `/v1/owner/connections/${id}/records?stream=projects`,
        {
          token: ownerToken,
        },
      );
      expect(projects.json.items.map((item: { key: string }) => item.key)).toEqual([
        '101001',
        '101002',
        '101003',
      ]);

      // The first sync's accepted records are the proof: the plan turns supported.
      expect((await plan()).json.support_state).toBe('supported');
      const proofs = await store.db.selectFrom('proofs').selectAll().execute();
      expect(proofs).toHaveLength(1);
      // The evidence names the first sync and the records accepted when it was recorded.
      expect(proofs[0]).toMatchObject({
        connector: 'gitlab',
        modality: 'provider_authorization',
        connection_id: id,
        run_id: active.json.run.id,
      });
      expect(proofs[0]?.record_count).toBeGreaterThan(0);
    });

    it('refuses a replayed callback: the state is one use', async () => {
      const replay = callbackUrls.at(-1)!;
      const again = await callback(replay);
      expect(again.status).toBe(400);
      expect(JSON.parse(again.text).error.details.reason).toBe('state_used');
      expect(await connectionsOf('tanuki')).toHaveLength(1);
    });

    it('refuses a forged state and a callback without state, with nothing connected', async () => {
      const before = await countConnections();
      const forged = await callback(
        `${t.url}/v1/oauth/callback?code=abc&state=forged-state-value`,
        {
          accept: 'text/html',
        },
      );
      expect(forged.status).toBe(400);
      expect(forged.text).toContain('Authorization not completed');
      expect(forged.text).toContain('does not belong to a setup conn started');
      const missing = await callback(`${t.url}/v1/oauth/callback?code=abc`);
      expect(JSON.parse(missing.text).error.details.reason).toBe('state_missing');
      expect(await countConnections()).toBe(before);
    });

    it('shows a denied consent to the owner and connects nothing', async () => {
      const before = await countConnections();
      const back = await authorizeAt({ deny: true });
      expect(back.searchParams.get('error')).toBe('access_denied');
      const denied = await callback(back, { accept: 'text/html' });
      expect(denied.status).toBe(403);
      expect(denied.text).toContain('You did not approve access at GitLab');
      expect(await countConnections()).toBe(before);
      // The denial consumed the session.
      expect((await latestSession()).used_at).not.toBeNull();
    });

    it('refuses an expired state', async () => {
      const before = await countConnections();
      const back = await authorizeAt({ account: 'octo' });
      // Ten minutes pass: the session's lifetime is over before the owner comes back.
      await store.db
        .updateTable('authorization_sessions')
        .set({ expires_at: new Date(Date.now() - 1_000).toISOString() })
        .where('id', '=', (await latestSession()).id)
        .execute();
      const expired = await callback(back);
      expect(expired.status).toBe(400);
      expect(JSON.parse(expired.text).error.details.reason).toBe('state_expired');
      expect(await countConnections()).toBe(before);
    });

    it("refuses a state bound to another owner than the browser's console session", async () => {
      // conn has one owner; a second owner row and session stand in for "another owner's browser".
      const otherOwner = newId('own');
      const otherSession = 'ost_other-owner-session-token-for-the-test-0001';
      const stamp = new Date().toISOString();
      await store.db
        .insertInto('owners')
        .values({ id: otherOwner, password_hash: 'scrypt$test', created_at: stamp })
        .execute();
      await store.db
        .insertInto('owner_sessions')
        .values({
          id: newId('ses'),
          owner_id: otherOwner,
          token_hash: hashToken(otherSession),
          csrf_hash: hashToken('csrf-other'),
          created_at: stamp,
          expires_at: new Date(Date.now() + 3_600_000).toISOString(),
          revoked_at: null,
        })
        .execute();
      const before = await countConnections();
      const back = await authorizeAt({ account: 'octo' });
      const refused = await callback(back, { cookie: `conn_session=${otherSession}` });
      expect(refused.status).toBe(403);
      expect(JSON.parse(refused.text).error.details.reason).toBe('owner_mismatch');
      // The exposed state is burnt: the rightful browser cannot use it afterwards either.
      const replay = await callback(back, { cookie: ownerCookie });
      expect(replay.status).toBe(400);
      expect(await countConnections()).toBe(before);
    });

    it('fails the exchange without the right PKCE verifier and connects nothing', async () => {
      const before = await countConnections();
      const keys = await resolveKeyProvider({ env: {}, dataDir: t.dataDir });
      const vault = createVault(keys.keys);

      // A verifier that does not match the challenge: the provider refuses the code.
      const wrong = await authorizeAt({ account: 'octo' });
      const wrongSession = await latestSession();
      await store.db
        .updateTable('authorization_sessions')
        .set({
          verifier_sealed: vault.seal('a-different-verifier-of-enough-length-0123456789abcdef', {
            authSessionId: wrongSession.id,
          }),
        })
        .where('id', '=', wrongSession.id)
        .execute();
      const refused = await callback(wrong);
      expect(refused.status).toBe(422);
      expect(JSON.parse(refused.text).error).toMatchObject({
        code: 'credential_rejected',
        details: { oauth_error: 'invalid_grant' },
      });

      // A tampered sealed verifier does not open: nothing is sent, nothing connected.
      const tampered = await authorizeAt({ account: 'octo' });
      const tamperedSession = await latestSession();
      const sealed = tamperedSession.verifier_sealed;
      const flipped = `${sealed.slice(0, -3)}${sealed.at(-3) === 'A' ? 'B' : 'A'}${sealed.slice(-2)}`;
      await store.db
        .updateTable('authorization_sessions')
        .set({ verifier_sealed: flipped })
        .where('id', '=', tamperedSession.id)
        .execute();
      const unopened = await callback(tampered);
      expect(unopened.status).toBeGreaterThanOrEqual(400);
      expect(await countConnections()).toBe(before);
    });

    it('connects nothing when the token endpoint fails', async () => {
      const before = await countConnections();
      const back = await authorizeAt({ account: 'octo' });
      gitlab.controls.failTokenEndpoint = true;
      try {
        const failed = await callback(back);
        expect(failed.status).toBe(503);
        expect(JSON.parse(failed.text).error.code).toBe('provider_unavailable');
      } finally {
        gitlab.controls.failTokenEndpoint = false;
      }
      expect(await countConnections()).toBe(before);
    });

    it('connects two accounts as two connections with their own identities and tokens', async () => {
      const back = await authorizeAt({ account: 'octo' });
      expect((await callback(back)).status).toBe(303);
      const [octo] = await connectionsOf('octo');
      const [tanuki] = await connectionsOf('tanuki');
      expect(octo?.id).toBeDefined();
      expect(octo?.id).not.toBe(tanuki?.id);
      const synced = await waitFor(
        () => status(octo!.id),
        (r) => r.json.run?.status === 'succeeded',
      );
      expect(synced.json.label).toBe('octo');
      const records = await http.call(
        'GET',
        `/v1/owner/connections/${octo!.id}/records?stream=projects`,
        {
          token: ownerToken,
        },
      );
      expect(
        records.json.items.every(
          (item: { data: { namespace: string } }) => item.data.namespace === 'octo',
        ),
      ).toBe(true);
      const credentials = await store.db
        .selectFrom('credentials')
        .select(['connection_id', 'sealed'])
        .where('connection_id', 'in', [octo!.id, tanuki!.id])
        .execute();
      expect(credentials).toHaveLength(2);
      expect(credentials[0]?.sealed).not.toBe(credentials[1]?.sealed);
    });

    it('renews an expired access token with the refresh token on the next sync', async () => {
      const [tanuki] = await connectionsOf('tanuki');
      const id = tanuki!.id;
      await gitlab.expireAccessTokens('tanuki');
      const renewedBefore = gitlab.refreshedAccessTokens('tanuki');
      const runId = await queueSync(id);
      const ended = await runEnded(id, runId);
      expect(ended.json.run).toMatchObject({ status: 'succeeded', kind: 'sync' });
      expect(ended.json.setup_state).toBe('active');
      expect(gitlab.refreshedAccessTokens('tanuki')).toBe(renewedBefore + 1);
      expect(ended.json.credential.rotated_at).not.toBeNull();
    });

    it('turns the connection needs_attention when the refresh fails, and reconnect re-authorizes the same connection', async () => {
      const [tanuki] = await connectionsOf('tanuki');
      const id = tanuki!.id;
      await gitlab.revokeAccess('tanuki');
      const runId = await queueSync(id);
      const ended = await runEnded(id, runId);
      expect(ended.json.run).toMatchObject({ status: 'failed', error_code: 'credential_rejected' });
      const attention = await waitFor(
        () => status(id),
        (r) => r.json.status === 'needs_attention',
      );
      expect(attention.json.setup_state).toBe('needs_attention');
      expect(attention.json.remediation).toMatchObject({
        kind: 'reconnect',
        action: { method: 'POST', path: `/v1/owner/connections/${id}/reconnect` },
      });

      const reconnect = await http.call('POST', `/v1/owner/connections/${id}/reconnect`, {
        token: ownerToken,
      });
      expect(reconnect.status).toBe(200);
      expect(reconnect.json.next_step).toMatchObject({
        kind: 'open_provider_auth',
        action: { method: 'POST', path: '/v1/owner/connectors/gitlab/authorize' },
        connection_id: id,
      });
      const started = await authorize({ connection_id: id });
      expect(started.status).toBe(201);
      const back = await gitlab.authorize(started.json.authorization_url, { account: 'tanuki' });
      const done = await callback(back);
      expect(done.status).toBe(303);
      expect(done.location).toBe(`${t.url}/console/connections/${id}/setup`);
      const repaired = await waitFor(
        () => status(id),
        (r) => r.json.status === 'active' && r.json.run?.status === 'succeeded',
      );
      expect(repaired.json).toMatchObject({ status: 'active', label: 'tanuki' });
      expect(await connectionsOf('tanuki')).toHaveLength(1);
    });

    it('never lets the client secret or a token out: responses, logs, audit events and every column', async () => {
      const issued = gitlab.issuedTokens();
      const canaries = [CLIENT_SECRET, ...issued.access, ...issued.refresh];
      expect(issued.refresh.length).toBeGreaterThan(1);
      expect(canaries.length).toBeGreaterThan(5);
      for (const canary of canaries) {
        const leaks = seen.filter(
          (x) => x.text.includes(canary) || JSON.stringify(x.headers).includes(canary),
        );
        expect(leaks.map((x) => `${x.method} ${x.path}`)).toEqual([]);
        expect(t.logs.join('').includes(canary)).toBe(false);
      }
      // The one-time codes and states of the callbacks stay out of the log too.
      for (const url of callbackUrls) {
        for (const value of [url.searchParams.get('code'), url.searchParams.get('state')]) {
          if (value !== null && value.length > 8)
            expect(t.logs.join('').includes(value)).toBe(false);
        }
      }
      const audit = await store.db.selectFrom('audit_events').select('details_json').execute();
      expect(audit.length).toBeGreaterThan(0);
      // The full column scan is slow per needle: the client secret and the first tokens of each kind.
      for (const canary of [CLIENT_SECRET, issued.access[0]!, issued.refresh[0]!]) {
        expect(await scanAllText(store, canary)).toEqual([]);
      }
      for (const canary of canaries) {
        expect(audit.some((row) => row.details_json.includes(canary))).toBe(false);
      }
    });
  },
);
