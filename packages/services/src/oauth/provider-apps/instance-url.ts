import { ConnError } from '@conn/setup-engine';

const loopbackHosts = new Set(['localhost', '[::1]']);

/**
 * True when a URL is plain http on this machine's loopback (127.0.0.0/8,
 * `::1`, `localhost`): a GitLab running next to conn on one host, or a test's
 * authorization server. Only then does conn talk OAuth over http; every other
 * instance must be https.
 *
 * @example
 * isLoopbackHttp('http://127.0.0.1:8929'); // true
 * isLoopbackHttp('http://gitlab.lan'); // false
 */
export function isLoopbackHttp(url: string): boolean {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:') return false;
  return loopbackHosts.has(parsed.hostname) || /^127(\.\d{1,3}){3}$/.test(parsed.hostname);
}

/**
 * A provider instance URL as the operator may enter it: https (or http on a
 * loopback address), no credentials, query or fragment; returned without a
 * trailing slash so manifest paths append to it. A path is kept: a
 * self-managed GitLab can live under `https://example.com/gitlab`. Throws
 * `invalid_request` naming the problem, never guessing a fix.
 *
 * @example
 * parseInstanceUrl('https://gitlab.example.com/'); // 'https://gitlab.example.com'
 */
export function parseInstanceUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ConnError('invalid_request', 'The instance URL is not a valid URL.', {
      field: 'instance_url',
    });
  }
  const problem =
    url.protocol !== 'https:' && url.protocol !== 'http:'
      ? 'must start with https://'
      : url.protocol === 'http:' && !isLoopbackHttp(url.href)
        ? 'must use https:// (plain http is accepted only for a loopback address such as 127.0.0.1)'
        : url.username !== '' || url.password !== ''
          ? 'must not contain a user name or password'
          : url.search !== '' || url.hash !== ''
            ? 'must not have a query or a fragment'
            : null;
  if (problem !== null) {
    throw new ConnError('invalid_request', `The instance URL ${problem}.`, {
      field: 'instance_url',
    });
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
