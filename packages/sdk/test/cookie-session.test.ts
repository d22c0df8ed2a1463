import { consoleSession } from '@conn/setup-engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnClient } from '../src/index';
import { type FakeServer, startFakeServer } from './fake-conn-server';

let server: FakeServer;

beforeAll(async () => {
  server = await startFakeServer();
  server.on('POST /v1/owner/login', () => ({
    json: { expires_at: '2025-04-01T10:00:00.000Z', csrf_token: 'csrf-one' },
  }));
  server.on('POST /v1/owner/logout', () => ({ status: 204 }));
  server.on('GET /v1/owner/agent-tokens', () => ({ json: { agent_tokens: [] } }));
});
afterAll(() => server.close());

const header = consoleSession.csrfHeader;

describe('a console cookie session', () => {
  it('logs in in cookie mode, sending no bearer, and answers the expiry', async () => {
    const client = new ConnClient({ baseUrl: server.url, csrfToken: () => null });
    await expect(client.loginWithCookie('correct horse')).resolves.toBe('2025-04-01T10:00:00.000Z');
    const seen = server.requests.at(-1);
    expect(JSON.parse(String(seen?.body))).toEqual({ password: 'correct horse', mode: 'cookie' });
    expect(seen?.headers.authorization).toBeUndefined();
  });

  it('sends the CSRF token, read at call time, on every mutation and never on a read', async () => {
    let csrf: string | null = 'csrf-one';
    const client = new ConnClient({ baseUrl: server.url, csrfToken: () => csrf });
    await client.agentTokens();
    expect(server.requests.at(-1)?.headers[header]).toBeUndefined();
    await client.logout();
    expect(server.requests.at(-1)?.headers[header]).toBe('csrf-one');
    csrf = 'csrf-two';
    await client.withToken(null).logout();
    expect(server.requests.at(-1)?.headers[header]).toBe('csrf-two');
  });

  it('sends no CSRF header when the client has no source for it', async () => {
    const client = new ConnClient({ baseUrl: server.url, token: 'cos_session' });
    await client.logout();
    expect(server.requests.at(-1)?.headers[header]).toBeUndefined();
  });
});
