import { Secret } from '@conn/setup-engine';
import { afterEach, describe, expect, it } from 'vitest';
import { gitlabCollector } from '../../src/gitlab/collector';
import { ProviderError } from '../../src/provider-error';
import { collectorHarness } from '../collector-harness';
import { type FakeGitlabApiOptions, startFakeGitlab } from './fake-gitlab';

const token = 'glpat-oauthACCESStokenCOLLECTORtest0001';
const account = { id: 7, username: 'tanuki' };
let gitlab: Awaited<ReturnType<typeof startFakeGitlab>> | undefined;

afterEach(async () => {
  await gitlab?.close();
  gitlab = undefined;
});

async function run(options: Partial<FakeGitlabApiOptions> = {}, secret = token) {
  gitlab = await startFakeGitlab({
    authenticate: (presented) => (presented === token ? account : null),
    ...options,
  });
  const harness = collectorHarness({
    fields: { instance_url: gitlab.instanceUrl },
    secrets: { access_token: new Secret(secret) },
  });
  return { harness, result: gitlabCollector(harness.input), gitlab };
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('gitlabCollector', () => {
  it('syncs incrementally: the next sync reads only member projects active since the last one (an hour of lag allowed)', async () => {
    const activity = new Map<number, string>([[7002, '2026-06-01T12:00:00Z']]);
    const first = await run({
      projectPages: () => [2, 1],
      lastActivity: (id) => activity.get(id) ?? '2025-01-01T00:00:00Z',
    });
    const before = Date.now();
    const firstResult = await first.result;
    expect(firstResult.counts.projects).toBe(3);
    const lastSync = firstResult.syncCursors?.projects ?? '';
    expect(Date.parse(lastSync)).toBeLessThanOrEqual(before);
    expect(first.gitlab.requests[0]?.query.get('last_activity_after')).toBeNull();

    // Since then, one project saw activity; the next sync asks for, and stores, only that one.
    activity.set(7003, new Date(Date.parse(lastSync) + 60_000).toISOString());
    const seen = first.gitlab.requests.length;
    const harness = collectorHarness({
      fields: { instance_url: first.gitlab.instanceUrl },
      secrets: { access_token: new Secret(token) },
      syncCursors: { projects: lastSync },
    });
    const nextResult = await gitlabCollector(harness.input);
    const asked = first.gitlab.requests
      .slice(seen)
      .find((request) => request.query.get('membership') === 'true');
    expect(asked?.query.get('last_activity_after')).toBe(
      new Date(Date.parse(lastSync) - 3_600_000).toISOString(),
    );
    expect(harness.records('projects').map((record) => record.id)).toEqual([7003]);
    expect(nextResult.counts).toEqual({ projects: 1, starred_projects: 1, profile: 1 });
    expect(Date.parse(nextResult.syncCursors?.projects ?? '')).toBeGreaterThanOrEqual(
      Date.parse(lastSync),
    );
  });

  it('collects every page of member projects (x-next-page), then the starred ones, then the profile, keyed by id', async () => {
    const { harness, result, gitlab } = await run({ projectPages: () => [2, 2, 1] });
    expect(await result).toMatchObject({
      counts: { projects: 5, starred_projects: 1, profile: 1 },
    });
    expect(harness.records('projects').map((record) => record.id)).toEqual([
      7001, 7002, 7003, 7004, 7005,
    ]);
    expect(harness.records('projects')[0]).toMatchObject({
      path_with_namespace: 'tanuki/project-7001',
      namespace: 'tanuki',
      visibility: 'public',
    });
    expect(harness.records('starred_projects').map((record) => record.id)).toEqual([7901]);
    expect(harness.batches.map((batch) => batch.stream)).toEqual([
      'projects',
      'projects',
      'projects',
      'starred_projects',
      'profile',
    ]);
    expect(harness.records('profile')).toEqual([
      expect.objectContaining({ id: 7, username: 'tanuki', name: 'tanuki', bio: null }),
    ]);
    const paths = gitlab.requests.map((r) => `${r.path}?${r.query}`);
    expect(paths[0]).toBe('/api/v4/projects?membership=true&per_page=100');
    expect(paths[1]).toBe('/api/v4/projects?membership=true&per_page=100&page=2');
    expect(paths.at(-2)).toBe('/api/v4/projects?starred=true&per_page=100');
    expect(paths.at(-1)).toBe('/api/v4/user?');
    expect(gitlab.requests.every((r) => r.authorization === `Bearer ${token}`)).toBe(true);
    expect(harness.progress.at(-1)).toEqual({
      stage: 'profile',
      counts: { projects: 5, starred_projects: 1, profile: 1 },
    });
  });

  it('collects an empty account as its profile alone: no projects and no stars is one record', async () => {
    const { harness, result } = await run({ projectPages: () => [0], starredCount: () => 0 });
    expect(await result).toMatchObject({
      counts: { projects: 0, starred_projects: 0, profile: 1 },
    });
    expect(harness.batches).toEqual([
      {
        stream: 'profile',
        records: [expect.objectContaining({ id: 7, username: 'tanuki' })],
        checkpoint: expect.any(String),
      },
    ]);
  });

  it('checkpoints each page and, resumed from a checkpoint, reads only the pages after it', async () => {
    const { harness, result, gitlab } = await run({ projectPages: () => [2, 2, 1] });
    await result;
    const checkpoint = harness.batches[1]?.checkpoint ?? null;
    const before = gitlab.requests.length;
    const resumed = collectorHarness({
      fields: { instance_url: gitlab.instanceUrl },
      secrets: { access_token: new Secret(token) },
      cursor: checkpoint,
    });
    expect(await gitlabCollector(resumed.input)).toMatchObject({
      counts: { projects: 1, starred_projects: 1, profile: 1 },
    });
    expect(resumed.records('projects').map((record) => record.id)).toEqual([7005]);
    expect(gitlab.requests.slice(before).map((r) => `${r.path}?${r.query}`)).toEqual([
      '/api/v4/projects?membership=true&per_page=100&page=3',
      '/api/v4/projects?starred=true&per_page=100',
      '/api/v4/user?',
    ]);
    // The profile's checkpoint is the end: resumed from it, nothing is read.
    const done = collectorHarness({
      fields: { instance_url: gitlab.instanceUrl },
      secrets: { access_token: new Secret(token) },
      cursor: harness.batches.at(-1)?.checkpoint ?? null,
    });
    const beforeDone = gitlab.requests.length;
    expect(await gitlabCollector(done.input)).toMatchObject({
      counts: { projects: 0, starred_projects: 0, profile: 0 },
    });
    expect(gitlab.requests.length).toBe(beforeDone);
  });

  it('follows Link pagination on the instance origin, and a self-managed instance under a path', async () => {
    const { harness, result } = await run({ pagination: 'link', prefix: '/gitlab' });
    expect(await result).toMatchObject({
      counts: { projects: 3, starred_projects: 1, profile: 1 },
    });
    expect(harness.records('projects')).toHaveLength(3);
  });

  it('rejects an expired or revoked token as credential_rejected without quoting it', async () => {
    const { result } = await run({}, 'glpat-revokedTOKENvalue000000000000000');
    const error = await failure(result);
    expect(error.code).toBe('credential_rejected');
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/GitLab/);
    expect(error.message).not.toContain('glpat-');
  });

  it('reports a rate limit with its reset time and a 5xx as provider_unavailable', async () => {
    const limited = await run({ fail: (r) => (r.query.get('starred') ? 429 : undefined) });
    const rateLimited = await failure(limited.result);
    expect(rateLimited.code).toBe('rate_limited');
    expect(limited.harness.records('projects')).toHaveLength(3);
    await gitlab?.close();
    const broken = await run({ fail: () => 502 });
    const unavailable = await failure(broken.result);
    expect(unavailable.code).toBe('provider_unavailable');
    expect(unavailable.message).toContain('502');
  });

  it('refuses to follow a next-page link to another origin', async () => {
    gitlab = await startFakeGitlab({ authenticate: () => account });
    const harness = collectorHarness({
      fields: { instance_url: gitlab.instanceUrl },
      secrets: { access_token: new Secret(token) },
    });
    const fetchWithForeignLink: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const headers = new Headers(response.headers);
      headers.set('link', '<https://elsewhere.example/api/v4/projects?page=2>; rel="next"');
      return new Response(await response.text(), { status: response.status, headers });
    };
    const error = await failure(gitlabCollector({ ...harness.input, fetch: fetchWithForeignLink }));
    expect(error.code).toBe('provider_unavailable');
    expect(error.message).toContain('elsewhere.example');
  });

  it('fails a connection that holds no access token as credential_rejected', async () => {
    const harness = collectorHarness({ fields: { instance_url: 'https://gitlab.example' } });
    const error = await gitlabCollector(harness.input).then(
      () => undefined,
      (caught: unknown) => caught as { code?: string },
    );
    expect(error?.code).toBe('credential_rejected');
  });
});
