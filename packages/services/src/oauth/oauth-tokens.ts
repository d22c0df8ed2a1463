import type { Secret } from '@conn/setup-engine';

/** The credential kind an OAuth connection's sealed token set is stored as. */
export const oauthTokensKind = 'oauth_tokens';

/** An OAuth connection's token set, sealed as one credential bundle. */
export interface OAuthTokens {
  access_token: Secret;
  refresh_token: Secret | null;
  /** When the access token expires (ISO 8601), or null when the provider did not say. */
  expires_at: string | null;
  /**
   * When the refresh token stops working (ISO 8601, from a provider's
   * `refresh_token_expires_in`): the owner must sign in again by then. Null
   * when the provider did not say.
   */
  refresh_expires_at: string | null;
}
