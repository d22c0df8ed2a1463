import { inspect } from 'node:util';
import { Secret } from '@conn/setup-engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import {
  ConnApiError,
  ConnClient,
  ConnNetworkError,
  ConnResponseError,
  type ReconnectResult,
} from '../src/index';
import { intent, plans, status } from './canned';
import { type CannedAnswer, type FakeServer, startFakeServer } from './fake-conn-server';

const TOKEN = 'coa_Zq81TopSecretAgentToken';

let server: FakeServer;
let client: ConnClient;

beforeAll(async () => {
  server = await startFakeServer();
  client = new ConnClient({ baseUrl: server.url, token: TOKEN });
});
afterAll(() => server.close());

const agentToken = {
  id: 'agt1',
  name: 'assistant',
  created_at: '2025-03-01T10:00:00.000Z',
  last_used_at: null,
  revoked_at: null,
  expires_at: null,
};

const reconnectResult: ReconnectResult = {
  connection_id: 'con_1',
  setup_state: 'needs_attention',
  next_step: {
    ...plans.forge.next_step,
    action: { method: 'PUT', path: '/v1/owner/connections/con_1/credential' },
    materializes: 'nothing',
    url: 'https://conn.example.com/console/connections/con_1/setup',
    connection_id: 'con_1',
    enrollment_code: null,
    command: null,
    expires_at: null,
  },
};

interface RouteCase {
  name: string;
  /** `METHOD /path` the fake answers on. */
  route: string;
  /** The exact path and query the SDK must request. */
  url: string;
  answer: CannedAnswer;
  call: (client: ConnClient) => Promise<unknown>;
  /** The JSON body the SDK must send; undefined for none. */
  sent?: unknown;
  /** Whether the bearer must be sent (login and enroll must not). */
  bearer?: boolean;
  result: unknown;
}

const draft = status({ credential_present: false });
const revoked = status({ connectionStatus: 'revoked' }, { revoked_at: '2025-03-02T10:00:00.000Z' });

const authorizationStart = {
  authorization_url: 'https://lab.example.com/oauth/authorize?state=s1',
  expires_at: '2025-03-01T10:10:00.000Z',
};

const providerApp = {
  group: 'lab',
  label: 'Lab OAuth app',
  client_id: 'cid',
  instance_url: 'https://lab.example.com',
  client_secret_fingerprint: '0123456789ab',
  created_at: '2025-03-01T10:00:00.000Z',
  updated_at: '2025-03-01T10:00:00.000Z',
};

