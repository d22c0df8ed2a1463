import { clearRefreshCooldown, type StoreDb } from '@conn/store';
import type { ServiceDeps } from '../service-deps';
import { writeSealedCredential } from '../shared/write-sealed-credential';
import { type OAuthTokens, oauthTokensKind } from './oauth-tokens';
import { sealableTokens } from './sealable-tokens';

/**
 * Seals an OAuth token set for one connection (the vault binds it to that
 * connection id) and writes it as the connection's one credential, replacing
 * a stored one, and ends a renewal cooldown: new tokens deserve a fresh
 * try. The credential expires when the refresh token does, if the provider
 * said (the access token renews itself until then). True when it replaced one.
 *
 * @example
 * await storeOAuthTokens(deps, trx, connection.id, tokens, now);
 */
export async function storeOAuthTokens(
  deps: ServiceDeps,
  db: StoreDb,
  connectionId: string,
  tokens: OAuthTokens,
  now: Date,
): Promise<boolean> {
  await clearRefreshCooldown(db, connectionId);
  return writeSealedCredential(deps, db, connectionId, oauthTokensKind, sealableTokens(tokens), {
    now,
    validated: true,
    expiresAt: tokens.refresh_expires_at,
  });
}
