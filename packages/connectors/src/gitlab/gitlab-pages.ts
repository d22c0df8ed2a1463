import type { z } from 'zod';
import { ProviderError } from '../provider-error';
import { readApiBody } from '../read-api-body';
import { type GitlabRequestContext, gitlabGet } from './gitlab-get';
import { gitlabNextPage } from './gitlab-next-page';
import { gitlabApi } from './gitlab-response-error';

/** Where a paginated GitLab list starts, and how to read one page of it. */
export interface GitlabListRequest<T> {
  instanceUrl: string;
  /** Path and query below the instance URL, e.g. `/api/v4/projects?starred=true&per_page=100`. */
  path: string;
  /** The schema of one page's JSON body (an array). */
  page: z.ZodType<T[]>;
  /** A page of this list to start at instead of its first (a resumed run's cursor). */
  from?: string | null;
}

/** One page of a list and the URL of the page after it (null on the last). */
export interface GitlabPage<T> {
  items: T[];
  next: string | null;
}

/**
 * Yields every page of a paginated GitLab list in order (from `from` when
 * given), with the next page's URL, following `Link`
 * or `x-next-page` until the last page, on the instance's own origin only.
 * Checks the signal between pages; throws a `ProviderError` for a non-2xx
 * answer, an unreadable body or a next page already read.
 *
 * @example
 * for await (const { items } of gitlabPages({ instanceUrl, path, page }, context)) {
 *   await emit('projects', items.map(projectRecord));
 * }
 */
export async function* gitlabPages<T>(
  request: GitlabListRequest<T>,
  context: GitlabRequestContext,
): AsyncGenerator<GitlabPage<T>> {
  const { instanceUrl, path, page } = request;
  const pathname = path.split('?')[0] ?? path;
  let url: string | null = request.from ?? `${instanceUrl}${path}`;
  const visited = new Set<string>();
  while (url !== null) {
    context.signal.throwIfAborted();
    visited.add(url);
    const response = await gitlabGet(url, context);
    const items = await readApiBody(response, gitlabApi, pathname, page, context.signal);
    const next = gitlabNextPage(response.headers, instanceUrl, url);
    if (next !== null && visited.has(next)) {
      throw new ProviderError(
        'provider_unavailable',
        `GitLab's next page for GET ${pathname} points back to a page already read.`,
        { provider: 'GitLab', status: response.status },
      );
    }
    url = next;
    yield { items, next };
  }
}
