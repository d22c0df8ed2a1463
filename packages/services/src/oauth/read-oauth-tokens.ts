import { ConnError, type SecretBundle } from '@conn/setup-engine';
import type { OAuthTokens } from './oauth-tokens';

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
  const refreshExpires = secrets.refresh_expires_at?.reveal() ?? null;
  return {
    access_token: access,
    refresh_token: secrets.refresh_token ?? null,
    expires_at: expires !== null && !Number.isNaN(Date.parse(expires)) ? expires : null,
    refresh_expires_at:
      refreshExpires !== null && !Number.isNaN(Date.parse(refreshExpires)) ? refreshExpires : null,
  };
}
