import { ConnError, type SecretBundle } from '@conn/setup-engine';
import type { FetchFunction } from '../implementation';

/** What a GitHub request needs besides its URL. */
export interface GithubRequestContext {
  secrets: SecretBundle;
  signal: AbortSignal;
  fetch: FetchFunction;
}

/** GitHub's default media type; the starred list asks for the variant that carries `starred_at`. */
export const githubJson = 'application/vnd.github+json';

/**
 * Sends an authenticated `GET` to the GitHub REST API and returns the raw
 * response, whatever its status: callers decide what a status means. With
 * `ifNoneMatch` (an ETag from an earlier answer) GitHub answers 304 when
 * nothing changed, which does not count against the rate limit. Throws
 * `invalid_request` when the connection has no token, and rejects like
 * `fetch` on network failure or abort.
 *
 * @example
 * const response = await githubGet(`${apiUrl}/user`, { secrets, signal, fetch });
 */
export async function githubGet(
  url: string,
  { secrets, signal, fetch }: GithubRequestContext,
  accept: string = githubJson,
  ifNoneMatch?: string,
): Promise<Response> {
  const token = secrets.token;
  if (token === undefined || token.length === 0) {
    throw new ConnError('invalid_request', 'GitHub needs a personal access token.', {
      field: 'token',
    });
  }
  return fetch(url, {
    headers: {
      authorization: `Bearer ${token.reveal()}`,
      accept,
      'x-github-api-version': '2022-11-28',
      'user-agent': 'conn',
      ...(ifNoneMatch === undefined ? {} : { 'if-none-match': ifNoneMatch }),
    },
    signal,
  });
}
