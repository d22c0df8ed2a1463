import type { SetupDescriptorOf } from '@conn/setup-engine';
import * as oauth from 'oauth4webapi';
import type { ServiceDeps } from '../service-deps';
import { isLoopbackHttp } from './provider-apps/instance-url';
import type { ProviderAppConfig } from './provider-apps/provider-app-config';

/** How long one call to the provider's token endpoint may take. */
export const oauthRequestTimeoutMs = 10_000;

type AuthorizationDescriptor = SetupDescriptorOf<'provider_authorization'>['authorization'];

/** Everything an OAuth 2.0 call to one provider instance needs, for oauth4webapi. */
export interface OAuthProvider {
  /** Authorization server metadata built from the manifest's paths under the instance URL. */
  as: oauth.AuthorizationServer;
  client: oauth.Client;
  clientAuth: oauth.ClientAuth;
  /** Transport options: the server's fetch, a deadline, and http only for a loopback instance. */
  options: oauth.TokenEndpointRequestOptions;
  instanceUrl: string;
  /** True when `instanceUrl` is plain http on a loopback address. */
  insecureLoopback: boolean;
}

/**
 * The authorization server and client of a provider app. Providers like
 * GitLab publish no discovery document every instance can be trusted to
 * serve, so the metadata is built from the manifest's paths below the
 * instance URL — which is also how a self-managed instance reuses the
 * connector. The one production path allows plain http only when the
 * instance is on a loopback address (a GitLab beside conn on one machine, or
 * a test's authorization server); everything else must be https.
 *
 * @example
 * const provider = oauthProvider(deps, manifest.setup.authorization, app, app.instance_url);
 * const response = await oauth.refreshTokenGrantRequest(provider.as, provider.client, provider.clientAuth, token, provider.options);
 */
export function oauthProvider(
  deps: ServiceDeps,
  authorization: AuthorizationDescriptor,
  app: ProviderAppConfig,
  instanceUrl: string,
): OAuthProvider {
  const insecureLoopback = isLoopbackHttp(instanceUrl);
  const as: oauth.AuthorizationServer = {
    issuer: instanceUrl,
    authorization_endpoint: `${instanceUrl}${authorization.authorization_path}`,
    token_endpoint: `${instanceUrl}${authorization.token_path}`,
    code_challenge_methods_supported: [authorization.pkce],
  };
  const options: oauth.TokenEndpointRequestOptions = {
    [oauth.customFetch]: (url, init) => deps.fetch(url, init),
    signal: () => AbortSignal.timeout(oauthRequestTimeoutMs),
  };
  // Set only for a loopback http instance; oauth4webapi refuses http everywhere else.
  if (insecureLoopback) options[oauth.allowInsecureRequests] = true;
  return {
    as,
    client: { client_id: app.client_id },
    clientAuth: oauth.ClientSecretPost(app.client_secret.reveal()),
    options,
    instanceUrl,
    insecureLoopback,
  };
}
