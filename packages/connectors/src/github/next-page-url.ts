import { ProviderError } from '../provider-error';

// One `<url>; param; param` entry of an RFC 8288 Link header; GitHub never puts a comma inside a URL.
const linkEntry = /<([^>]*)>([^,]*)/g;
const relParam = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;]+))/i;

/** True when a link entry's parameters include `rel="next"` (rel may list several relations). */
function isNext(params: string): boolean {
  const match = relParam.exec(params);
  const relations = (match?.[1] ?? match?.[2] ?? '').toLowerCase().split(/\s+/);
  return relations.includes('next');
}

/**
 * The URL of the next page from a GitHub `Link` header, or null on the last
 * page. GitHub's own URL is used as given (it carries its own cursor), but
 * only on the API's origin: a next link elsewhere would carry the token to
 * another host, so it throws instead.
 *
 * @example
 * nextPageUrl('<https://api.github.com/user/repos?page=2>; rel="next"', 'https://api.github.com', current);
 * // 'https://api.github.com/user/repos?page=2'
 */
export function nextPageUrl(link: string | null, apiUrl: string, current: string): string | null {
  if (link === null) return null;
  for (const [, target, params] of link.matchAll(linkEntry)) {
    if (target === undefined || params === undefined || !isNext(params)) continue;
    const next = new URL(target, current);
    const expected = new URL(apiUrl).origin;
    if (next.origin !== expected) {
      throw new ProviderError(
        'provider_unavailable',
        `GitHub's next-page link points to ${next.origin}, not ${expected}; conn does not send the token there.`,
        { provider: 'GitHub', status: null },
      );
    }
    return next.href;
  }
  return null;
}
