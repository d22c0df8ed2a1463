import { ProviderError } from '../provider-error';
import { rateLimitReset } from '../rate-limit-reset';
import type { ProviderApi } from '../read-api-body';

const provider = 'GitHub';

/** GitHub signals both its primary and secondary rate limits with 403 or 429 plus these headers. */
function isRateLimited(response: Response): boolean {
  if (response.status !== 403 && response.status !== 429) return false;
  return (
    response.status === 429 ||
    response.headers.get('x-ratelimit-remaining') === '0' ||
    response.headers.get('retry-after') !== null
  );
}

/**
 * Turns a non-2xx GitHub answer into a `ProviderError` whose message names
 * GitHub, the status and the path (never the token or the response body):
 * 401 and a plain 403 are `credential_rejected`, a rate-limit 403/429 is
 * `rate_limited` with the reset time, anything else `provider_unavailable`.
 *
 * @example
 * if (!response.ok) throw githubResponseError(response, '/user/repos');
 */
export function githubResponseError(
  response: Response,
  path: string,
  now: Date = new Date(),
): ProviderError {
  const { status } = response;
  if (isRateLimited(response)) {
    const resetAt = rateLimitReset(response.headers, 'x-ratelimit-reset', now);
    const message =
      resetAt === undefined
        ? `GitHub's API rate limit for this token is used up (${status}). Try again later.`
        : `GitHub's API rate limit for this token is used up (${status}); it resets at ${resetAt}.`;
    return new ProviderError(
      'rate_limited',
      message,
      resetAt === undefined ? { provider, status } : { provider, status, reset_at: resetAt },
    );
  }
  if (status === 401) {
    return new ProviderError(
      'credential_rejected',
      'GitHub rejected this token (401): it is wrong, expired or revoked.',
      { provider, status },
    );
  }
  if (status === 403) {
    return new ProviderError(
      'credential_rejected',
      `GitHub refused this token access to ${path} (403): it lacks a permission, or an organisation requires SSO authorization for it.`,
      { provider, status },
    );
  }
  return new ProviderError(
    'provider_unavailable',
    `GitHub answered ${status} to GET ${path}. Try again later.`,
    { provider, status },
  );
}

/** GitHub for `readApiBody`: its name and how its non-2xx answers become errors. */
export const githubApi: ProviderApi = {
  provider: 'GitHub',
  responseError: (response, pathname) => githubResponseError(response, pathname),
};
