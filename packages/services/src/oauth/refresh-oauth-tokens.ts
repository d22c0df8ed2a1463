import type { ConnectionFields } from '@conn/connectors';
import { ConnError } from '@conn/setup-engine';
import { type ConnectionRow, findRefreshCooldown, putRefreshCooldown } from '@conn/store';
import * as oauth from 'oauth4webapi';
import { loadConnection } from '../connections/load-connection';
import { raiseEvent } from '../events/raise-event';
import type { ServiceDeps } from '../service-deps';
import { writeAuditEvent } from '../shared/audit-event';
import { waitCopy } from '../shared/wait-copy';
import { oauthFailure } from './oauth-failure';
import { oauthProvider } from './oauth-provider';
import type { OAuthTokens } from './oauth-tokens';
import { parseInstanceUrl } from './provider-apps/instance-url';
import { loadProviderAppConfig } from './provider-apps/provider-app-config';
import { refreshRetryAt } from './refresh-cooldown';
import { storeOAuthTokens } from './store-oauth-tokens';
import { tokensFromResponse } from './tokens-from-response';

/**
 * Renews an OAuth connection's access token with its refresh token (the
 * refresh grant, through oauth4webapi, at the instance the connection was
 * authorized on) and re-seals the new token set for the connection. A
 * provider that refuses the refresh token (`invalid_grant`: revoked,
 * expired, already used) is `credential_rejected` — the run that needed it
 * fails with that code and the connection turns `needs_attention` with a
 * reconnect action. An outage is `provider_unavailable` and changes nothing.
 * Either failure starts a cooldown (1 minute, doubling to 6 hours) in which
 * a renewal is answered with the same failure without reaching the provider,
 * so asking for syncs in a loop cannot storm it; `authorization_failed`
 * (`refresh_rejected`, `refresh_failed`) is published for the first failure
 * of a run of them only. New tokens (a renewal that works, a reconnect) end the cooldown.
 *
 * @example
 * const fresh = await refreshOAuthTokens(deps, connectionId, tokens);
 */
export async function refreshOAuthTokens(
  deps: ServiceDeps,
  connectionId: string,
  tokens: OAuthTokens,
): Promise<OAuthTokens> {
  const connection = await loadConnection(deps.store.db, connectionId);
  const { manifest } = deps.registry.require(connection.connector);
  const { setup } = manifest;
  if (setup.modality !== 'provider_authorization') {
    throw new ConnError('modality_mismatch', `${manifest.name} connections hold no OAuth tokens.`);
  }
  const cooldown = await findRefreshCooldown(deps.store.db, connectionId);
  const waitMs =
    cooldown === undefined ? 0 : Date.parse(cooldown.retry_at) - deps.clock().getTime();
  if (cooldown !== undefined && waitMs > 0) {
    // The failure the provider gave last, repeated: a refused token stays refused until a reconnect.
    const details = { provider: manifest.name, retry_after_seconds: Math.ceil(waitMs / 1000) };
    if (cooldown.last_code === 'credential_rejected') {
      throw new ConnError(
        'credential_rejected',
        `${manifest.name} refused to renew this connection's access. Reconnect it.`,
        details,
      );
    }
    throw new ConnError(
      'provider_unavailable',
      `Renewing ${manifest.name}'s access failed; conn tries again in ${waitCopy(waitMs)}.`,
      details,
    );
  }
  if (tokens.refresh_token === null) {
    throw await refreshFailed(
      deps,
      connection,
      new ConnError(
        'credential_rejected',
        `${manifest.name} gave this connection no refresh token, so its access cannot be renewed. Reconnect it.`,
        { provider: manifest.name },
      ),
    );
  }
  const app = await loadProviderAppConfig(deps, deps.store.db, setup.authorization.provider_app);
  const fields = JSON.parse(connection.fields_json) as ConnectionFields;
  const instanceUrl =
    fields.instance_url === undefined ? app.instance_url : parseInstanceUrl(fields.instance_url);
  const provider = oauthProvider(deps, setup.authorization, app, instanceUrl);
  const requestedAt = deps.clock();
  let fresh: OAuthTokens;
  try {
    const response = await oauth.refreshTokenGrantRequest(
      provider.as,
      provider.client,
      provider.clientAuth,
      tokens.refresh_token.reveal(),
      provider.options,
    );
    fresh = tokensFromResponse(
      await oauth.processRefreshTokenResponse(provider.as, provider.client, response),
      requestedAt,
      tokens,
    );
  } catch (error) {
    throw await refreshFailed(
      deps,
      connection,
      oauthFailure(error, manifest.name, 'renew the access token'),
    );
  }
  const now = deps.clock();
  await deps.store.transaction(async (trx) => {
    await storeOAuthTokens(deps, trx, connectionId, fresh, now);
    await writeAuditEvent(trx, now, {
      ownerId: connection.owner_id,
      actor: 'system',
      action: 'credential.refreshed',
      connectionId,
      details: { expires_at: fresh.expires_at },
    });
  });
  return fresh;
}

/**
 * Records a failed renewal, its cooldown and audit event, and for the first
 * failure in a row the published `authorization_failed`, in one transaction;
 * resolves the error to throw.
 */
async function refreshFailed(
  deps: ServiceDeps,
  connection: ConnectionRow,
  failure: ConnError,
): Promise<ConnError> {
  const failed = deps.clock();
  await deps.store.transaction(async (trx) => {
    const failures = ((await findRefreshCooldown(trx, connection.id))?.failures ?? 0) + 1;
    await putRefreshCooldown(trx, {
      connection_id: connection.id,
      failures,
      retry_at: refreshRetryAt(failures, failed).toISOString(),
      last_code: failure.code,
      updated_at: failed.toISOString(),
    });
    await writeAuditEvent(trx, failed, {
      ownerId: connection.owner_id,
      actor: 'system',
      action: 'credential.refresh_failed',
      connectionId: connection.id,
      details: { code: failure.code, failures_in_a_row: failures },
    });
    // Surfaced once: later failures of the same run of them are in the audit log only.
    if (failures > 1) return;
    raiseEvent(trx, connection.owner_id, failed, {
      type: 'authorization_failed',
      connector: connection.connector,
      connection_id: connection.id,
      // A refused refresh token needs a reconnect; anything else may pass with a retry.
      code: failure.code === 'credential_rejected' ? 'refresh_rejected' : 'refresh_failed',
    });
  });
  return failure;
}
