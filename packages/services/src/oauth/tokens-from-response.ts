import { Secret } from '@conn/setup-engine';
import type { TokenEndpointResponse } from 'oauth4webapi';
import type { OAuthTokens } from './oauth-tokens';

/**
 * The token set a token endpoint answered with. A refresh response that
 * carries no new refresh token keeps the previous one (providers may rotate
 * it or not).
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
  return {
    access_token: new Secret(response.access_token),
    refresh_token:
      typeof refresh === 'string' && refresh.length > 0
        ? new Secret(refresh)
        : (previous?.refresh_token ?? null),
    expires_at:
      typeof response.expires_in === 'number' && Number.isFinite(response.expires_in)
        ? new Date(now.getTime() + response.expires_in * 1000).toISOString()
        : null,
  };
}
