import type { AccountIdentity } from '@conn/connectors';
import { ConnError, type SetupDescriptorOf } from '@conn/setup-engine';
import type { AuthorizationSessionRow } from '@conn/store';
import * as oauth from 'oauth4webapi';
import type { ServiceDeps } from '../service-deps';
import { fetchOAuthIdentity } from './fetch-oauth-identity';
import { oauthFailure } from './oauth-failure';
import { oauthProvider } from './oauth-provider';
import type { OAuthTokens } from './oauth-tokens';
import { loadProviderAppConfig } from './provider-apps/provider-app-config';
import { tokensFromResponse } from './tokens-from-response';

type AuthorizationDescriptor = SetupDescriptorOf<'provider_authorization'>['authorization'];

/** What a successful code exchange yields: the tokens, the account they act for, and its instance. */
export interface AuthorizedGrant {
  tokens: OAuthTokens;
  identity: AccountIdentity;
  instanceUrl: string;
}

/**
 * Exchanges a callback's authorization code for tokens with the session's
 * sealed PKCE verifier, then asks the provider's identity endpoint whose
 * account they are. A response that does not validate for this session is
 * `invalid_request` (`response_invalid`); a provider failure is named by
 * `oauthFailure`. Nothing is written.
 *
 * @example
 * const { tokens, identity, instanceUrl } = await exchangeAuthorizationCode(deps, session, 'GitLab', authorization, query, state);
 */
export async function exchangeAuthorizationCode(
  deps: ServiceDeps,
  session: AuthorizationSessionRow,
  providerName: string,
  authorization: AuthorizationDescriptor,
  query: URLSearchParams,
  state: string,
): Promise<AuthorizedGrant> {
  const app = await loadProviderAppConfig(deps, deps.store.db, authorization.provider_app);
  const provider = oauthProvider(deps, authorization, app, app.instance_url);
  let parameters: URLSearchParams;
  try {
    parameters = oauth.validateAuthResponse(provider.as, provider.client, query, state);
  } catch {
    throw new ConnError(
      'invalid_request',
      `This authorization response is not one ${providerName} sent for this setup. Nothing was connected.`,
      { reason: 'response_invalid' },
    );
  }
  const verifier = deps.vault.openSecret(session.verifier_sealed, { authSessionId: session.id });
  const exchangedAt = deps.clock();
  let tokens: OAuthTokens;
  try {
    const response = await oauth.authorizationCodeGrantRequest(
      provider.as,
      provider.client,
      provider.clientAuth,
      parameters,
      session.redirect_uri,
      verifier.reveal(),
      provider.options,
    );
    tokens = tokensFromResponse(
      await oauth.processAuthorizationCodeResponse(provider.as, provider.client, response),
      exchangedAt,
    );
  } catch (error) {
    throw oauthFailure(error, providerName, 'exchange the authorization code');
  }
  const identity = await fetchOAuthIdentity(
    deps,
    authorization,
    provider.instanceUrl,
    tokens.access_token,
    providerName,
  );
  return { tokens, identity, instanceUrl: provider.instanceUrl };
}
