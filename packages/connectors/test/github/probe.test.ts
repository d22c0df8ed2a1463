import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isConnError, Secret } from '@conn/setup-engine';
import { afterEach, describe, expect, it } from 'vitest';
import { githubProbe } from '../../src/github/probe';
import { type FakeGithub, startFakeGithub } from './fake-github';

const token = 'github_pat_11TEST0000probeSECRET';
const secrets = { token: new Secret(token) };
let github: FakeGithub | undefined;

afterEach(async () => {
  await github?.close();
  github = undefined;
});

function probe(apiUrl: string, overrides: { token?: string; signal?: AbortSignal } = {}) {
  return githubProbe({
    fields: { api_url: apiUrl },
    secrets: overrides.token === undefined ? secrets : { token: new Secret(overrides.token) },
    signal: overrides.signal ?? AbortSignal.timeout(10_000),
    fetch: globalThis.fetch,
  });
}

describe('githubProbe', () => {
  it('echoes the account behind a valid token', async () => {
    github = await startFakeGithub({ token });
    await expect(probe(github.apiUrl)).resolves.toEqual({
      ok: true,
      identity: { account_id: '583231', label: 'octocat' },
      // This token does not expire: GitHub sends no expiration header.
      credential_expires_at: null,
    });
    const [request] = github.requests;
    expect(request?.path).toBe('/user');
    expect(request?.headers.authorization).toBe(`Bearer ${token}`);
    expect(request?.headers.accept).toBe('application/vnd.github+json');
    expect(request?.headers['x-github-api-version']).toBe('2022-11-28');
    expect(request?.headers['user-agent']).toBe('conn');
  });

  it('reports when an expiring token stops working, as GitHub says in a header', async () => {
    github = await startFakeGithub({ token, tokenExpiration: '2026-12-10 09:14:00 UTC' });
    await expect(probe(github.apiUrl)).resolves.toMatchObject({
      ok: true,
      credential_expires_at: '2026-12-10T09:14:00.000Z',
    });
  });

  it('works against a GitHub Enterprise API URL with a trailing slash', async () => {
    github = await startFakeGithub({ token, prefix: '/api/v3' });
    const result = await probe(`${github.apiUrl}/`);
    expect(result).toMatchObject({ ok: true, identity: { label: 'octocat' } });
    expect(github.requests.map((request) => request.path)).toEqual(['/user']);
  });

  it('refuses a rejected token with a message naming GitHub and the status, not the token', async () => {
    github = await startFakeGithub({ token });
    const result = await probe(github.apiUrl, { token: 'github_pat_WRONG_value_123' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain('GitHub');
    expect(result.message).toContain('401');
    expect(result.message).not.toContain('github_pat_WRONG_value_123');
  });

  it('refuses a 403 the same way', async () => {
    github = await startFakeGithub({
      token,
      respond: () => ({ status: 403, body: { message: 'Resource not accessible' } }),
    });
    const result = await probe(github.apiUrl);
    expect(result).toEqual({ ok: false, message: expect.stringContaining('(403)') });
  });

  it('rejects with provider_unavailable on a provider failure, without judging the token', async () => {
    github = await startFakeGithub({ token, respond: () => ({ status: 500, body: {} }) });
    const error = await probe(github.apiUrl).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'provider_unavailable',
      message: expect.stringMatching(/GitHub answered 500/),
    });
    expect(String((error as Error).message)).not.toContain(token);
  });

  it('says when the rate limit resets', async () => {
    github = await startFakeGithub({
      token,
      respond: () => ({
        status: 403,
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1767225600' },
        body: { message: 'API rate limit exceeded' },
      }),
    });
    await expect(probe(github.apiUrl)).rejects.toMatchObject({
      code: 'rate_limited',
      message: expect.stringContaining('2026-01-01T00:00:00.000Z'),
    });
  });

  it('rejects when GitHub cannot be reached', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await expect(probe(`http://127.0.0.1:${port}`)).rejects.toThrow();
  });

  it('rejects when the deadline aborts it', async () => {
    github = await startFakeGithub({ token });
    await expect(probe(github.apiUrl, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('rejects a connection without a token, as invalid input, before calling GitHub', async () => {
    github = await startFakeGithub({ token });
    const error = await githubProbe({
      fields: { api_url: github.apiUrl },
      secrets: {},
      signal: AbortSignal.timeout(10_000),
      fetch: globalThis.fetch,
    }).catch((caught: unknown) => caught);
    expect(isConnError(error, 'invalid_request')).toBe(true);
    expect(github.requests).toHaveLength(0);
  });

  it('rejects an API URL that is not a URL, as invalid input', async () => {
    const error = await probe('not a url').catch((caught: unknown) => caught);
    expect(isConnError(error, 'invalid_request')).toBe(true);
  });
});
