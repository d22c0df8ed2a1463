import { openStore } from '@conn/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FakeGithub,
  startFakeGithub,
} from '../../../packages/connectors/test/github/fake-github';
import {
  startWebhookReceiver,
  type WebhookReceiver,
} from '../../../packages/services/test/webhook-receiver';
import { scanAllText } from '../../../packages/store/test/scan-plaintext';
import { type Exchange, httpClient } from './http-client';
import { openSse } from './sse-reader';
import { serverDialects, startTestServer, type TestServer } from './test-server';
import { waitFor } from './wait-for';

// A distinctive token: it must never come back out of the server in any form.
const CANARY = 'ghp_CANARYc4n4ryT0kenNeverLeaves0123456789';
const WRONG = 'ghp_wrongWRONGwrongWRONGwrongWRONG00000000';

describe.each(await serverDialects())(
  'static-secret setup through the real server (%s)',
  (dialect) => {
    let github: FakeGithub;
    let failingGithub: FakeGithub;
    let emptyGithub: FakeGithub;
    let receiver: WebhookReceiver;
    let webhookId: string;
    let t: TestServer;
    let ownerToken: string;
    let agentToken: string;
    const seen: Exchange[] = [];
    let http: ReturnType<typeof httpClient>;
    let stream: Awaited<ReturnType<typeof openSse>>;

    beforeAll(async () => {
      github = await startFakeGithub({ token: CANARY });
      // A GitHub whose /user works but whose repository listing fails: a first sync that breaks.
      failingGithub = await startFakeGithub({
        token: CANARY,
        user: { id: 583232, login: 'octocat-broken' },
        respond: (request) =>
          request.path === '/user/repos' ? { status: 500, body: { message: 'boom' } } : undefined,
      });
      // An account with no repositories and no stars: only its profile to collect.
      emptyGithub = await startFakeGithub({
        token: CANARY,
        user: { id: 583233, login: 'octocat-empty' },
        repositoryPages: [0],
        starredCount: 0,
      });
      receiver = await startWebhookReceiver();
      t = await startTestServer({ dialect, env: { CONN_WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' } });
      http = httpClient(t.url, seen);
      ownerToken = await t.login();
      // The live event stream is read all along: its every byte is scanned for the canary.
      stream = await openSse(`${t.url}/v1/owner/events`, { token: ownerToken });
      // Every lifecycle event goes to a webhook too: its bodies are scanned for the canary.
      const webhook = await http.call('POST', '/v1/owner/webhooks', {
        token: ownerToken,
        body: { url: receiver.url },
      });
      expect(webhook.status).toBe(201);
      webhookId = webhook.json.webhook.id;
      const created = await http.call('POST', '/v1/owner/agent-tokens', {
        token: ownerToken,
        body: { name: 'assistant' },
      });
      expect(created.status).toBe(201);
      agentToken = created.json.token;
    });

    afterAll(async () => {
      await stream?.close();
      await t?.dispose();
      await github?.close();
      await failingGithub?.close();
      await emptyGithub?.close();
      await receiver?.close();
    });

    const status = (id: string) =>
      http.call('GET', `/v1/owner/connections/${id}/setup-status`, { token: ownerToken });

    it('an owner agent starts a GitHub setup and gets a typed next step with a console URL, never a secret', async () => {
      const plan = await http.call('GET', '/v1/owner/connectors/github/setup-plan', {
        token: agentToken,
      });
      expect(plan.status).toBe(200);
      expect(plan.json.support_state).toBe('proof_gated');

      const blocked = await http.call('POST', '/v1/owner/connections/intents', {
        token: agentToken,
        body: { connector: 'github' },
      });
      expect(blocked.status).toBe(201);
      expect(blocked.json.status).toBe('blocked');
      expect(blocked.json.blocked.code).toBe('unproven_path_not_confirmed');

      const intent = await http.call('POST', '/v1/owner/connections/intents', {
        token: agentToken,
        body: { connector: 'github', unproven: true },
      });
      expect(intent.status).toBe(201);
      expect(intent.json.status).toBe('pending_owner_action');
      expect(intent.json.next_step.kind).toBe('capture_static_secret');
      expect(intent.json.next_step.url).toMatch(new RegExp(`^${t.url}/`));
      const read = await http.call(
        'GET',
        `/v1/owner/connections/intents/${intent.json.intent_id}`,
        { token: agentToken },
      );
      expect(read.json.intent_id).toBe(intent.json.intent_id);
    });

    it('refuses owner-only steps to an owner agent with a stable code', async () => {
      const draft = await http.call('POST', '/v1/owner/connections/drafts', {
        token: agentToken,
        body: { connector: 'github', fields: { api_url: github.apiUrl } },
      });
      expect(draft.status).toBe(403);
      expect(draft.json.error.code).toBe('owner_session_required');
      const capture = await http.call('PUT', '/v1/owner/connections/con_x/credential', {
        token: agentToken,
        body: { token: CANARY },
      });
      expect(capture.status).toBe(403);
      expect(capture.json.error.code).toBe('owner_session_required');
    });

    it('rejects a wrong token in the same request, stores nothing, and retires the draft', async () => {
      const draft = await http.call('POST', '/v1/owner/connections/drafts', {
        token: ownerToken,
        body: { connector: 'github', fields: { api_url: github.apiUrl } },
      });
      expect(draft.status).toBe(201);
      expect(draft.json.setup_state).toBe('awaiting_credential');
      const rejected = await http.call(
        'PUT',
        `/v1/owner/connections/${draft.json.connection_id}/credential`,
        {
          token: ownerToken,
          body: { token: WRONG },
        },
      );
      expect(rejected.status).toBe(422);
      expect(rejected.json.error.code).toBe('credential_rejected');
      expect(rejected.json.error.message).toMatch(/GitHub/);
      const after = await status(draft.json.connection_id);
      expect(after.json.setup_state).toBe('expired');
      expect(after.json.credential?.present ?? false).toBe(false);
    });

    it('captures a token, echoes the identity, runs the first sync with stages and counts, and turns active', async () => {
      const draft = await http.call('POST', '/v1/owner/connections/drafts', {
        token: ownerToken,
        body: { connector: 'github', fields: { api_url: github.apiUrl } },
      });
      const id = draft.json.connection_id as string;
      const captured = await http.call('PUT', `/v1/owner/connections/${id}/credential`, {
        token: ownerToken,
        body: { token: CANARY },
      });
      expect(captured.status).toBe(200);
      expect(captured.json.label).toBe('octocat');
      expect(captured.json.account.label).toBe('octocat');
      expect(captured.json.credential).toMatchObject({
        present: true,
        kind: 'personal_access_token',
      });
      expect(['first_sync_pending', 'first_sync_running', 'active']).toContain(
        captured.json.setup_state,
      );

      // Active on the first accepted batch; the run goes on to collect every page.
      const active = await waitFor(
        () => status(id),
        (r) => r.json.setup_state === 'active' && r.json.run.status === 'succeeded',
      );
      expect(active.json.setup_state).toBe('active');
      expect(active.json.run).toMatchObject({ status: 'succeeded', records_accepted: 8 });
      expect(active.json.records_total).toBe(8); // 5 repositories + 2 starred + the profile in the fake

      const records = await http.call(
        'GET',
        `/v1/owner/connections/${id}/records?stream=repositories`,
        { token: agentToken },
      );
      expect(records.status).toBe(200);
      expect(records.json.items).toHaveLength(5);

      // The detail page's reads: counts by stream and the recent runs, agent or owner.
      const streams = await http.call('GET', `/v1/owner/connections/${id}/streams`, {
        token: agentToken,
      });
      expect(streams.json).toEqual({
        streams: [
          { stream: 'profile', records: 1 },
          { stream: 'repositories', records: 5 },
          { stream: 'starred', records: 2 },
        ],
      });
      const runs = await http.call('GET', `/v1/owner/connections/${id}/runs?limit=5`, {
        token: ownerToken,
      });
      expect(runs.json.items).toHaveLength(1);
      expect(runs.json.items[0]).toMatchObject({
        id: active.json.run.id,
        status: 'succeeded',
        records_accepted: 8,
      });
      const elsewhere = await http.call('GET', '/v1/owner/connections/con_unknown/runs', {
        token: ownerToken,
      });
      expect(elsewhere.status).toBe(404);

      // The first real success is the proof: the plan turns supported.
      const plan = await http.call('GET', '/v1/owner/connectors/github/setup-plan', {
        token: ownerToken,
      });
      expect(plan.json.support_state).toBe('supported');

      const listed = await http.call('GET', '/v1/owner/connections', { token: agentToken });
      expect(listed.json.items.map((c: { connection_id: string }) => c.connection_id)).toContain(
        id,
      );

      // Rotation with a bad token is refused and leaves the connection active.
      const rotation = await http.call('PUT', `/v1/owner/connections/${id}/credential`, {
        token: ownerToken,
        body: { token: WRONG },
      });
      expect(rotation.status).toBe(422);
      expect((await status(id)).json.setup_state).toBe('active');
    });

    it('turns an empty account active with its profile: no repositories and no stars is still an account', async () => {
      const draft = await http.call('POST', '/v1/owner/connections/drafts', {
        token: ownerToken,
        body: { connector: 'github', fields: { api_url: emptyGithub.apiUrl } },
      });
      const id = draft.json.connection_id as string;
      const captured = await http.call('PUT', `/v1/owner/connections/${id}/credential`, {
        token: ownerToken,
        body: { token: CANARY },
      });
      expect(captured.status).toBe(200);
      const active = await waitFor(
        () => status(id),
        (r) => r.json.run?.status === 'succeeded' || r.json.setup_state === 'first_sync_failed',
      );
      expect(active.json.setup_state).toBe('active');
      expect(active.json.remediation).toBeNull();
      expect(active.json.run).toMatchObject({ status: 'succeeded', records_accepted: 1 });
      expect(active.json.records_total).toBe(1);
      const streams = await http.call('GET', `/v1/owner/connections/${id}/streams`, {
        token: ownerToken,
      });
      expect(streams.json).toEqual({ streams: [{ stream: 'profile', records: 1 }] });
      const profile = await http.call('GET', `/v1/owner/connections/${id}/records?stream=profile`, {
        token: ownerToken,
      });
      expect(profile.json.items).toEqual([
        expect.objectContaining({
          key: '583233',
          data: expect.objectContaining({ login: 'octocat-empty' }),
        }),
      ]);
    });

    it('shows a failed first sync in setup-status with one repair step', async () => {
      const draft = await http.call('POST', '/v1/owner/connections/drafts', {
        token: ownerToken,
        body: { connector: 'github', fields: { api_url: failingGithub.apiUrl } },
      });
      const id = draft.json.connection_id as string;
      const captured = await http.call('PUT', `/v1/owner/connections/${id}/credential`, {
        token: ownerToken,
        body: { token: CANARY },
      });
      expect(captured.status).toBe(200);
      const failed = await waitFor(
        () => status(id),
        (r) => r.json.setup_state === 'first_sync_failed',
      );
      expect(failed.json.setup_state).toBe('first_sync_failed');
      expect(failed.json.run.error_code).toBe('provider_unavailable');
      expect(failed.json.remediation.kind).toBe('retry_sync');
      expect(failed.json.remediation.action.path).toBe(`/v1/owner/connections/${id}/reconnect`);
    });

    it('refuses a token of an account already connected with 409 same_account, storing nothing, unless kept on purpose', async () => {
      const list = await http.call('GET', '/v1/owner/connections', { token: ownerToken });
      const octocat = list.json.items.find(
        (item: { account: { label: string } | null; status: string }) =>
          item.account?.label === 'octocat' && item.status === 'active',
      );
      expect(octocat).toBeDefined();
      const draft = await http.call('POST', '/v1/owner/connections/drafts', {
        token: ownerToken,
        body: { connector: 'github', fields: { api_url: github.apiUrl } },
      });
      const id = draft.json.connection_id as string;
      const refused = await http.call('PUT', `/v1/owner/connections/${id}/credential`, {
        token: ownerToken,
        body: { token: CANARY },
      });
      expect(refused.status).toBe(409);
      expect(refused.json.error).toMatchObject({
        code: 'same_account',
        details: { connector: 'github', connection_id: octocat.connection_id },
      });
      const waiting = await status(id);
      expect(waiting.json).toMatchObject({
        setup_state: 'awaiting_credential',
        credential: { present: false },
      });
      const kept = await http.call(
        'PUT',
        `/v1/owner/connections/${id}/credential?same_account=keep`,
        {
          token: ownerToken,
          body: { token: CANARY },
        },
      );
      expect(kept.status).toBe(200);
      expect(kept.json.same_account).toMatchObject({
        connection_id: octocat.connection_id,
        status: 'active',
      });
      const unknown = await http.call(
        'PUT',
        `/v1/owner/connections/${id}/credential?same_account=yes`,
        {
          token: ownerToken,
          body: { token: CANARY },
        },
      );
      expect(unknown.status).toBe(400);
    });

    it('lets nothing through /mcp and points at the setup surfaces', async () => {
      for (const token of [ownerToken, agentToken]) {
        const mcp = await http.call('POST', '/mcp', {
          token,
          body: { jsonrpc: '2.0', method: 'tools/list', id: 1 },
        });
        expect(mcp.status).toBe(403);
        expect(mcp.json.error.code).toBe('mcp_setup_not_supported');
        expect(mcp.json.error.message).toContain('/v1/owner/connections/intents');
      }
    });

    it('never lets the canary out: responses, headers, logs, the event stream, webhook bodies and every database column', async () => {
      expect(await stream.until(() => stream.text.includes('"connection_activated"'))).toBe(true);
      expect(stream.text).toContain('"credential_rejected"');
      expect(stream.text).toContain('"credential_accepted"');
      expect(stream.text.includes(CANARY)).toBe(false);
      expect(stream.text.includes(WRONG)).toBe(false);
      const log = await http.call('GET', '/v1/owner/events?after=0', { token: ownerToken });
      expect(log.json.items.length).toBeGreaterThan(0);
      expect(log.text.includes(CANARY) || log.text.includes(WRONG)).toBe(false);
      const settled = await waitFor(
        () =>
          http.call('GET', `/v1/owner/webhooks/${webhookId}/deliveries?limit=100`, {
            token: ownerToken,
          }),
        (r) =>
          r.json.deliveries.length > 0 &&
          r.json.deliveries.every((d: { status: string }) => d.status !== 'pending'),
      );
      expect(settled.json.deliveries.map((d: { event_type: string }) => d.event_type)).toEqual(
        expect.arrayContaining([
          'credential_rejected',
          'credential_accepted',
          'connection_activated',
        ]),
      );
      expect(receiver.received.length).toBeGreaterThan(0);
      expect(receiver.received.filter((r) => JSON.stringify(r).includes(CANARY))).toEqual([]);
      const leaks = seen.filter(
        (x) => x.text.includes(CANARY) || JSON.stringify(x.headers).includes(CANARY),
      );
      expect(leaks.map((x) => `${x.method} ${x.path}`)).toEqual([]);
      expect(t.logs.join('').includes(CANARY)).toBe(false);
      expect(t.logs.length).toBeGreaterThan(0);
      const store = openStore({ url: t.databaseUrl, dataDir: t.dataDir });
      try {
        expect(await scanAllText(store, CANARY)).toEqual([]);
        const audit = await store.db.selectFrom('audit_events').select('details_json').execute();
        expect(audit.length).toBeGreaterThan(0);
      } finally {
        await store.close();
      }
    });
  },
);
