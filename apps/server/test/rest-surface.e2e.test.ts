import { ErrorBodySchema } from '@conn/setup-engine';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpClient } from './http-client';
import { ownerPassword, startTestServer, type TestServer } from './test-server';

/** Every JSON route of the REST surface with a body, as an owner calls it. */
const jsonRoutes: Array<[method: string, path: string]> = [
  ['POST', '/v1/owner/password'],
  ['POST', '/v1/owner/agent-tokens'],
  ['POST', '/v1/owner/connections/intents'],
  ['POST', '/v1/owner/connections/drafts'],
  ['PUT', '/v1/owner/connections/con_unknown/credential'],
  ['POST', '/v1/owner/connectors/amazon/browser-enrollment-shell'],
  ['POST', '/v1/collector/enroll'],
];

/** Routes that name an id, with an id that does not exist. */
const unknownIdRoutes: Array<[method: string, path: string, code: string]> = [
  ['GET', '/v1/owner/connections/con_nope/setup-status', 'connection_not_found'],
  ['POST', '/v1/owner/connections/con_nope/revoke', 'connection_not_found'],
  ['POST', '/v1/owner/connections/con_nope/reconnect', 'connection_not_found'],
  ['GET', '/v1/owner/connections/con_nope/records', 'connection_not_found'],
  ['POST', '/v1/owner/connections/con_nope/abandon-enrollment', 'connection_not_found'],
  ['GET', '/v1/owner/connections/intents/int_nope', 'intent_not_found'],
  ['GET', '/v1/owner/connectors/nope/setup-plan', 'connector_not_found'],
  ['DELETE', '/v1/owner/agent-tokens/agt_nope', 'agent_token_not_found'],
];

