import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The account an access token belongs to, as the fake's `/api/v4/user` shows it. */
export interface FakeGitlabAccount {
  id: number;
  username: string;
}

/** A request the fake API answered. */
export interface FakeGitlabRequest {
  /** Path below the prefix, e.g. `/api/v4/projects`. */
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
}

export interface FakeGitlabApiOptions {
  /** Mount point of the instance, e.g. `/gitlab` for a self-managed GitLab under a path. */
  prefix?: string;
  /** Resolves a bearer token to its account, or null when GitLab would answer 401. */
  authenticate: (token: string) => Promise<FakeGitlabAccount | null> | FakeGitlabAccount | null;
  /** Member projects per page for an account; its length is the page count. Default [2, 1]. */
  projectPages?: (account: FakeGitlabAccount) => number[];
  /** How many projects an account starred. Default 1. */
  starredCount?: (account: FakeGitlabAccount) => number;
  /** Answers a request differently (return a status to send it with an error body). */
  fail?: (request: FakeGitlabRequest) => number | undefined;
  /** `x-next-page` (GitLab's offset pagination, the default) or `link`. */
  pagination?: 'x-next-page' | 'link';
  /** A member project's `last_activity_at`; default 2025-01-01. `last_activity_after` filters on it. */
  lastActivity?: (projectId: number) => string;
}

/** A project object shaped like GitLab's, with made-up values. */
export function fakeProject(
  id: number,
  owner: string,
  lastActivityAt = '2025-01-01T00:00:00Z',
): Record<string, unknown> {
  return {
    id,
    name: `project-${id}`,
    path_with_namespace: `${owner}/project-${id}`,
    name_with_namespace: `${owner} / project-${id}`,
    namespace: { id: 1, full_path: owner },
    visibility: id % 2 === 0 ? 'private' : 'public',
    description: `Project number ${id}`,
    web_url: `https://gitlab.example/${owner}/project-${id}`,
    default_branch: 'main',
    topics: ['demo'],
    star_count: id,
    forks_count: 0,
    archived: false,
    created_at: '2024-01-01T00:00:00Z',
    last_activity_at: lastActivityAt,
  };
}

/**
 * The request handler of a loopback GitLab REST API v4: `/api/v4/user`,
 * `/api/v4/projects?membership=true` (paginated) and
 * `/api/v4/projects?starred=true`, behind bearer tokens the caller's
 * `authenticate` checks. Returns false for paths it does not serve, so a
 * test can mount it next to an authorization server on one origin.
 */
export function fakeGitlabApi(options: FakeGitlabApiOptions) {
  const prefix = options.prefix ?? '';
  const requests: FakeGitlabRequest[] = [];
  const send = (res: ServerResponse, status: number, body: unknown, headers = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? '/', 'http://gitlab.invalid');
    if (!url.pathname.startsWith(`${prefix}/api/v4/`)) return false;
    const path = url.pathname.slice(prefix.length);
    const request = { path, query: url.searchParams, authorization: req.headers.authorization };
    requests.push(request);
    const failure = options.fail?.(request);
    if (failure !== undefined) {
      send(res, failure, { message: `${failure} Failure` });
      return true;
    }
    const match = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
    const account = match?.[1] === undefined ? null : await options.authenticate(match[1]);
    if (account === null) {
      send(res, 401, { message: '401 Unauthorized' });
      return true;
    }
    if (path === '/api/v4/user') {
      send(res, 200, { id: account.id, username: account.username, name: account.username });
      return true;
    }
    if (path === '/api/v4/projects' && url.searchParams.get('starred') === 'true') {
      const starred = options.starredCount?.(account) ?? 1;
      const body = Array.from({ length: starred }, (_, index) =>
        fakeProject(account.id * 1000 + 901 + index, 'someone-else'),
      );
      send(res, 200, body);
      return true;
    }
    if (path === '/api/v4/projects' && url.searchParams.get('membership') === 'true') {
      const pages = options.projectPages?.(account) ?? [2, 1];
      const activityOf = (id: number) => options.lastActivity?.(id) ?? '2025-01-01T00:00:00Z';
      const after = url.searchParams.get('last_activity_after');
      if (after !== null) {
        // Filtered: the active ones among all member projects, on one page.
        const total = pages.reduce((a, b) => a + b, 0);
        const body = Array.from({ length: total }, (_, index) => account.id * 1000 + 1 + index)
          .filter((id) => Date.parse(activityOf(id)) > Date.parse(after))
          .map((id) => fakeProject(id, account.username, activityOf(id)));
        send(res, 200, body, { 'x-page': '1', 'x-per-page': '100', 'x-next-page': '' });
        return true;
      }
      const page = Number(url.searchParams.get('page') ?? '1');
      const firstId = pages.slice(0, page - 1).reduce((a, b) => a + b, 1);
      const body = Array.from({ length: pages[page - 1] ?? 0 }, (_, index) =>
        fakeProject(
          account.id * 1000 + firstId + index,
          account.username,
          activityOf(account.id * 1000 + firstId + index),
        ),
      );
      const headers: Record<string, string> = { 'x-page': String(page), 'x-per-page': '100' };
      const hasNext = page < pages.length;
      if (options.pagination === 'link' && hasNext) {
        const origin = `http://${req.headers.host}`;
        const next = new URL(`${origin}${url.pathname}${url.search}`);
        next.searchParams.set('page', String(page + 1));
        headers.link = `<${next.href}>; rel="next"`;
      } else {
        headers['x-next-page'] = hasNext ? String(page + 1) : '';
      }
      send(res, 200, body, headers);
      return true;
    }
    send(res, 404, { message: '404 Not Found' });
    return true;
  };
  return { handle, requests };
}

/** A standalone fake GitLab on 127.0.0.1, port 0. */
export async function startFakeGitlab(options: FakeGitlabApiOptions) {
  const api = fakeGitlabApi(options);
  const server = createServer((req, res) => {
    api.handle(req, res).then(
      (handled) => {
        if (!handled) {
          res.writeHead(404);
          res.end();
        }
      },
      () => {
        res.writeHead(500);
        res.end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    instanceUrl: `${origin}${options.prefix ?? ''}`,
    requests: api.requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
