import { afterEach, describe, expect, it } from 'vitest';
import { httpClient } from './http-client';
import { ownerPassword, serverDialects, startTestServer, type TestServer } from './test-server';

/**
 * Guesses at the owner password and at enrollment codes, through the real
 * server: counted in the database (a restart keeps them), keyed on the client
 * address that only a trusted proxy may name.
 */
describe.each(await serverDialects())('guess limits through the server (%s)', (dialect) => {
  let t: TestServer | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  }, 30_000);

  const wrongLogins = async (url: string, count: number, headers: Record<string, string> = {}) => {
    const http = httpClient(url);
    const statuses: number[] = [];
    for (let i = 0; i < count; i++) {
      const response = await http.call('POST', '/v1/owner/login', {
        body: { password: 'not-the-password' },
        headers,
      });
      statuses.push(response.status);
    }
    return statuses;
  };

  it('keeps the count across a restart and says how long to wait', async () => {
    t = await startTestServer({ dialect, env: { CONN_PASSWORD_ATTEMPTS_PER_MINUTE: '4' } });
    expect(await wrongLogins(t.url, 4)).toEqual([401, 401, 401, 401]);
    t = await t.restart();
    const http = httpClient(t.url);
    const refused = await http.call('POST', '/v1/owner/login', {
      body: { password: ownerPassword },
    });
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe('rate_limited');
    expect(refused.json.error.details).toEqual({ retry_after_seconds: 60 });
    expect(refused.json.error.message).toBe('Too many attempts. Try again in 1 minute.');
    expect(refused.headers.get('retry-after')).toBe('60');
  });

  it('believes no X-Forwarded-For by default, so a guesser cannot pose as many clients', async () => {
    t = await startTestServer({ dialect, env: { CONN_PASSWORD_ATTEMPTS_PER_MINUTE: '3' } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push(...(await wrongLogins(t.url, 1, { 'x-forwarded-for': `203.0.113.${i + 1}` })));
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it('counts each client behind a trusted proxy on its own', async () => {
    t = await startTestServer({
      dialect,
      env: { CONN_PASSWORD_ATTEMPTS_PER_MINUTE: '3', CONN_TRUSTED_PROXIES: 'loopback' },
    });
    const guesser = { 'x-forwarded-for': '203.0.113.7' };
    expect(await wrongLogins(t.url, 4, guesser)).toEqual([401, 401, 401, 429]);
    // The owner, behind the same proxy, still signs in.
    const owner = await httpClient(t.url).call('POST', '/v1/owner/login', {
      body: { password: ownerPassword, mode: 'token' },
      headers: { 'x-forwarded-for': '198.51.100.4' },
    });
    expect(owner.status).toBe(200);
  });

  it('limits enrollment-code guesses in the same shape', async () => {
    t = await startTestServer({ dialect, env: { CONN_ENROLLMENT_ATTEMPTS_PER_MINUTE: '2' } });
    const http = httpClient(t.url);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await http.call('POST', '/v1/collector/enroll', {
        body: { code: 'AAAA-BBBB-CCCC', device_name: 'laptop' },
      });
      statuses.push(response.status);
      if (response.status === 429) expect(response.json.error.code).toBe('rate_limited');
    }
    expect(statuses).toEqual([409, 409, 429]);
  });

  it('refuses a trusted-proxy setting it cannot read, naming the setting only', async () => {
    await expect(
      startTestServer({ dialect, env: { CONN_TRUSTED_PROXIES: '10.0.0.0/99,proxy.internal' } }),
    ).rejects.toThrow(/CONN_TRUSTED_PROXIES.*CIDR/s);
  });
});
