import { openStore, type Store } from '@conn/store';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpClient } from './http-client';
import { type LoopbackGitlab, startLoopbackGitlab } from './loopback-gitlab';
import { type Replicas, startReplicas } from './replicas';
import { ownerPassword } from './test-server';
import { waitFor } from './wait-for';

const CLIENT_ID = 'conn-replicas-client';
const CLIENT_SECRET = 'gitlab-oauth-client-secret-REPLICAS-2b8d41';
// Both replicas sit behind one origin, as behind a load balancer: the provider
// sends the browser back there, and the test delivers it to either process.
const PUBLIC_ORIGIN = 'http://127.0.0.1:9';

/**
 * The `replicas` suite: two conn-server processes on one PostgreSQL
 * database, started at the same moment on an empty schema. Every piece of
 * shared state is driven through one process and finished through the other.
 * (The scheduled-syncs, events and webhooks suites add their own two-process
 * cases: a due sync queued once, events delivered across processes, each
 * webhook delivery sent once.)
 */
describe('replicas: two conn-server processes on one PostgreSQL database', () => {
  let replicas: Replicas;
  let gitlab: LoopbackGitlab;
  let store: Store;
  let a: ReturnType<typeof httpClient>;
  let b: ReturnType<typeof httpClient>;
  let ownerA: string;
  let ownerB: string;

  const login = async (http: ReturnType<typeof httpClient>) => {
    const response = await http.call('POST', '/v1/owner/login', {
      body: { password: ownerPassword, mode: 'token' },
    });
    expect(response.status, response.text).toBe(200);
    return response.json.session_token as string;
  };
  const count = async (table: 'connections' | 'runs' | 'records' | 'owners') =>
    Number(
      (
        await store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    gitlab = await startLoopbackGitlab({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectUri: `${PUBLIC_ORIGIN}/v1/oauth/callback`,
    });
    replicas = await startReplicas(
      { CONN_PUBLIC_ORIGIN: PUBLIC_ORIGIN, CONN_PASSWORD_ATTEMPTS_PER_MINUTE: '6' },
      { together: true },
    );
    store = openStore({ url: replicas.databaseUrl, dataDir: '.' });
    a = httpClient(replicas.servers[0].url);
    b = httpClient(replicas.servers[1].url);
    ownerA = await login(a);
    ownerB = await login(b);
  }, 90_000);

  afterAll(async () => {
    await store?.close();
    await replicas?.dispose();
    await gitlab?.close();
  }, 60_000);

  it('migrate one empty database at the same boot: each migration once, one owner', async () => {
    const client = new pg.Client({ connectionString: replicas.databaseUrl });
    await client.connect();
    const applied = await client.query<{ name: string }>('select name from kysely_migration');
    await client.end();
    const names = applied.rows.map((row) => row.name);
    expect(names.length).toBeGreaterThan(5);
    expect(new Set(names).size).toBe(names.length);
    expect(await count('owners')).toBe(1);
    // One owner, one password: a session from either process works on the other.
    expect((await a.call('GET', '/v1/owner/connections', { token: ownerB })).status).toBe(200);
    expect((await b.call('GET', '/v1/owner/connections', { token: ownerA })).status).toBe(200);
  });

  it('complete an authorization started on A when the provider sends the owner back to B', async () => {
    const saved = await a.call('PUT', '/v1/owner/deployment/provider-apps/gitlab', {
      token: ownerA,
      body: {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        instance_url: gitlab.instanceUrl,
      },
    });
    expect(saved.status, saved.text).toBe(200);
    // B plans with the app A saved, at once: no cache of its own in the way.
    const plan = await b.call('GET', '/v1/owner/connectors/gitlab/setup-plan', { token: ownerB });
    expect(plan.json.next_step.kind).toBe('open_provider_auth');

    const started = await a.call('POST', '/v1/owner/connectors/gitlab/authorize', {
      token: ownerA,
      body: { unproven: true },
    });
    expect(started.status, started.text).toBe(201);
    const back = await gitlab.authorize(started.json.authorization_url, { account: 'tanuki' });
    expect(back.origin).toBe(PUBLIC_ORIGIN);
    const callback = await fetch(`${replicas.servers[1].url}${back.pathname}${back.search}`, {
      redirect: 'manual',
    });
    expect(callback.status, await callback.text()).toBe(303);

    const [connection] = await store.db
      .selectFrom('connections')
      .select(['id', 'status'])
      .where('connector', '=', 'gitlab')
      .execute();
    expect(connection?.status).toBe('active');
    const id = connection?.id ?? '';
    // Whichever process claimed the first sync, it ran once.
    const done = await waitFor(
      () => a.call('GET', `/v1/owner/connections/${id}/setup-status`, { token: ownerA }),
      (r) => r.json.run?.status === 'succeeded',
    );
    expect(done.json.records_total).toBe(5);
    const runs = await store.db
      .selectFrom('runs')
      .selectAll()
      .where('connection_id', '=', id)
      .execute();
    expect(runs.map((run) => [run.kind, run.attempts])).toEqual([['first_sync', 1]]);
  });

  it('queue one sync when sync now is asked of both at once, and run it once', async () => {
    const [connection] = await store.db
      .selectFrom('connections')
      .select('id')
      .where('connector', '=', 'gitlab')
      .execute();
    const id = connection?.id ?? '';
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 === 0 ? a : b).call('POST', `/v1/owner/connections/${id}/sync`, {
          token: i % 2 === 0 ? ownerA : ownerB,
        }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(202));
    await waitFor(
      () => b.call('GET', `/v1/owner/connections/${id}/setup-status`, { token: ownerB }),
      (r) => r.json.run?.kind === 'sync' && r.json.run?.status === 'succeeded',
    );
    const syncs = await store.db
      .selectFrom('runs')
      .select(['status', 'attempts'])
      .where('connection_id', '=', id)
      .where('kind', '=', 'sync')
      .execute();
    expect(syncs).toEqual([{ status: 'succeeded', attempts: 1 }]);
  });

  it('exchange a code minted on A exactly once when four devices race for it on both', async () => {
    const intent = await a.call('POST', '/v1/owner/connections/intents', {
      token: ownerA,
      body: { connector: 'claude-code' },
    });
    expect(intent.status, intent.text).toBe(201);
    const code = intent.json.next_step.enrollment_code as string;
    const answers = await Promise.all(
      [a, b, a, b].map((http, i) =>
        http.call('POST', '/v1/collector/enroll', { body: { code, device_name: `pc-${i}` } }),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409, 409]);
    const tokens = await store.db
      .selectFrom('collector_tokens')
      .select('id')
      .where('connection_id', '=', intent.json.connection_id)
      .execute();
    expect(tokens).toHaveLength(1);
  });

  it('activate a device connection once when its first 40 batches arrive split across both', async () => {
    const intent = await b.call('POST', '/v1/owner/connections/intents', {
      token: ownerB,
      body: { connector: 'codex' },
    });
    const enrolled = await a.call('POST', '/v1/collector/enroll', {
      body: { code: intent.json.next_step.enrollment_code, device_name: 'laptop' },
    });
    expect(enrolled.status, enrolled.text).toBe(201);
    const { collector_token: token, connection_id: id, run_id: runId } = enrolled.json;
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 === 0 ? a : b).call('POST', '/v1/collector/records', {
          token,
          body: { stream: 'sessions', run_id: runId, records: [{ session_id: `s-${i}` }] },
        }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(40).fill(200));
    const status = await a.call('GET', `/v1/owner/connections/${id}/setup-status`, {
      token: ownerA,
    });
    expect(status.json).toMatchObject({ status: 'active', records_total: 40 });
    const activations = await store.db
      .selectFrom('audit_events')
      .select('id')
      .where('connection_id', '=', id)
      .where('action', '=', 'connection.activated')
      .execute();
    expect(activations).toHaveLength(1);
    const events = await store.db
      .selectFrom('events')
      .select('type')
      .where('connection_id', '=', id)
      .where('type', '=', 'connection_activated')
      .execute();
    expect(events).toHaveLength(1);
  });

  it('share guess limits: wrong passwords on A and on B add up, and the owner is told to wait', async () => {
    const wrong = (http: ReturnType<typeof httpClient>) =>
      http.call('POST', '/v1/owner/login', { body: { password: 'not-the-password' } });
    const statuses: number[] = [];
    for (const http of [a, b, a, b, a, b, a]) statuses.push((await wrong(http)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429]);
    const onB = await wrong(b);
    expect(onB.status).toBe(429);
    expect(onB.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
  });
});
