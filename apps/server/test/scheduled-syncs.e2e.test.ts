import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FakeGithub,
  startFakeGithub,
} from '../../../packages/connectors/test/github/fake-github';
import { httpClient } from './http-client';
import { type Replicas, startReplicas } from './replicas';
import { ownerPassword, serverDialects, startTestServer, type TestServer } from './test-server';
import { waitFor } from './wait-for';

const TOKEN = 'ghp_scheduledSyncT0kenNeverLeaves000000001';

/** Creates a GitHub connection through REST and waits until its first sync made it active. */
async function activeGithub(http: ReturnType<typeof httpClient>, token: string, apiUrl: string) {
  const draft = await http.call('POST', '/v1/owner/connections/drafts', {
    token,
    body: { connector: 'github', fields: { api_url: apiUrl } },
  });
  const id = draft.json.connection_id as string;
  // Each test's source is the fake's one account again: a second connection on purpose.
  const captured = await http.call(
    'PUT',
    `/v1/owner/connections/${id}/credential?same_account=keep`,
    {
      token,
      body: { token: TOKEN },
    },
  );
  expect(captured.status).toBe(200);
  const active = await waitFor(
    () => http.call('GET', `/v1/owner/connections/${id}/setup-status`, { token }),
    (r) => r.json.setup_state === 'active' && r.json.run?.status === 'succeeded',
  );
  expect(active.json.setup_state).toBe('active');
  return id;
}

const listRequests = (github: FakeGithub) =>
  github.requests.filter((request) => request.path === '/user/repos' && request.page === 1);

describe.each(await serverDialects())('scheduled syncs through the real server (%s)', (dialect) => {
  let github: FakeGithub;
  let t: TestServer;
  let http: ReturnType<typeof httpClient>;
  let owner: string;

  beforeAll(async () => {
    github = await startFakeGithub({ token: TOKEN });
    t = await startTestServer({
      dialect,
      env: { CONN_SYNC_INTERVAL_MS: '1500' },
      timings: { pollMs: 25, staleAfterMs: 60_000, sweepMs: 60_000, recoverMs: 100 },
    });
    http = httpClient(t.url);
    owner = await t.login();
  });
  afterAll(async () => {
    await t?.dispose();
    await github?.close();
  });

  it('syncs again by itself on the interval, conditionally: a 304 writes nothing, and health shows it', async () => {
    const id = await activeGithub(http, owner, github.apiUrl);
    const first = await http.call('GET', `/v1/owner/connections/${id}/setup-status`, {
      token: owner,
    });
    expect(first.json.health).toMatchObject({
      interval_seconds: 2,
      consecutive_failures: 0,
      stale: false,
    });
    expect(first.json.health.next_sync_at).not.toBeNull();
    const runs = await waitFor(
      () => http.call('GET', `/v1/owner/connections/${id}/runs?limit=10`, { token: owner }),
      (r) =>
        r.json.items.filter(
          (run: { kind: string; status: string }) =>
            run.kind === 'sync' && run.status === 'succeeded',
        ).length >= 2,
    );
    const syncs = runs.json.items.filter((run: { kind: string }) => run.kind === 'sync');
    expect(syncs.length).toBeGreaterThanOrEqual(2);
    for (const run of syncs.filter((r: { status: string }) => r.status === 'succeeded')) {
      expect(run.records_accepted).toBe(0);
    }
    const firstPages = listRequests(github);
    expect(firstPages[0]?.headers['if-none-match']).toBeUndefined();
    expect(
      firstPages.slice(1).every((request) => typeof request.headers['if-none-match'] === 'string'),
    ).toBe(true);
    const after = await http.call('GET', `/v1/owner/connections/${id}/setup-status`, {
      token: owner,
    });
    expect(after.json.records_total).toBe(8); // 5 repositories, 2 starred, the profile
  });

  it('keeps the expiry GitHub names for the token, and a week ahead asks for a new one, once', async () => {
    // GitHub names an expiring token's end in a header: three days out, inside the week's notice.
    const ends = new Date(Date.now() + 3 * 86_400_000);
    ends.setUTCMilliseconds(0);
    const header = `${ends.toISOString().slice(0, 10)} ${ends.toISOString().slice(11, 19)} UTC`;
    const expiring = await startFakeGithub({
      token: TOKEN,
      tokenExpiration: header,
      user: { id: 583234, login: 'octocat-expiring' },
    });
    try {
      const draft = await http.call('POST', '/v1/owner/connections/drafts', {
        token: owner,
        body: { connector: 'github', fields: { api_url: expiring.apiUrl } },
      });
      const id = draft.json.connection_id as string;
      const captured = await http.call('PUT', `/v1/owner/connections/${id}/credential`, {
        token: owner,
        body: { token: TOKEN },
      });
      expect(captured.json.credential.expires_at).toBe(ends.toISOString());
      const noticed = await waitFor(
        () => http.call('GET', `/v1/owner/connections/${id}/setup-status`, { token: owner }),
        (r) => r.json.setup_state === 'needs_attention',
      );
      expect(noticed.json.remediation).toMatchObject({
        kind: 'replace_credential',
        label: 'Replace the credential',
        action: { method: 'PUT', path: `/v1/owner/connections/${id}/credential` },
      });
      expect(noticed.json.credential.expires_at).toBe(ends.toISOString());
      expect(noticed.json.records_total).toBe(8);
      const events = await http.call('GET', `/v1/owner/events?connection_id=${id}`, {
        token: owner,
      });
      const notices = events.json.items.filter(
        (event: { type: string; connection_id?: string }) =>
          event.type === 'connection_needs_attention' && event.connection_id === id,
      );
      expect(notices).toEqual([expect.objectContaining({ reason: 'credential_expiring' })]);
    } finally {
      await expiring.close();
    }
  });

  it('syncs now on request, from an agent token too, and refuses imports and unknown ids in the one error shape', async () => {
    const id = await activeGithub(http, owner, github.apiUrl);
    const agent = await http.call('POST', '/v1/owner/agent-tokens', {
      token: owner,
      body: { name: 'scheduler-test' },
    });
    const now = await http.call('POST', `/v1/owner/connections/${id}/sync`, {
      token: agent.json.token,
    });
    expect(now.status).toBe(202);
    expect(now.json.run).toMatchObject({ kind: 'sync' });
    expect(['queued', 'running', 'succeeded']).toContain(now.json.run.status);
    const missing = await http.call('POST', '/v1/owner/connections/con_missing/sync', {
      token: owner,
    });
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('connection_not_found');
    const anonymous = await http.call('POST', `/v1/owner/connections/${id}/sync`);
    expect(anonymous.status).toBe(401);
  });
});

