import type { AccountIdentity } from '@conn/connectors';
import { ConnError, type Secret, type SetupDescriptorOf } from '@conn/setup-engine';
import type { ServiceDeps } from '../service-deps';
import { oauthRequestTimeoutMs } from './oauth-provider';

type AuthorizationDescriptor = SetupDescriptorOf<'provider_authorization'>['authorization'];

function identityText(value: unknown): string | null {
  if (typeof value === 'string' && value.trim().length > 0) return value.trim().slice(0, 200);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/**
 * Asks the provider who the new access token belongs to (the manifest's
 * `identity_path`, e.g. GitLab's `/api/v4/user`) and echoes it: the label is
 * the manifest's `identity_field` (`username`), the account id the response's
 * `id` when it has one. This inventory call is the last part of the
 * provider-authorization proof boundary: only after it succeeds does a
 * connection exist.
 *
 * @example
 * const identity = await fetchOAuthIdentity(deps, authorization, instanceUrl, tokens.access_token, 'GitLab');
 * identity.label; // 'tanuki'
 */
export async function fetchOAuthIdentity(
  deps: ServiceDeps,
  authorization: AuthorizationDescriptor,
  instanceUrl: string,
  accessToken: Secret,
  provider: string,
): Promise<AccountIdentity> {
  let response: Response;
  try {
    response = await deps.fetch(`${instanceUrl}${authorization.identity_path}`, {
      headers: {
        authorization: `Bearer ${accessToken.reveal()}`,
        accept: 'application/json',
        'user-agent': 'conn',
      },
      signal: AbortSignal.timeout(oauthRequestTimeoutMs),
    });
  } catch {
    throw new ConnError(
      'provider_unavailable',
      `conn could not reach ${provider} to read the account it was authorized for.`,
      { provider, status: null },
    );
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new ConnError(
      response.status === 401 || response.status === 403
        ? 'credential_rejected'
        : 'provider_unavailable',
      `${provider} answered ${response.status} when asked which account was authorized.`,
      { provider, status: response.status },
    );
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const label = identityText(record[authorization.identity_field]);
  if (label === null) {
    throw new ConnError(
      'provider_unavailable',
      `${provider} did not say which account was authorized (no "${authorization.identity_field}").`,
      { provider, status: response.status },
    );
  }
  return { account_id: identityText(record.id) ?? label, label };
}
