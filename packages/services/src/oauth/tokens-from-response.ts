import { Secret } from '@conn/setup-engine';
import type { TokenEndpointResponse } from 'oauth4webapi';
import type { OAuthTokens } from './oauth-tokens';

/** Seconds from now as an ISO time, when the provider gave a usable number. */
function secondsFrom(now: Date, seconds: unknown): string | null {
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0
    ? new Date(now.getTime() + seconds * 1000).toISOString()
    : null;
}

/**
 * The token set a token endpoint answered with. A refresh response that
 * carries no new refresh token keeps the previous one (providers may rotate
 * it or not), and with it the previous one's lifetime. A refresh token's
 * lifetime is read from `refresh_token_expires_in` where the provider states
 * it (GitHub's expiring user tokens do; RFC 6749 has no such field).
 *
 * @example
 * const tokens = tokensFromResponse(await oauth.processRefreshTokenResponse(as, client, res), now, previous);
 */
export function tokensFromResponse(
  response: TokenEndpointResponse,
  now: Date,
  previous: OAuthTokens | null = null,
): OAuthTokens {
  const refresh = response.refresh_token;
  const rotated = typeof refresh === 'string' && refresh.length > 0;
  return {
    access_token: new Secret(response.access_token),
    refresh_token: rotated ? new Secret(refresh) : (previous?.refresh_token ?? null),
    expires_at:
      typeof response.expires_in === 'number' && Number.isFinite(response.expires_in)
        ? new Date(now.getTime() + response.expires_in * 1000).toISOString()
        : null,
    refresh_expires_at: rotated
      ? secondsFrom(now, response.refresh_token_expires_in)
      : (previous?.refresh_expires_at ?? null),
  };
}
