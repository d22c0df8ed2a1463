import { ConnError, Secret, type SecretBundle } from '@conn/setup-engine';
import type { TokenEndpointResponse } from 'oauth4webapi';

/** The credential kind an OAuth connection's sealed token set is stored as. */
export const oauthTokensKind = 'oauth_tokens';

/** An OAuth connection's token set, sealed as one credential bundle. */
export interface OAuthTokens {
  access_token: Secret;
  refresh_token: Secret | null;
  /** When the access token expires (ISO 8601), or null when the provider did not say. */
  expires_at: string | null;
}

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

/**
 * The bundle sealed for the connection: the tokens and their expiry (kept in
 * the sealed value, so no plaintext column says when a token lapses).
 *
 * @example
 * vault.seal(sealableTokens(tokens), { connectionId });
 */
export function sealableTokens(tokens: OAuthTokens): Record<string, string | Secret> {
  const bundle: Record<string, string | Secret> = { access_token: tokens.access_token };
  if (tokens.refresh_token !== null) bundle.refresh_token = tokens.refresh_token;
  if (tokens.expires_at !== null) bundle.expires_at = tokens.expires_at;
  return bundle;
}

/**
 * Reads a token set back from the opened credential bundle. A bundle without
 * an access token is `credential_rejected`: the connection must be
 * re-authorized.
 *
 * @example
 * const tokens = readOAuthTokens(credential.secrets);
 */
export function readOAuthTokens(secrets: SecretBundle): OAuthTokens {
  const access = secrets.access_token;
  if (access === undefined || access.length === 0) {
    throw new ConnError(
      'credential_rejected',
      'This connection holds no access token; reconnect it to authorize again.',
    );
  }
  const expires = secrets.expires_at?.reveal() ?? null;
  return {
    access_token: access,
    refresh_token: secrets.refresh_token ?? null,
    expires_at: expires !== null && !Number.isNaN(Date.parse(expires)) ? expires : null,
  };
}

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