const cases: RouteCase[] = [
  {
    name: 'connectors',
    route: 'GET /v1/owner/connectors',
    url: '/v1/owner/connectors',
    answer: {
      json: {
        connectors: [
          { plan: plans.forge, holdings: { connections: { active: 1 }, pending: 0, records: 12 } },
        ],
      },
    },
    call: (c) => c.connectors(),
    result: [
      { plan: plans.forge, holdings: { connections: { active: 1 }, pending: 0, records: 12 } },
    ],
  },
  {
    name: 'plan',
    route: 'GET /v1/owner/connectors/forge/setup-plan',
    url: '/v1/owner/connectors/forge/setup-plan',
    answer: { json: plans.forge },
    call: (c) => c.plan('forge'),
    result: plans.forge,
  },
  {
    name: 'readiness',
    route: 'GET /v1/owner/deployment/readiness',
    url: '/v1/owner/deployment/readiness',
    answer: {
      json: { ready: false, credential_key_provider: null, blockers: plans.lab.readiness.blockers },
    },
    call: (c) => c.readiness(),
    result: { ready: false, credential_key_provider: null, blockers: plans.lab.readiness.blockers },
  },
  {
    name: 'createIntent',
    route: 'POST /v1/owner/connections/intents',
    url: '/v1/owner/connections/intents',
    answer: { status: 201, json: intent(plans.forgeUnproven) },
    call: (c) =>
      c.createIntent({ connector: 'forge', unproven: true }, { idempotencyKey: 'retry-key-1' }),
    sent: { connector: 'forge', unproven: true },
    result: intent(plans.forgeUnproven),
  },
  {
    name: 'connect',
    route: 'POST /v1/owner/connections/intents',
    url: '/v1/owner/connections/intents',
    answer: { status: 201, json: intent(plans.agentLogs) },
    call: (c) => c.connect('agent-logs', { label: 'Laptop', reconnectConnectionId: 'con_9' }),
    sent: { connector: 'agent-logs', label: 'Laptop', reconnect_connection_id: 'con_9' },
    result: intent(plans.agentLogs),
  },
  {
    name: 'intent',
    route: 'GET /v1/owner/connections/intents/int1',
    url: '/v1/owner/connections/intents/int1',
    answer: { json: intent(plans.forge) },
    call: (c) => c.intent('int1'),
    result: intent(plans.forge),
  },
  {
    name: 'connections',
    route: 'GET /v1/owner/connections',
    url: '/v1/owner/connections?include=pending&cursor=abc&limit=10',
    answer: { json: { items: [draft], next_cursor: 'def' } },
    call: (c) => c.connections({ includePending: true, cursor: 'abc', limit: 10 }),
    result: { items: [draft], next_cursor: 'def' },
  },
  {
    name: 'setupStatus',
    route: 'GET /v1/owner/connections/con_1/setup-status',
    url: '/v1/owner/connections/con_1/setup-status',
    answer: { json: draft },
    call: (c) => c.setupStatus('con_1'),
    result: draft,
  },
  {
    name: 'revoke',
    route: 'POST /v1/owner/connections/con_1/revoke',
    url: '/v1/owner/connections/con_1/revoke',
    answer: { json: revoked },
    call: (c) => c.revoke('con_1'),
    result: revoked,
  },
  {
    name: 'reconnect',
    route: 'POST /v1/owner/connections/con_1/reconnect',
    url: '/v1/owner/connections/con_1/reconnect',
    answer: { json: reconnectResult },
    call: (c) => c.reconnect('con_1'),
    result: reconnectResult,
  },
  {
    name: 'records',
    route: 'GET /v1/owner/connections/con_1/records',
    url: '/v1/owner/connections/con_1/records?stream=items&cursor=c1',
    answer: {
      json: {
        items: [
          {
            stream: 'items',
            key: '42',
            data: { id: 42, title: 'Hello' },
            created_at: '2025-03-01T10:00:00.000Z',
            updated_at: '2025-03-01T10:00:00.000Z',
          },
        ],
        next_cursor: null,
      },
    },
    call: (c) => c.records('con_1', { stream: 'items', cursor: 'c1' }),
    result: {
      items: [
        {
          stream: 'items',
          key: '42',
          data: { id: 42, title: 'Hello' },
          created_at: '2025-03-01T10:00:00.000Z',
          updated_at: '2025-03-01T10:00:00.000Z',
        },
      ],
      next_cursor: null,
    },
  },
  {
    name: 'createDraft',
    route: 'POST /v1/owner/connections/drafts',
    url: '/v1/owner/connections/drafts',
    answer: { status: 201, json: draft },
    call: (c) =>
      c.createDraft({ connector: 'forge', fields: { api_url: 'https://forge.internal' } }),
    sent: { connector: 'forge', fields: { api_url: 'https://forge.internal' } },
    result: draft,
  },
  {
    name: 'submitCredential',
    route: 'PUT /v1/owner/connections/con_1/credential',
    url: '/v1/owner/connections/con_1/credential',
    answer: { json: status({ run: { status: 'queued', error_code: null } }) },
    call: (c) => c.submitCredential('con_1', { token: new Secret('fgp_pastedValue') }),
    sent: { token: 'fgp_pastedValue' },
    result: status({ run: { status: 'queued', error_code: null } }),
  },
  {
    name: 'login',
    route: 'POST /v1/owner/login',
    url: '/v1/owner/login',
    answer: { json: { expires_at: '2025-04-01T10:00:00.000Z', session_token: 'cos_newSession' } },
    call: (c) => c.login('correct horse'),
    sent: { password: 'correct horse', mode: 'token' },
    bearer: false,
    result: 'cos_newSession',
  },
  {
    name: 'logout',
    route: 'POST /v1/owner/logout',
    url: '/v1/owner/logout',
    answer: { status: 204 },
    call: (c) => c.logout(),
    result: undefined,
  },
  {
    name: 'createAgentToken',
    route: 'POST /v1/owner/agent-tokens',
    url: '/v1/owner/agent-tokens',
    answer: { status: 201, json: { token: 'coa_fresh', agent_token: agentToken } },
    call: (c) => c.createAgentToken('assistant'),
    sent: { name: 'assistant' },
    result: { token: 'coa_fresh', agent_token: agentToken },
  },
  {
    name: 'createAgentToken with a lifetime',
    route: 'POST /v1/owner/agent-tokens',
    url: '/v1/owner/agent-tokens',
    answer: {
      status: 201,
      json: {
        token: 'coa_fresh',
        agent_token: { ...agentToken, expires_at: '2025-03-31T10:00:00.000Z' },
      },
    },
    call: (c) => c.createAgentToken('trial', { expiresInDays: 30 }),
    sent: { name: 'trial', expires_in_days: 30 },
    result: {
      token: 'coa_fresh',
      agent_token: { ...agentToken, expires_at: '2025-03-31T10:00:00.000Z' },
    },
  },
  {
    name: 'agentTokens',
    route: 'GET /v1/owner/agent-tokens',
    url: '/v1/owner/agent-tokens',
    answer: { json: { agent_tokens: [agentToken] } },
    call: (c) => c.agentTokens(),
    result: [agentToken],
  },
  {
    name: 'revokeAgentToken',
    route: 'DELETE /v1/owner/agent-tokens/agt1',
    url: '/v1/owner/agent-tokens/agt1',
    answer: { json: { agent_token: { ...agentToken, revoked_at: '2025-03-02T00:00:00.000Z' } } },
    call: (c) => c.revokeAgentToken('agt1'),
    result: { ...agentToken, revoked_at: '2025-03-02T00:00:00.000Z' },
  },
  {
    name: 'browserEnrollmentShell',
    route: 'POST /v1/owner/connectors/shop/browser-enrollment-shell',
    url: '/v1/owner/connectors/shop/browser-enrollment-shell',
    answer: { status: 201, json: status({ modality: 'browser_bound', credential_present: false }) },
    call: (c) => c.browserEnrollmentShell('shop', { label: 'Me' }),
    sent: { label: 'Me' },
    result: status({ modality: 'browser_bound', credential_present: false }),
  },
  {
    name: 'abandonEnrollment',
    route: 'POST /v1/owner/connections/con_1/abandon-enrollment',
    url: '/v1/owner/connections/con_1/abandon-enrollment',
    answer: { json: draft },
    call: (c) => c.abandonEnrollment('con_1'),
    result: draft,
  },
  {
    name: 'authorize',
    route: 'POST /v1/owner/connectors/lab/authorize',
    url: '/v1/owner/connectors/lab/authorize',
    answer: { status: 201, json: authorizationStart },
    call: (c) => c.authorize('lab'),
    sent: {},
    result: authorizationStart,
  },
  {
    name: 'authorize (unproven, reconnect)',
    route: 'POST /v1/owner/connectors/lab/authorize',
    url: '/v1/owner/connectors/lab/authorize',
    answer: { status: 201, json: authorizationStart },
    call: (c) => c.authorize('lab', { unproven: true, label: 'Work', connectionId: 'con_1' }),
    sent: { unproven: true, label: 'Work', connection_id: 'con_1' },
    result: authorizationStart,
  },
  {
    name: 'putProviderApp',
    route: 'PUT /v1/owner/deployment/provider-apps/lab',
    url: '/v1/owner/deployment/provider-apps/lab',
    answer: { json: providerApp },
    call: (c) => c.putProviderApp('lab', { client_id: 'cid', client_secret: new Secret('cs') }),
    sent: { client_id: 'cid', client_secret: 'cs' },
    result: providerApp,
  },
  {
    name: 'providerApps',
    route: 'GET /v1/owner/deployment/provider-apps',
    url: '/v1/owner/deployment/provider-apps',
    answer: { json: { items: [providerApp] } },
    call: (c) => c.providerApps(),
    result: [providerApp],
  },
  {
    name: 'artifact',
    route: 'GET /v1/owner/uploads/art1',
    url: '/v1/owner/uploads/art1',
    answer: {
      json: {
        id: 'art1',
        connector: 'whatsapp',
        file_name: 'chat.txt',
        size_bytes: 42,
        sha256: null,
        status: 'staged',
        validation: null,
        expires_at: '2030-01-02T00:00:00.000Z',
      },
    },
    call: (c) => c.artifact('art1'),
    result: {
      id: 'art1',
      connector: 'whatsapp',
      file_name: 'chat.txt',
      size_bytes: 42,
      sha256: null,
      status: 'staged',
      validation: null,
      expires_at: '2030-01-02T00:00:00.000Z',
    },
  },
  {
    name: 'importArtifacts',
    route: 'POST /v1/owner/uploads/import',
    url: '/v1/owner/uploads/import',
    answer: {
      json: status({ modality: 'manual_or_upload', run: { status: 'queued', error_code: null } }),
    },
    call: (c) =>
      c.importArtifacts({
        artifact_ids: ['art1'],
        target: { new: { label: 'Family' } },
        readings: { date_order: 'month_first' },
      }),
    sent: {
      artifact_ids: ['art1'],
      target: { new: { label: 'Family' } },
      readings: { date_order: 'month_first' },
    },
    result: status({ modality: 'manual_or_upload', run: { status: 'queued', error_code: null } }),
  },
  {
    name: 'enroll',
    route: 'POST /v1/collector/enroll',
    url: '/v1/collector/enroll',
    answer: {
      status: 201,
      json: {
        collector_token: 'coc_device',
        connection_id: 'con_2',
        connector: 'agent-logs',
        run_id: 'run_2',
      },
    },
    call: (c) => c.enroll('7KQ2-M9XD', 'laptop'),
    sent: { code: '7KQ2-M9XD', device_name: 'laptop' },
    bearer: false,
    result: {
      collector_token: 'coc_device',
      connection_id: 'con_2',
      connector: 'agent-logs',
      run_id: 'run_2',
    },
  },
  {
    name: 'ingest',
    route: 'POST /v1/collector/records',
    url: '/v1/collector/records',
    answer: {
      json: { accepted: 1, rejected: 0, rejections: [], activated: true, status: 'active' },
    },
    call: (c) => c.ingest('items', [{ id: 1 }], { runId: 'run_2' }),
    sent: { stream: 'items', records: [{ id: 1 }], run_id: 'run_2' },
    result: { accepted: 1, rejected: 0, rejections: [], activated: true, status: 'active' },
  },
  {
    name: 'reportProgress',
    route: 'POST /v1/collector/runs/run_2/progress',
    url: '/v1/collector/runs/run_2/progress',
    answer: { status: 204 },
    call: (c) => c.reportProgress('run_2', { stage: 'items', counts: { accepted: 3 } }),
    sent: { stage: 'items', counts: { accepted: 3 } },
    result: undefined,
  },
];

