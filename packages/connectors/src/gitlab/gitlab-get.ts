import { ConnError, type SecretBundle } from '@conn/setup-engine';
import type { FetchFunction } from '../implementation';

/** What a GitLab request needs besides its URL: the OAuth access token, the run's signal and fetch. */
export interface GitlabRequestContext {
  secrets: SecretBundle;
  signal: AbortSignal;
  fetch: FetchFunction;
}

/**
 * Sends a `GET` with the connection's OAuth access token to a GitLab REST
 * API v4 URL and returns the raw response, whatever its status: callers
 * decide what a status means. Throws `credential_rejected` when the
 * connection holds no access token, and rejects like `fetch` on network
 * failure or abort.
 *
 * @example
 * const response = await gitlabGet(`${instanceUrl}/api/v4/user`, { secrets, signal, fetch });
 */
export async function gitlabGet(
  url: string,
  { secrets, signal, fetch }: GitlabRequestContext,
): Promise<Response> {
  const token = secrets.access_token;
  if (token === undefined || token.length === 0) {
    throw new ConnError('credential_rejected', 'This GitLab connection holds no access token.', {
      provider: 'GitLab',
    });
  }
  return fetch(url, {
    headers: {
      authorization: `Bearer ${token.reveal()}`,
      accept: 'application/json',
      'user-agent': 'conn',
    },
    signal,
  });
}
