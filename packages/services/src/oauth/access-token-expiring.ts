import type { OAuthTokens } from './oauth-tokens';

/** Renew this long before the access token's stated expiry, so a run never starts on a dying token. */
export const refreshMarginMs = 60_000;

/**
 * True when the access token has expired or expires within the refresh margin.
 *
 * @example
 * if (accessTokenExpiring(tokens, deps.clock())) tokens = await refreshOAuthTokens(…);
 */
export function accessTokenExpiring(tokens: OAuthTokens, now: Date): boolean {
  return (
    tokens.expires_at !== null && Date.parse(tokens.expires_at) - refreshMarginMs <= now.getTime()
  );
}