describe('ConnClient routes', () => {
  it.each(cases)('$name calls $route and returns the parsed answer', async (c) => {
    server.on(c.route, () => c.answer);
    const result = await c.call(client);
    const seen = server.last();
    expect(`${seen.method} ${seen.url}`).toBe(`${c.route.split(' ')[0]} ${c.url}`);
    expect(seen.headers.authorization).toBe(c.bearer === false ? undefined : `Bearer ${TOKEN}`);
    expect(seen.headers.accept).toBe('application/json');
    if (c.sent === undefined) {
      expect(seen.body.length).toBe(0);
    } else {
      expect(seen.headers['content-type']).toBe('application/json');
      expect(JSON.parse(seen.body.toString('utf8'))).toEqual(c.sent);
    }
    expect(result).toEqual(c.result);
  });

  it('sends the Idempotency-Key header only when one is given', async () => {
    server.on('POST /v1/owner/connections/intents', () => ({
      status: 201,
      json: intent(plans.forge),
    }));
    await client.createIntent({ connector: 'forge' }, { idempotencyKey: 'retry-key-1' });
    expect(server.last().headers['idempotency-key']).toBe('retry-key-1');
    await client.createIntent({ connector: 'forge' });
    expect(server.last().headers['idempotency-key']).toBeUndefined();
  });

  it('uploads the raw bytes with the file name header and the connector in the query', async () => {
    server.on('POST /v1/owner/uploads', () => ({
      status: 201,
      json: {
        id: 'art1',
        connector: 'whatsapp',
        file_name: 'chat.txt',
        size_bytes: 42,
        sha256: null,
        status: 'uploaded',
        validation: null,
        expires_at: '2030-01-02T00:00:00.000Z',
      },
    }));
    const progress: number[] = [];
    const artifact = await client.upload('chat-export', new Uint8Array([1, 2, 3]), {
      fileName: 'Chat with Fämily.txt',
      onProgress: ({ bytesSent }) => progress.push(bytesSent),
    });
    const seen = server.last();
    expect(seen.url).toBe('/v1/owner/uploads?connector=chat-export');
    expect(seen.headers['content-type']).toBe('application/octet-stream');
    expect(decodeURIComponent(String(seen.headers['x-conn-file-name']))).toBe(
      'Chat with Fämily.txt',
    );
    expect([...seen.body]).toEqual([1, 2, 3]);
    expect(artifact).toEqual({
      id: 'art1',
      connector: 'whatsapp',
      file_name: 'chat.txt',
      size_bytes: 42,
      sha256: null,
      status: 'uploaded',
      validation: null,
      expires_at: '2030-01-02T00:00:00.000Z',
    });
    expect(progress).toEqual([0, 3]);
  });

  it('keeps a base URL path prefix and drops its trailing slash', async () => {
    server.on('GET /conn/v1/owner/connectors/forge/setup-plan', () => ({ json: plans.forge }));
    const prefixed = new ConnClient({ baseUrl: `${server.url}/conn/`, token: TOKEN });
    expect(await prefixed.plan('forge')).toEqual(plans.forge);
    expect(server.last().url).toBe('/conn/v1/owner/connectors/forge/setup-plan');
  });

  it('encodes path segments so an id cannot reach another route', async () => {
    await client.setupStatus('../../agent-tokens').catch(() => undefined);
    expect(server.last().url).toBe('/v1/owner/connections/..%2F..%2Fagent-tokens/setup-status');
  });

  it('withToken sends the new token and leaves the original client as it was', async () => {
    server.on('GET /v1/owner/connectors/forge/setup-plan', () => ({ json: plans.forge }));
    const owner = client.withToken('cos_ownerSession');
    await owner.plan('forge');
    expect(server.last().headers.authorization).toBe('Bearer cos_ownerSession');
    await client.plan('forge');
    expect(server.last().headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('uses an injected fetch', async () => {
    const urls: string[] = [];
    const counting = new ConnClient({
      baseUrl: 'http://conn.invalid',
      fetch: async (url) => {
        urls.push(url);
        return new Response(JSON.stringify(plans.forge), { status: 200 });
      },
    });
    expect(await counting.plan('forge')).toEqual(plans.forge);
    expect(urls).toEqual(['http://conn.invalid/v1/owner/connectors/forge/setup-plan']);
  });
});

describe('ConnClient errors', () => {
  it('carries the Retry-After a refusal came with, in seconds or as a date', async () => {
    const at = new Date(Date.now() + 90_000).toUTCString();
    for (const [header, low, high] of [
      ['120', 120_000, 120_000],
      [at, 85_000, 90_000],
      ['soon', undefined, undefined],
    ] as const) {
      server.on('POST /v1/owner/login', () => ({
        status: 429,
        headers: { 'retry-after': header },
        json: { error: { code: 'rate_limited', message: 'Too many attempts.' } },
      }));
      const error = (await client.login('not it').catch((e: unknown) => e)) as ConnApiError;
      expect(error.code).toBe('rate_limited');
      if (low === undefined) expect(error.retryAfterMs).toBeUndefined();
      else {
        expect(error.retryAfterMs).toBeGreaterThanOrEqual(low);
        expect(error.retryAfterMs).toBeLessThanOrEqual(high);
      }
    }
  });

  it('turns the conn error body into a ConnApiError with status, code, message and details', async () => {
    server.on('PUT /v1/owner/connections/con_1/credential', () => ({
      status: 422,
      json: {
        error: {
          code: 'credential_rejected',
          message: 'Forge refused this token.',
          details: { connector: 'forge' },
        },
      },
    }));
    const error = await client
      .submitCredential('con_1', { token: 'fgp_wrong' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnApiError);
    const apiError = error as ConnApiError;
    expect(apiError.status).toBe(422);
    expect(apiError.code).toBe('credential_rejected');
    expect(apiError.is('credential_rejected')).toBe(true);
    expect(apiError.message).toBe('Forge refused this token.');
    expect(apiError.details).toEqual({ connector: 'forge' });
    expect(String(apiError)).not.toContain('fgp_wrong');
  });

  it('keeps an error code newer than this SDK instead of failing on it', async () => {
    server.on('GET /v1/owner/connections/con_1/setup-status', () => ({
      status: 409,
      json: { error: { code: 'brand_new_code', message: 'Something new.' } },
    }));
    const error = await client.setupStatus('con_1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnApiError);
    expect((error as ConnApiError).code).toBe('brand_new_code');
  });

  it('rejects an error status without the conn error body as a ConnResponseError', async () => {
    server.on('GET /v1/owner/connectors', () => ({
      status: 502,
      text: '<html>Bad gateway</html>',
    }));
    const error = await client.connectors().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnResponseError);
    expect((error as ConnResponseError).status).toBe(502);
  });

  it('rejects an answer of the wrong shape with the ZodError surfaced as a ConnResponseError', async () => {
    server.on('GET /v1/owner/connectors/forge/setup-plan', () => ({
      json: { ...plans.forge, support_state: 42 },
    }));
    const error = await client.plan('forge').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnResponseError);
    const responseError = error as ConnResponseError;
    expect(responseError.route).toBe('GET /v1/owner/connectors/forge/setup-plan');
    expect(responseError.issues.map((issue) => issue.path)).toEqual([['support_state']]);
    expect(responseError.cause).toBeInstanceOf(ZodError);
    expect(responseError.message).toContain('support_state');
  });

  it('drops a field the contract does not have, so nothing can ride in it (a secret, say)', async () => {
    server.on('GET /v1/owner/connections/con_1/setup-status', () => ({
      json: {
        ...draft,
        credential: {
          kind: 'personal_access_token',
          present: true,
          fingerprint: null,
          validated_at: null,
          rotated_at: null,
          value: 'leak',
        },
      },
    }));
    const read = await client.setupStatus('con_1');
    expect(read.credential).toEqual({
      kind: 'personal_access_token',
      present: true,
      fingerprint: null,
      validated_at: null,
      rotated_at: null,
      // An older server says nothing of expiry: none known.
      expires_at: null,
    });
    expect(JSON.stringify(read)).not.toContain('leak');
  });

  it('rejects a body that is not JSON as a ConnResponseError', async () => {
    server.on('GET /v1/owner/deployment/readiness', () => ({ status: 200, text: 'ok' }));
    await expect(client.readiness()).rejects.toBeInstanceOf(ConnResponseError);
  });

  it('reports an unreachable server as a ConnNetworkError naming the origin only', async () => {
    const closed = await startFakeServer();
    await closed.close();
    const offline = new ConnClient({ baseUrl: closed.url, token: TOKEN });
    const error = await offline.plan('forge').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnNetworkError);
    expect((error as Error).message).toContain(closed.url);
    expect((error as Error).message).toContain('GET /v1/owner/connectors/forge/setup-plan');
  });

  it('rejects with the abort reason when the caller aborts', async () => {
    server.on('GET /v1/owner/connectors/forge/setup-plan', () => ({
      json: plans.forge,
      delayMs: 500,
    }));
    const controller = new AbortController();
    const pending = client.plan('forge', { signal: controller.signal });
    controller.abort(new Error('owner closed the page'));
    await expect(pending).rejects.toThrow('owner closed the page');
  });
});

describe('the token never leaks', () => {
  function expectNoToken(value: unknown) {
    const renderings = [String(value), inspect(value, { depth: 10 }), JSON.stringify(value) ?? ''];
    if (value instanceof Error) renderings.push(value.message, value.stack ?? '');
    for (const text of renderings) expect(text).not.toContain(TOKEN);
  }

  it('is scrubbed from a server message that echoes it', async () => {
    server.on('GET /v1/owner/connectors/forge/setup-plan', () => ({
      status: 401,
      json: { error: { code: 'unauthenticated', message: `Token ${TOKEN} is not valid.` } },
    }));
    const error = await client.plan('forge').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnApiError);
    expect((error as Error).message).toBe('Token [token] is not valid.');
    expectNoToken(error);
  });

  it('is scrubbed from a fetch failure that mentions it, and its cause is dropped', async () => {
    const leaky = new ConnClient({
      baseUrl: 'http://conn.invalid',
      token: TOKEN,
      fetch: async (_url, init) => {
        throw new TypeError(`proxy refused ${JSON.stringify(init.headers)}`);
      },
    });
    const error = await leaky.plan('forge').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnNetworkError);
    expect((error as Error).cause).toBeUndefined();
    expectNoToken(error);
  });

  it('is absent from every error the routes above can raise', async () => {
    const failures: unknown[] = [];
    server.on('GET /v1/owner/connectors', () => ({ status: 502, text: 'bad gateway' }));
    server.on('GET /v1/owner/deployment/readiness', () => ({ json: { ready: 'yes' } }));
    failures.push(await client.connectors().catch((e: unknown) => e));
    failures.push(await client.readiness().catch((e: unknown) => e));
    failures.push(await client.intent('missing').catch((e: unknown) => e));
    const closed = await startFakeServer();
    await closed.close();
    failures.push(
      await new ConnClient({ baseUrl: closed.url, token: TOKEN })
        .plan('x')
        .catch((e: unknown) => e),
    );
    expect(failures.every((failure) => failure instanceof Error)).toBe(true);
    for (const failure of failures) expectNoToken(failure);
  });

  it('is absent from the client when printed, inspected or serialized', () => {
    expectNoToken(client);
    expect(JSON.stringify(client)).toBe(
      JSON.stringify({ baseUrl: server.url, authenticated: true }),
    );
  });
});
