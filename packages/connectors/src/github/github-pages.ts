import type { z } from 'zod';
import { ProviderError } from '../provider-error';
import { readApiBody } from '../read-api-body';
import { type GithubRequestContext, githubGet } from './github-get';
import { githubApi } from './github-response-error';
import { nextPageUrl } from './next-page-url';

/** Where a paginated GitHub list starts, and how to read one page of it. */
export interface GithubListRequest<T> {
  apiUrl: string;
  /** Path and query below the API URL, e.g. `/user/starred?per_page=100`. */
  path: string;
  /** The schema of one page's JSON body (an array). */
  page: z.ZodType<T[]>;
  /** The media type to ask for; GitHub's default when omitted. */
  accept?: string;
  /** A page of this list to start at instead of its first (a resumed run's cursor). */
  from?: string | null;
  /** The first page's ETag from the last sync: when GitHub answers 304 the list yields no page. */
  etag?: string | null;
}

/** One page of a list and the URL of the page after it (null on the last). */
export interface GithubPage<T> {
  items: T[];
  next: string | null;
  /** The first page's ETag (what the next sync sends back), null when GitHub gave none or the list was resumed. */
  etag: string | null;
}

/**
 * Yields every page of a paginated GitHub list in order (from `from` when
 * given), with the next page's URL, following the `Link: rel="next"`
 * header until there is none. Given the first page's `etag` from the last
 * sync, it yields nothing when GitHub answers 304. Checks the signal between
 * pages; throws a `ProviderError` for a non-2xx answer, an unreadable body
 * or a next link to another origin.
 *
 * @example
 * for await (const { items } of githubPages({ apiUrl, path: '/user/repos', page }, context)) {
 *   await emit('repositories', items.map(repositoryRecord));
 * }
 */
export async function* githubPages<T>(
  request: GithubListRequest<T>,
  context: GithubRequestContext,
): AsyncGenerator<GithubPage<T>> {
  const { apiUrl, path, page } = request;
  const pathname = path.split('?')[0] ?? path;
  const resumed = request.from != null;
  let url: string | null = request.from ?? `${apiUrl}${path}`;
  const visited = new Set<string>();
  let etag: string | null = null;
  while (url !== null) {
    context.signal.throwIfAborted();
    const first = visited.size === 0 && !resumed;
    visited.add(url);
    const ifNoneMatch = first ? (request.etag ?? undefined) : undefined;
    const response = await githubGet(url, context, request.accept, ifNoneMatch);
    // The sorted first page is unchanged, so nothing in the list changed since the last sync.
    if (response.status === 304 && ifNoneMatch !== undefined) return;
    if (first) etag = response.headers.get('etag');
    const items = await readApiBody(response, githubApi, pathname, page, context.signal);
    const next = nextPageUrl(response.headers.get('link'), apiUrl, url);
    if (next !== null && visited.has(next)) {
      throw new ProviderError(
        'provider_unavailable',
        `GitHub's next-page link for GET ${pathname} points back to a page already read.`,
        { provider: 'GitHub', status: response.status },
      );
    }
    url = next;
    yield { items, next, etag };
  }
}
