import { ProviderError } from '../provider-error';
import { rateLimitReset } from '../rate-limit-reset';
import type { ProviderApi } from '../read-api-body';

const provider = 'GitLab';

/**
 * Turns a non-2xx GitLab answer into a `ProviderError` that names GitLab, the
 * status and the path, never the token or the response body: 401 (expired or
 * revoked token) and 403 (a scope is missing) are `credential_rejected`, 429
 * is `rate_limited` with the reset time, anything else `provider_unavailable`.
 *
 * @example
 * if (!response.ok) throw gitlabResponseError(response, '/api/v4/projects');
 */
export function gitlabResponseError(
  response: Response,
  path: string,
  now: Date = new Date(),
): ProviderError {
  const { status } = response;
  if (status === 429) {
    const resetAt = rateLimitReset(response.headers, 'ratelimit-reset', now);
    const message =
      resetAt === undefined
        ? 'GitLab rate-limited this connection (429). Try again later.'
        : `GitLab rate-limited this connection (429); it resets at ${resetAt}.`;
    return new ProviderError(
      'rate_limited',
      message,
      resetAt === undefined ? { provider, status } : { provider, status, reset_at: resetAt },
    );
  }
  if (status === 401) {
    return new ProviderError(
      'credential_rejected',
      'GitLab rejected the access token (401): it expired or was revoked.',
      { provider, status },
    );
  }
  if (status === 403) {
    return new ProviderError(
      'credential_rejected',
      `GitLab refused the access token for ${path} (403): the authorization lacks a scope.`,
      { provider, status },
    );
  }
  return new ProviderError(
    'provider_unavailable',
    `GitLab answered ${status} to GET ${path}. Try again later.`,
    { provider, status },
  );
}

/** GitLab for `readApiBody`: its name and how its non-2xx answers become errors. */
export const gitlabApi: ProviderApi = {
  provider: 'GitLab',
  responseError: (response, pathname) => gitlabResponseError(response, pathname),
};
