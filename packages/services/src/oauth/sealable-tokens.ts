import type { Secret } from '@conn/setup-engine';
import type { OAuthTokens } from './oauth-tokens';

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
  if (tokens.refresh_expires_at !== null) bundle.refresh_expires_at = tokens.refresh_expires_at;
  return bundle;
}
