import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the fake received. */
export interface FakeRequest {
  path: string;
  page: number;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

/** What the fake answers instead of its default. */
export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface FakeGithubOptions {
  /** The token the fake accepts. */
  token: string;
  /** Mount point, e.g. `/api/v3` for a GitHub Enterprise Server. */
  prefix?: string;
  /** Repositories per page of `/user/repos`; its length is the page count. */
  repositoryPages?: number[];
  /** How many repositories `/user/starred` lists (default 2: ids 901, 902). */
  starredCount?: number;
  /** The account `/user` answers with (default octocat, id 583231): another account is another fake. */
  user?: { id: number; login: string; name?: string };
  /** Answers a request differently from the default (return undefined to keep the default). */
  respond?: (request: FakeRequest, origin: string) => FakeResponse | undefined;
  /** How long each page of `/user/repos` takes to answer (a slow provider). */
  pageDelayMs?: number;
  /** Sent as `github-authentication-token-expiration` on every answer (an expiring token). */
  tokenExpiration?: string;
}

export interface FakeGithub {
  /** The API URL to give the connector (origin + prefix). */
  apiUrl: string;
  origin: string;
  requests: FakeRequest[];
  close(): Promise<void>;
}

/** A repository object shaped like GitHub's, with made-up values. */
export function fakeRepository(id: number): Record<string, unknown> {
  return {
    id,
    node_id: `R_${id}`,
    name: `project-${id}`,
    full_name: `octocat/project-${id}`,
    owner: { login: 'octocat', id: 583231 },
    private: id % 2 === 0,
    visibility: id % 2 === 0 ? 'private' : 'public',
    fork: false,
    archived: false,
    description: `Project number ${id}`,
    html_url: `https://github.example/octocat/project-${id}`,
    homepage: null,
    language: 'TypeScript',
    topics: ['demo'],
    stargazers_count: id * 3,
    forks_count: 1,
    default_branch: 'main',
    created_at: '2024-01-01T00:00:00Z',
    updated_at: '2025-01-01T00:00:00Z',
    pushed_at: '2025-01-02T00:00:00Z',
  };
}

/**
 * A loopback GitHub REST API: `/user`, paginated `/user/repos` with absolute
 * `Link` URLs on its own origin, and `/user/starred` (star+json shape), all
 * behind a bearer token and with ETags. Listens on 127.0.0.1, port 0.
 */
export async function startFakeGithub(options: FakeGithubOptions): Promise<FakeGithub> {
  const prefix = options.prefix ?? '';
  const repositoryPages = options.repositoryPages ?? [2, 2, 1];
  const requests: FakeRequest[] = [];
  let origin = '';

  const answer = (request: FakeRequest): FakeResponse => {
    const custom = options.respond?.(request, origin);
    if (custom !== undefined) return custom;
    if (request.headers.authorization !== `Bearer ${options.token}`) {
      return { status: 401, body: { message: 'Bad credentials' } };
    }
    if (request.path === '/user') {
      const user = options.user ?? { id: 583231, login: 'octocat', name: 'The Octocat' };
      return { status: 200, body: { name: null, ...user } };
    }
    if (request.path === '/user/repos') {
      const size = repositoryPages[request.page - 1] ?? 0;
      const firstId = repositoryPages.slice(0, request.page - 1).reduce((a, b) => a + b, 1);
      const body = Array.from({ length: size }, (_, index) => fakeRepository(firstId + index));
      const headers: Record<string, string> = {};
      if (request.page < repositoryPages.length) {
        const next = new URL(`${origin}${prefix}/user/repos`);
        for (const [key, value] of request.query) next.searchParams.set(key, value);
        next.searchParams.set('page', String(request.page + 1));
        const last = new URL(next);
        last.searchParams.set('page', String(repositoryPages.length));
        headers.link = `<${next.href}>; rel="next", <${last.href}>; rel="last"`;
      }
      return { status: 200, headers, body };
    }
    if (request.path === '/user/starred') {
      const starred = Array.from({ length: options.starredCount ?? 2 }, (_, index) =>
        fakeRepository(901 + index),
      );
      const wrapped = request.headers.accept === 'application/vnd.github.star+json';
      const body = wrapped
        ? starred.map((repo, index) => ({ starred_at: `2025-02-0${index + 1}T10:00:00Z`, repo }))
        : starred;
      return { status: 200, body };
    }
    return { status: 404, body: { message: 'Not Found' } };
  };

  const server = createServer((incoming, outgoing) => {
    const url = new URL(incoming.url ?? '/', origin);
    const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : '';
    const request: FakeRequest = {
      path,
      page: Number(url.searchParams.get('page') ?? '1'),
      query: url.searchParams,
      headers: incoming.headers,
    };
    requests.push(request);
    let response = answer(request);
    // Like GitHub: the account and its lists carry a weak ETag of their body and answer 304 to a matching If-None-Match.
    const tagged = path === '/user' || path.startsWith('/user/');
    if (response.status === 200 && tagged && response.body !== undefined) {
      const etag = `W/"${createHash('sha1').update(JSON.stringify(response.body)).digest('hex')}"`;
      response =
        incoming.headers['if-none-match'] === etag
          ? { status: 304, headers: { etag } }
          : { ...response, headers: { ...response.headers, etag } };
    }
    const send = () => {
      if (outgoing.destroyed) return;
      outgoing.writeHead(response.status, {
        'content-type': 'application/json',
        ...(options.tokenExpiration === undefined
          ? {}
          : { 'github-authentication-token-expiration': options.tokenExpiration }),
        ...response.headers,
      });
      outgoing.end(
        response.body === undefined || response.status === 304 ? '' : JSON.stringify(response.body),
      );
    };
    if (path === '/user/repos' && options.pageDelayMs) setTimeout(send, options.pageDelayMs);
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiUrl: `${origin}${prefix}`,
    origin,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