describe('the REST surface answers bad input with its documented codes', () => {
  let t: TestServer;
  let owner: string;
  let http: ReturnType<typeof httpClient>;

  beforeAll(async () => {
    t = await startTestServer({ dialect: 'sqlite' });
    http = httpClient(t.url);
    owner = await t.login();
  });
  afterAll(async () => t?.dispose());

  it('serves health, readiness and an OpenAPI 3.1 document generated from the schemas', async () => {
    expect((await http.call('GET', '/healthz')).json).toEqual({ status: 'ok' });
    const ready = await http.call('GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.json).toMatchObject({ status: 'ready', credential_key_provider: 'generated' });
    const doc = await http.call('GET', '/openapi.json');
    expect(doc.json.openapi).toBe('3.1.0');
    expect(Object.keys(doc.json.paths)).toEqual(
      expect.arrayContaining([
        '/v1/owner/connections/intents',
        '/v1/owner/connections/{id}/setup-status',
        '/v1/collector/records',
      ]),
    );
  });

  it('answers malformed JSON, unknown fields and oversized bodies on every JSON route without a 5xx', async () => {
    for (const [method, path] of [['POST', '/v1/owner/login'], ...jsonRoutes] as const) {
      const malformed = await http.call(method, path, { token: owner, raw: '{"connector": ' });
      expect(malformed.status, `${method} ${path} malformed`).toBe(400);
      expect(malformed.json.error.code).toBe('invalid_request');

      const unknownField = await http.call(method, path, {
        token: owner,
        body: { surprise: true },
      });
      expect(unknownField.status, `${method} ${path} unknown field`).toBeGreaterThanOrEqual(400);
      expect(unknownField.status).toBeLessThan(500);
      expect(ErrorBodySchema.safeParse(unknownField.json).success).toBe(true);

      const huge = await http.call(method, path, {
        token: owner,
        raw: JSON.stringify({ x: 'a'.repeat(2 * 1024 * 1024) }),
      });
      expect(huge.status, `${method} ${path} oversized`).toBe(413);
      expect(huge.json.error.code).toBe('payload_too_large');
    }
  });

  it('answers unknown ids with 404 and the resource-specific code', async () => {
    for (const [method, path, code] of unknownIdRoutes) {
      const response = await http.call(method, path, { token: owner });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.json.error.code).toBe(code);
    }
    const route = await http.call('GET', '/v1/nothing-here', { token: owner });
    expect(route.json.error.code).toBe('route_not_found');
  });

  it('never answers 5xx or a stack trace to arbitrary JSON bodies (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...jsonRoutes),
        fc.jsonValue(),
        async ([method, path], body) => {
          const response = await http.call(method, path, {
            token: owner,
            raw: JSON.stringify(body),
          });
          expect(response.status).toBeLessThan(500);
          expect(response.text).not.toMatch(/\bat .+\.(ts|js):\d+/);
          if (response.status >= 400 && response.status !== 429) {
            expect(ErrorBodySchema.safeParse(response.json).success).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

// A server of its own: the fuzzing above spends the login rate limit of its server.
describe('owner sessions and tokens', () => {
  let t: TestServer;
  let owner: string;
  let http: ReturnType<typeof httpClient>;

  beforeAll(async () => {
    t = await startTestServer({ dialect: 'sqlite' });
    http = httpClient(t.url);
    owner = await t.login();
  });
  afterAll(async () => t?.dispose());

  it('protects cookie sessions: HttpOnly + SameSite cookie, CSRF header required on mutations', async () => {
    const login = await http.call('POST', '/v1/owner/login', { body: { password: ownerPassword } });
    expect(login.status).toBe(200);
    const cookies = login.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith('conn_session='));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    const cookieHeader = cookies.map((c) => c.split(';')[0]).join('; ');
    const read = await http.call('GET', '/v1/owner/connectors', {
      headers: { cookie: cookieHeader },
    });
    expect(read.status).toBe(200);
    const noCsrf = await http.call('POST', '/v1/owner/agent-tokens', {
      headers: { cookie: cookieHeader },
      body: { name: 'x' },
    });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.json.error.code).toBe('csrf_rejected');
    const withCsrf = await http.call('POST', '/v1/owner/agent-tokens', {
      headers: { cookie: cookieHeader, 'x-csrf-token': login.json.csrf_token },
      body: { name: 'x' },
    });
    expect(withCsrf.status).toBe(201);
  });

  it('gives an agent token the lifetime asked for, within 1 to 365 days', async () => {
    const created = await http.call('POST', '/v1/owner/agent-tokens', {
      token: owner,
      body: { name: 'trial', expires_in_days: 1 },
    });
    expect(created.status).toBe(201);
    const lifetime = Date.parse(created.json.agent_token.expires_at) - Date.now();
    expect(lifetime).toBeGreaterThan(86_400_000 - 60_000);
    expect(lifetime).toBeLessThanOrEqual(86_400_000);
    for (const days of [0, 366, 1.5]) {
      const refused = await http.call('POST', '/v1/owner/agent-tokens', {
        token: owner,
        body: { name: 'x', expires_in_days: days },
      });
      expect(refused.status).toBe(400);
      expect(refused.json.error.code).toBe('invalid_request');
    }
  });

  it('refuses a revoked agent token at once and anonymous callers with 401', async () => {
    const created = await http.call('POST', '/v1/owner/agent-tokens', {
      token: owner,
      body: { name: 'short-lived' },
    });
    const token = created.json.token as string;
    expect((await http.call('GET', '/v1/owner/connectors', { token })).status).toBe(200);
    const revoked = await http.call(
      'DELETE',
      `/v1/owner/agent-tokens/${created.json.agent_token.id}`,
      { token: owner },
    );
    expect(revoked.json.agent_token.revoked_at).toEqual(expect.any(String));
    const after = await http.call('GET', '/v1/owner/connectors', { token });
    expect(after.status).toBe(401);
    expect(after.json.error.code).toBe('unauthenticated');
    expect((await http.call('GET', '/v1/owner/connections')).status).toBe(401);
  });

  it('rate-limits login attempts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push(
        (await http.call('POST', '/v1/owner/login', { body: { password: 'not-the-password' } }))
          .status,
      );
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses).toContain(429);
    const limited = await http.call('POST', '/v1/owner/login', {
      body: { password: 'not-the-password' },
    });
    expect(limited.json.error.code).toBe('rate_limited');
  });
});
