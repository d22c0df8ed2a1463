import {
  type AuthorizationStart,
  AuthorizeRequestSchema,
  ConnError,
  describeIssues,
} from '@conn/setup-engine';
import { hashToken, insertAuthorizationSession, newId } from '@conn/store';
import * as oauth from 'oauth4webapi';
import { loadOwnedConnection } from '../connections/load-owned-connection';
import { raiseEvent } from '../events/raise-event';
import type { ServiceDeps } from '../service-deps';
import { assertSetupAvailable } from '../shared/assert-setup-available';
import { attemptLifetimes, expiresAfter } from '../shared/attempt-lifetimes';
import { writeAuditEvent } from '../shared/audit-event';
import { decideTransition } from '../shared/decide-transition';
import { planFor } from '../shared/plan-for';
import { loadProviderAppConfig } from './provider-apps/provider-app-config';

/**
 * Starts a provider authorization (OAuth 2.0 authorization code + PKCE S256)
 * for the owner: a new connection, or — with `connection_id` — the repair of
 * that connection. Refuses what the plan cannot run: a missing provider app
 * is `provider_app_not_configured` (503), a missing key
 * `credential_key_unavailable`, a proof-gated path without `unproven: true`
 * (and without a reconnect) `unproven_path_not_confirmed`, another modality
 * `modality_mismatch`; a revoked connection must go through reconnect first.
 *
 * It writes one authorization session, alive 10 minutes and bound to the
 * owner: the `state` is stored only as a hash, the PKCE verifier sealed for
 * the session alone, and the redirect URI is exactly
 * `<public origin>/v1/oauth/callback`. No connection exists until the
 * callback's token exchange and identity call succeed.
 *
 * @example
 * const { authorization_url } = await services.startAuthorization(ownerId, 'gitlab', { unproven: true });
 */
export async function startAuthorization(
  deps: ServiceDeps,
  ownerId: string,
  connector: string,
  input: unknown = {},
): Promise<AuthorizationStart> {
  const parsed = AuthorizeRequestSchema.safeParse(input ?? {});
  if (!parsed.success) {
    throw new ConnError('invalid_request', describeIssues(parsed.error.issues).join('; '));
  }
  const request = parsed.data;
  const { manifest } = deps.registry.require(connector);
  const { setup } = manifest;
  if (setup.modality !== 'provider_authorization') {
    throw new ConnError(
      'modality_mismatch',
      `${manifest.name} is not connected through a provider authorization.`,
      { connector: manifest.key, modality: setup.modality },
    );
  }
  const plan = await planFor(deps, ownerId, manifest.key);
  assertSetupAvailable(plan);
  const reconnecting = request.connection_id !== undefined;
  if (plan.support_state === 'proof_gated' && request.unproven !== true && !reconnecting) {
    throw new ConnError(
      'unproven_path_not_confirmed',
      `${plan.support_reason} Confirm that you want to try it as an unproven attempt.`,
      { connector: manifest.key },
    );
  }
  if (request.connection_id !== undefined) {
    const connection = await loadOwnedConnection(deps.store.db, ownerId, request.connection_id);
    if (connection.connector !== manifest.key) {
      throw new ConnError(
        'invalid_request',
        `That connection is not a ${manifest.name} connection.`,
      );
    }
    // A revoked connection must be reconnected first, so a stale authorization cannot undo a revoke.
    decideTransition(connection, { type: 'authorization_completed' });
  }
  deps.vault.assertAvailable();
  const origin = deps.deployment.public_origin;
  if (origin === null || plan.descriptor.modality !== 'provider_authorization') {
    throw new ConnError('setup_not_available', plan.support_reason, { connector: manifest.key });
  }
  const app = await loadProviderAppConfig(deps, deps.store.db, setup.authorization.provider_app);
  const redirectUri = `${origin.replace(/\/+$/, '')}${plan.descriptor.authorization.redirect_path}`;

  const sessionId = newId('aus');
  const state = oauth.generateRandomState();
  const verifier = oauth.generateRandomCodeVerifier();
  const challenge = await oauth.calculatePKCECodeChallenge(verifier);
  const now = deps.clock();
  const expiresAt = expiresAfter(now, attemptLifetimes.authorizationSessionMs);
  const url = new URL(`${app.instance_url}${setup.authorization.authorization_path}`);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', app.client_id);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('scope', setup.authorization.scopes.join(' '));
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', challenge);
  url.searchParams.set('code_challenge_method', setup.authorization.pkce);

  await deps.store.transaction(async (trx) => {
    await insertAuthorizationSession(trx, {
      id: sessionId,
      owner_id: ownerId,
      connector: manifest.key,
      connection_id: request.connection_id ?? null,
      state_hash: hashToken(state),
      verifier_sealed: deps.vault.seal(verifier, { authSessionId: sessionId }),
      key_id: deps.vault.primaryKeyId!,
      redirect_uri: redirectUri,
      label: request.label ?? null,
      unproven: plan.support_state === 'proof_gated' && !reconnecting ? 1 : 0,
      expires_at: expiresAt,
      used_at: null,
      retired_at: null,
      created_at: now.toISOString(),
    });
    await writeAuditEvent(trx, now, {
      ownerId,
      actor: 'owner',
      action: 'authorization.started',
      connectionId: request.connection_id ?? null,
      details: { session_id: sessionId, connector: manifest.key, reconnect: reconnecting },
    });
    raiseEvent(trx, ownerId, now, {
      type: 'authorization_started',
      connector: manifest.key,
      connection_id: request.connection_id ?? null,
    });
  });
  return { authorization_url: url.href, expires_at: expiresAt };
}