describe('scheduled syncs across two replicas on PostgreSQL', () => {
  let github: FakeGithub;
  let replicas: Replicas;

  beforeAll(async () => {
    github = await startFakeGithub({ token: TOKEN });
    replicas = await startReplicas({
      CONN_SYNC_INTERVAL_MS: '1000',
      CONN_RUN_STALE_AFTER_MS: '1000',
      CONN_UPLOAD_LEASE_MS: '1000',
    });
  });
  afterAll(async () => {
    await replicas?.dispose();
    await github?.close();
  });

  it('queues each due sync exactly once, whichever replica sees it first', async () => {
    const [a] = replicas.servers;
    const http = httpClient(a.url);
    const login = await http.call('POST', '/v1/owner/login', {
      body: { password: ownerPassword, mode: 'token' },
    });
    const token = login.json.session_token as string;
    const id = await activeGithub(http, token, github.apiUrl);
    await waitFor(
      () => http.call('GET', `/v1/owner/connections/${id}/runs?limit=20`, { token }),
      (r) => r.json.items.filter((run: { kind: string }) => run.kind === 'sync').length >= 4,
      20_000,
    );
    const runs = await http.call('GET', `/v1/owner/connections/${id}/runs?limit=50`, { token });
    const syncs = runs.json.items.filter((run: { kind: string }) => run.kind === 'sync');
    expect(syncs.length).toBeGreaterThanOrEqual(4);
    // Never two runs alive at once, and never two queued within one interval of each other.
    const created = syncs.map((run: { created_at: string }) => Date.parse(run.created_at)).sort();
    for (let i = 1; i < created.length; i++) {
      expect(created[i] - created[i - 1]).toBeGreaterThan(500);
    }
  });
});
