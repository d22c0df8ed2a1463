import type { Collector } from '@conn/connectors';
import { isConnError } from '@conn/setup-engine';
import type { ServiceDeps } from '../service-deps';
import { accessTokenExpiring } from './access-token-expiring';
import { readOAuthTokens } from './read-oauth-tokens';
import { refreshOAuthTokens } from './refresh-oauth-tokens';

/**
 * Wraps a server collector so an OAuth connection's run always holds a live
 * access token: an expired (or nearly expired) token is renewed before the
 * run, and a collector refused with `credential_rejected` (the provider's
 * 401) gets one renewal and one retry, from the run's latest checkpoint
 * (`input.cursor` follows each stored batch), so no stored page is re-read. The collector sees only
 * `secrets.access_token`, never the refresh token. Other modalities' collectors
 * come back unchanged.
 *
 * @example
 * const collector = withFreshAccessToken(deps, connection, registry.get(key)?.collector);
 */
export function withFreshAccessToken<C extends Collector | undefined>(
  deps: ServiceDeps,
  connection: { id: string; modality: string },
  collector: C,
): C {
  if (collector === undefined || connection.modality !== 'provider_authorization') return collector;
  const collect: Collector = async (input) => {
    let tokens = readOAuthTokens(input.secrets);
    let renewed = false;
    if (accessTokenExpiring(tokens, deps.clock())) {
      tokens = await refreshOAuthTokens(deps, connection.id, tokens);
      renewed = true;
    }
    try {
      return await collector({ ...input, secrets: { access_token: tokens.access_token } });
    } catch (error) {
      if (renewed || tokens.refresh_token === null || !isConnError(error, 'credential_rejected')) {
        throw error;
      }
      input.signal.throwIfAborted();
      tokens = await refreshOAuthTokens(deps, connection.id, tokens);
      return collector({ ...input, secrets: { access_token: tokens.access_token } });
    }
  };
  return collect as C;
}
