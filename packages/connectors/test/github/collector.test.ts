import { isConnError, Secret } from '@conn/setup-engine';
import { afterEach, describe, expect, it } from 'vitest';
import { githubCollector } from '../../src/github/collector';
import { ProviderError } from '../../src/provider-error';
import { type CollectorHarness, collectorHarness, type EmittedBatch } from '../collector-harness';
import { type FakeGithub, type FakeGithubOptions, startFakeGithub } from './fake-github';

const token = 'github_pat_11TEST0000collectorSECRET';
let github: FakeGithub | undefined;

afterEach(async () => {
  await github?.close();
  github = undefined;
});

async function run(
  options: Omit<FakeGithubOptions, 'token'> = {},
  onEmit?: (batch: EmittedBatch, harness: CollectorHarness) => void,
  cursor: string | null = null,
) {
  github = await startFakeGithub({ token, ...options });
  const harness = collectorHarness({
    fields: { api_url: github.apiUrl },
    secrets: { token: new Secret(token) },
    cursor,
    onEmit,
  });
  const result = githubCollector(harness.input);
  return { harness, result, github };
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('githubCollector', () => {
  it('collects every page of repositories in order, then the starred ones, then the profile', async () => {
    const { harness, result, github } = await run();
    await expect(result).resolves.toMatchObject({
      counts: { repositories: 5, starred: 2, profile: 1 },
    });

    expect(harness.batches.map((batch) => [batch.stream, batch.records.length])).toEqual([
      ['repositories', 2],
      ['repositories', 2],
      ['repositories', 1],
      ['starred', 2],
      ['profile', 1],
    ]);
    expect(harness.records('repositories').map((record) => record.id)).toEqual([1, 2, 3, 4, 5]);
    expect(harness.records('repositories')[1]).toMatchObject({
      id: 2,
      full_name: 'octocat/project-2',
      private: true,
      language: 'TypeScript',
      stargazers_count: 6,
      pushed_at: '2025-01-02T00:00:00Z',
    });
    expect(harness.records('starred')).toEqual([
      expect.objectContaining({ id: 901, starred_at: '2025-02-01T10:00:00Z' }),
      expect.objectContaining({ id: 902, starred_at: '2025-02-02T10:00:00Z' }),
    ]);

    expect(harness.records('profile')).toEqual([
      expect.objectContaining({ id: 583231, login: 'octocat', name: 'The Octocat', bio: null }),
    ]);

    const paths = github.requests.map((request) => `${request.path}#${request.page}`);
    expect(paths).toEqual([
      '/user/repos#1',
      '/user/repos#2',
      '/user/repos#3',
      '/user/starred#1',
      '/user#1',
    ]);
    expect(
      github.requests.every((request) => request.headers.authorization === `Bearer ${token}`),
    ).toBe(true);
    expect(github.requests[0]?.query.get('affiliation')).toBe(
      'owner,collaborator,organization_member',
    );
    expect(github.requests[2]?.query.get('per_page')).toBe('100');
  });

  it('collects an empty account as its profile alone: no repositories and no stars is one record', async () => {
    const { harness, result } = await run({ repositoryPages: [0], starredCount: 0 });
    await expect(result).resolves.toMatchObject({
      counts: { repositories: 0, starred: 0, profile: 1 },
    });
    expect(harness.batches).toEqual([
      {
        stream: 'profile',
        records: [expect.objectContaining({ id: 583231, login: 'octocat' })],
        checkpoint: expect.any(String),
      },
    ]);
  });

  it('sends each list and the profile its ETag on the next sync: nothing new costs one request each and writes nothing', async () => {
    const repositoryPages = Array.from({ length: 40 }, () => 1);
    const first = await run({ repositoryPages });
    const firstResult = await first.result;
    expect(firstResult.counts).toEqual({ repositories: 40, starred: 2, profile: 1 });
    expect(firstResult.syncCursors).toEqual({
      repositories: expect.stringMatching(/^W\//),
      starred: expect.stringMatching(/^W\//),
      profile: expect.stringMatching(/^W\//),
    });
    const firstRequests = first.github.requests.length;
    await first.github.close();

    const again = await startFakeGithub({ token, repositoryPages });
    github = again;
    const harness = collectorHarness({
      fields: { api_url: again.apiUrl },
      secrets: { token: new Secret(token) },
      syncCursors: firstResult.syncCursors!,
    });
    const second = await githubCollector(harness.input);
    expect(harness.batches).toEqual([]);
    expect(second).toEqual({
      counts: { repositories: 0, starred: 0, profile: 0 },
      syncCursors: firstResult.syncCursors,
    });
    expect(again.requests.map((request) => request.headers['if-none-match'])).toEqual([
      firstResult.syncCursors!.repositories,
      firstResult.syncCursors!.starred,
      firstResult.syncCursors!.profile,
    ]);
    // The bar: an incremental sync with nothing new costs at most a tenth of the first's
    // requests (here 3 of 42: one per list and one for the profile).
    expect(again.requests.length).toBeLessThanOrEqual(firstRequests / 10);

    // A new repository changes the first page: that list is read again, the unchanged one is not.
    repositoryPages[0] = 2;
    const changed = collectorHarness({
      fields: { api_url: again.apiUrl },
      secrets: { token: new Secret(token) },
      syncCursors: firstResult.syncCursors!,
    });
    const third = await githubCollector(changed.input);
    expect(third.counts).toEqual({ repositories: 41, starred: 0, profile: 0 });
    expect(third.syncCursors?.repositories).not.toBe(firstResult.syncCursors!.repositories);
    expect(third.syncCursors?.starred).toBe(firstResult.syncCursors!.starred);
    expect(third.syncCursors?.profile).toBe(firstResult.syncCursors!.profile);
  });

  it('reports when the token expires, as GitHub says with the profile, and again on a 304', async () => {
    const tokenExpiration = '2026-12-10 09:14:00 -0800';
    const first = await run({ tokenExpiration });
    const firstResult = await first.result;
    expect(firstResult.credentialExpiresAt).toBe('2026-12-10T17:14:00.000Z');
    const again = collectorHarness({
      fields: { api_url: first.github.apiUrl },
      secrets: { token: new Secret(token) },
      syncCursors: firstResult.syncCursors!,
    });
    const unchanged = await githubCollector(again.input);
    expect(unchanged.counts).toEqual({ repositories: 0, starred: 0, profile: 0 });
    expect(unchanged.credentialExpiresAt).toBe('2026-12-10T17:14:00.000Z');
  });

  it('says a token without an expiration header does not expire', async () => {
    const { result } = await run();
    expect((await result).credentialExpiresAt).toBeNull();
  });

  it('checkpoints each page and, resumed from a checkpoint, reads only the pages after it', async () => {
    const first = await run({ repositoryPages: [2, 2, 2, 2] });
    await first.result;
    const checkpoints = first.harness.batches.map((batch) => batch.checkpoint);
    expect(checkpoints.every((checkpoint) => typeof checkpoint === 'string')).toBe(true);
    const before = first.github.requests.length;
    const resume = (cursor: string | undefined) => {
      const harness = collectorHarness({
        fields: { api_url: first.github.apiUrl },
        secrets: { token: new Secret(token) },
        cursor: cursor ?? null,
      });
      return { harness, result: githubCollector(harness.input) };
    };

    const resumed = resume(checkpoints[1]);
    await expect(resumed.result).resolves.toMatchObject({
      counts: { repositories: 4, starred: 2, profile: 1 },
    });
    const read = first.github.requests.slice(before).map((r) => `${r.path}:${r.page}`);
    expect(read).toEqual(['/user/repos:3', '/user/repos:4', '/user/starred:1', '/user:1']);
    expect(resumed.harness.records('repositories').map((record) => record.id)).toEqual([
      5, 6, 7, 8,
    ]);
    // After the last page of repositories it resumes at the starred list, after that at the
    // profile; after everything, at nothing.
    const starredOnly = resume(checkpoints[3]);
    await expect(starredOnly.result).resolves.toMatchObject({
      counts: { repositories: 0, starred: 2, profile: 1 },
    });
    const profileOnly = resume(checkpoints.at(-2));
    await expect(profileOnly.result).resolves.toMatchObject({
      counts: { repositories: 0, starred: 0, profile: 1 },
    });
    const done = resume(checkpoints.at(-1));
    await expect(done.result).resolves.toMatchObject({
      counts: { repositories: 0, starred: 0, profile: 0 },
    });
  });

  it('starts over from a cursor it cannot trust: unreadable, or on another origin', async () => {
    const foreign = JSON.stringify({ list: 0, next: 'http://elsewhere.invalid/user/repos?page=3' });
    for (const cursor of ['not json', foreign]) {
      const { harness, result } = await run({}, undefined, cursor);
      await expect(result).resolves.toMatchObject({
        counts: { repositories: 5, starred: 2, profile: 1 },
      });
      expect(harness.records('repositories')).toHaveLength(5);
    }
  });

  it('reports progress per stage with running counts', async () => {
    const { harness, result } = await run();
    await result;
    expect(harness.progress.map(({ stage, counts }) => [stage, counts])).toEqual([
      ['repositories', { repositories: 2, starred: 0, profile: 0 }],
      ['repositories', { repositories: 4, starred: 0, profile: 0 }],
      ['repositories', { repositories: 5, starred: 0, profile: 0 }],
      ['starred', { repositories: 5, starred: 2, profile: 0 }],
      ['profile', { repositories: 5, starred: 2, profile: 1 }],
    ]);
  });

  it('gives identical record keys on a second run', async () => {
    const first = await run();
    await first.result;
    await github?.close();
    const second = await run();
    await second.result;
    const keys = (harness: CollectorHarness) =>
      harness.batches.flatMap((batch) =>
        batch.records.map((record) => `${batch.stream}:${record.id}`),
      );
    expect(keys(second.harness)).toEqual(keys(first.harness));
  });

  it('refuses to follow a next link to another origin', async () => {
    const { harness, result, github } = await run({
      respond: (request) =>
        request.path === '/user/repos' && request.page === 1
          ? {
              status: 200,
              headers: { link: '<https://attacker.example/user/repos?page=2>; rel="next"' },
              body: [],
            }
          : undefined,
    });
    const error = await failure(result);
    expect(error.message).toContain('https://attacker.example');
    expect(error.message).not.toContain(token);
    expect(github.requests).toHaveLength(1);
    expect(harness.records('starred')).toEqual([]);
  });

  it('raises credential_rejected when GitHub refuses the token mid-way', async () => {
    const { harness, result } = await run({
      respond: (request) =>
        request.path === '/user/repos' && request.page === 2
          ? { status: 401, body: { message: 'Bad credentials' } }
          : undefined,
    });
    const error = await failure(result);
    expect(isConnError(error, 'credential_rejected')).toBe(true);
    expect(error.message).toContain('GitHub');
    expect(error.message).toContain('401');
    expect(error.message).not.toContain(token);
    expect(JSON.stringify(error)).not.toContain(token);
    expect(harness.records('repositories')).toHaveLength(2);
  });

  it('raises rate_limited, with the reset time, for a rate-limit 403', async () => {
    const { result } = await run({
      respond: (request) =>
        request.path === '/user/starred'
          ? {
              status: 403,
              headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1767225600' },
              body: { message: 'API rate limit exceeded' },
            }
          : undefined,
    });
    const error = await failure(result);
    expect(error.code).toBe('rate_limited');
    expect(error.message).toContain('2026-01-01T00:00:00.000Z');
    expect(error.details).toMatchObject({ reset_at: '2026-01-01T00:00:00.000Z', status: 403 });
  });

  it('fails the run when GitHub refuses the profile, after the lists', async () => {
    const { harness, result } = await run({
      respond: (request) =>
        request.path === '/user'
          ? { status: 401, body: { message: 'Bad credentials' } }
          : undefined,
    });
    const error = await failure(result);
    expect(isConnError(error, 'credential_rejected')).toBe(true);
    expect(harness.records('starred')).toHaveLength(2);
    expect(harness.records('profile')).toEqual([]);
  });

  it('raises a provider failure, not a credential one, for a 5xx', async () => {
    const { result } = await run({
      respond: (request) => (request.path === '/user/starred' ? { status: 502 } : undefined),
    });
    const error = await failure(result);
    expect(error.code).not.toBe('credential_rejected');
    expect(error.message).toContain('GitHub answered 502 to GET /user/starred');
  });

  it('stops when the run is aborted', async () => {
    const { harness, result, github } = await run({}, (_batch, current) =>
      current.controller.abort(),
    );
    await expect(result).rejects.toMatchObject({ name: 'AbortError' });
    expect(harness.batches).toHaveLength(1);
    expect(github.requests).toHaveLength(1);
  });

  it('follows pages of a GitHub Enterprise API under a path prefix', async () => {
    const { harness, result } = await run({ prefix: '/api/v3', repositoryPages: [1, 1, 1] });
    await expect(result).resolves.toMatchObject({ counts: { repositories: 3, starred: 2 } });
    expect(harness.records('repositories').map((record) => record.id)).toEqual([1, 2, 3]);
  });
});
