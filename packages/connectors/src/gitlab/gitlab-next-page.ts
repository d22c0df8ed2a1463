import { ProviderError } from '../provider-error';

// One `<url>; param; param` entry of an RFC 8288 Link header.
const linkEntry = /<([^>]*)>([^,]*)/g;
const relParam = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;]+))/i;

function isNext(params: string): boolean {
  const match = relParam.exec(params);
  const relations = (match?.[1] ?? match?.[2] ?? '').toLowerCase().split(/\s+/);
  return relations.includes('next');
}

/**
 * The URL of the next page of a GitLab list, or null on the last page.
 * GitLab's `Link: rel="next"` is used as given (keyset pagination only sends
 * that), else the `x-next-page` page number is set on the current URL. Only
 * the instance's own origin is followed: a next link elsewhere would carry
 * the access token to another host, so it throws instead.
 *
 * @example
 * gitlabNextPage(response.headers, 'https://gitlab.com', 'https://gitlab.com/api/v4/projects?per_page=100');
 * // 'https://gitlab.com/api/v4/projects?per_page=100&page=2' when x-next-page is 2
 */
export function gitlabNextPage(
  headers: Headers,
  instanceUrl: string,
  current: string,
): string | null {
  const expected = new URL(instanceUrl).origin;
  const link = headers.get('link');
  if (link !== null) {
    for (const [, target, params] of link.matchAll(linkEntry)) {
      if (target === undefined || params === undefined || !isNext(params)) continue;
      const next = new URL(target, current);
      if (next.origin !== expected) {
        throw new ProviderError(
          'provider_unavailable',
          `GitLab's next-page link points to ${next.origin}, not ${expected}; conn does not send the token there.`,
          { provider: 'GitLab', status: null },
        );
      }
      return next.href;
    }
  }
  const page = headers.get('x-next-page')?.trim() ?? '';
  if (!/^[1-9][0-9]{0,8}$/.test(page)) return null;
  const next = new URL(current);
  next.searchParams.set('page', page);
  return next.href;
}
