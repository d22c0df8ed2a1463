import { ConnError, isConnError } from '@conn/setup-engine';
import * as oauth from 'oauth4webapi';

/** OAuth error codes are short snake_case words; anything else from a provider is not echoed. */
const errorCodePattern = /^[a-z][a-z0-9_]{0,63}$/;

/**
 * Turns a failed OAuth call into a `ConnError` whose message names the
 * provider, the step and the OAuth error code — never a token, a code, the
 * client secret or the provider's free-text description. A provider that
 * refused (a 4xx OAuth error such as `invalid_grant`) is
 * `credential_rejected`; one that failed (5xx, a body that is not OAuth,
 * network, timeout) is `provider_unavailable`.
 *
 * @example
 * try { … } catch (error) { throw oauthFailure(error, 'GitLab', 'exchange the authorization code'); }
 */
export function oauthFailure(error: unknown, provider: string, step: string): ConnError {
  if (isConnError(error)) return error;
  if (error instanceof oauth.ResponseBodyError) {
    const code = errorCodePattern.test(error.error) ? error.error : 'unknown_error';
    if (error.status >= 400 && error.status < 500) {
      return new ConnError('credential_rejected', `${provider} refused to ${step} (${code}).`, {
        provider,
        status: error.status,
        oauth_error: code,
      });
    }
    return new ConnError(
      'provider_unavailable',
      `${provider} failed to ${step} (${error.status}). Try again later.`,
      { provider, status: error.status, oauth_error: code },
    );
  }
  if (error instanceof oauth.WWWAuthenticateChallengeError) {
    return new ConnError(
      'credential_rejected',
      `${provider} refused to ${step} (${error.status}).`,
      {
        provider,
        status: error.status,
      },
    );
  }
  const response = error instanceof oauth.OperationProcessingError ? error.cause : undefined;
  const status = response instanceof Response ? response.status : null;
  return new ConnError(
    'provider_unavailable',
    status === null
      ? `conn could not reach ${provider} to ${step}. Try again later.`
      : `${provider} answered ${status} when asked to ${step}. Try again later.`,
    { provider, status },
  );
}
