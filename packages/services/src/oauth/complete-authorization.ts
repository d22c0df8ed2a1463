import type { AccountIdentity } from '@conn/connectors';
import { ConnError, type ErrorDetails, isConnError, type Manifest } from '@conn/setup-engine';
import {
  type AuthorizationSessionRow,
  findAuthorizationSession,
  hashToken,
  retireAuthorizationSession,
  type StoreDb,
  setConnectionAccount,
  useAuthorizationSession,
} from '@conn/store';
import * as oauth from 'oauth4webapi';
import { insertConnection } from '../connections/insert-connection';
import { loadOwnedConnection } from '../connections/owned-connection';
import { queueRunIn } from '../runs/queue-run';
import type { ServiceDeps } from '../service-deps';
import { applyTransition, changedConcurrently } from '../shared/apply-transition';
import { writeAuditEvent } from '../shared/audit-event';
import { consoleUrls } from '../shared/console-urls';
import { fetchOAuthIdentity } from './fetch-oauth-identity';
import { oauthFailure } from './oauth-failure';
import { oauthProvider } from './oauth-provider';
import { type OAuthTokens, tokensFromResponse } from './oauth-tokens';
import { loadProviderAppConfig } from './provider-apps/provider-app-config';
import { storeOAuthTokens } from './store-oauth-tokens';

type AuthorizationSession = AuthorizationSessionRow;

/** What the provider's redirect brought back, and who the browser is logged in as. */
export interface AuthorizationCallback {
  /** The callback's query parameters (`code`, `state`, or `error`), as the provider sent them. */
  query: URLSearchParams;
  /**
   * The owner of the console session cookie the browser presented, or null
   * when it presented none. A session bound to another owner is refused.
   */
  cookieOwnerId: string | null;
}

/** Where a finished authorization leaves the owner. */
export interface AuthorizationOutcome {
  connection_id: string;
  /** True when an existing connection was re-authorized (reconnect). */
  reconnected: boolean;
  /** The console status page of the connection, or null without a public origin. */
  redirect_url: string | null;
}

/** Why a callback's state is refused, as `details.reason`. */
type StateProblem = 'state_missing' | 'state_unknown' | 'state_used' | 'state_expired';

const stateMessages: Record<StateProblem, string> = {
  state_missing:
    'This authorization response carries no state, so conn cannot tell which setup it belongs to.',
  state_unknown:
    'This authorization response does not belong to a setup conn started (or it was cleaned up).',
  state_used: 'This authorization response was already used. Start the authorization again.',
  state_expired: 'This authorization took longer than 10 minutes and expired. Start it again.',
};

function stateRefused(reason: StateProblem): ConnError {
  return new ConnError('invalid_request', `${stateMessages[reason]} Nothing was connected.`, {
    reason,
  });
}

/**
 * Finishes a provider authorization at the registered redirect URI.
 *
 * The `state` must name an authorization session conn started: unknown,
 * replayed and expired states are refused, and so is a session bound to
 * another owner than the console session the browser presents. The session
 * is consumed (one use) before anything else happens. A denied consent
 * (`error=access_denied`) ends there with nothing connected. Otherwise the
 * code is exchanged with the sealed PKCE verifier at the token endpoint, the
 * provider's identity endpoint names the account, and only then is the
 * connection created `active` (engine `authorization_completed`), labelled
 * with that identity, its tokens sealed as its credential (`oauth_tokens`)
 * and its first sync queued. A reconnect session re-authorizes its
 * connection instead (needs_attention → active, tokens replaced, a sync
 * queued); an account other than the connection's is refused. Any failure
 * leaves no connection and no tokens.
 *
 * @example
 * const { redirect_url } = await services.completeAuthorization({ query, cookieOwnerId });
 */
export async function completeAuthorization(
  deps: ServiceDeps,
  callback: AuthorizationCallback,
): Promise<AuthorizationOutcome> {
  const state = callback.query.get('state');
  if (state === null || state.length === 0 || state.length > 512)
    throw stateRefused('state_missing');
  const session = await findAuthorizationSession(deps.store.db, hashToken(state));
  if (session === undefined) throw stateRefused('state_unknown');
  const now = deps.clock();

  if (callback.cookieOwnerId !== null && callback.cookieOwnerId !== session.owner_id) {
    // The state left the owner's hands: burn it, so it cannot be replayed by its rightful browser either.
    await consume(deps, session, now);
    await recordFailure(deps, session, 'owner_mismatch');
    throw new ConnError(
      'forbidden',
      'This authorization was started by another owner than the one logged in to this browser. Nothing was connected.',
      { reason: 'owner_mismatch' },
    );
  }
  if (session.used_at !== null) throw stateRefused('state_used');
  if (session.retired_at !== null || session.expires_at <= now.toISOString()) {
    await retire(deps, session, now);
    throw stateRefused('state_expired');
  }
  if (!(await consume(deps, session, now))) throw stateRefused('state_used');

  const { manifest } = deps.registry.require(session.connector);
  try {
    return await exchangeAndConnect(deps, session, manifest, callback.query, state);
  } catch (error) {
    const failure = isConnError(error)
      ? error
      : oauthFailure(error, manifest.name, 'finish the authorization');
    await recordFailure(deps, session, failure.code, failure.details);
    throw failure;
  }
}

async function exchangeAndConnect(
  deps: ServiceDeps,
  session: AuthorizationSession,
  manifest: Manifest,
  query: URLSearchParams,
  state: string,
): Promise<AuthorizationOutcome> {
  const { setup } = manifest;
  if (setup.modality !== 'provider_authorization') {
    throw new ConnError(
      'modality_mismatch',
      `${manifest.name} is not connected through a provider authorization.`,
    );
  }
  const denied = query.get('error');
  if (denied !== null) {
    const code = /^[a-z][a-z0-9_]{0,63}$/.test(denied) ? denied : 'unknown_error';
    if (code === 'access_denied') {
      throw new ConnError(
        'forbidden',
        `You did not approve access at ${manifest.name}, so nothing was connected.`,
        { reason: 'access_denied' },
      );
    }
    throw new ConnError(
      'provider_unavailable',
      `${manifest.name} did not finish the authorization (${code}). Nothing was connected; try again.`,
      { reason: code },
    );
  }
  const app = await loadProviderAppConfig(deps, deps.store.db, setup.authorization.provider_app);
  const provider = oauthProvider(deps, setup.authorization, app, app.instance_url);
  let parameters: URLSearchParams;
  try {
    parameters = oauth.validateAuthResponse(provider.as, provider.client, query, state);
  } catch {
    throw new ConnError(
      'invalid_request',
      `This authorization response is not one ${manifest.name} sent for this setup. Nothing was connected.`,
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
    throw oauthFailure(error, manifest.name, 'exchange the authorization code');
  }
  const identity = await fetchOAuthIdentity(
    deps,
    setup.authorization,
    provider.instanceUrl,
    tokens.access_token,
    manifest.name,
  );
  const now = deps.clock();
  return deps.store.transaction(async (trx) => {
    const connectionId =
      session.connection_id === null
        ? await createConnection(trx, now, session, manifest, identity, provider.instanceUrl)
        : await reauthorize(trx, now, session, manifest, identity);
    await storeOAuthTokens(deps, trx, connectionId, tokens, now);
    await queueRunIn(
      trx,
      now,
      connectionId,
      session.connection_id === null ? 'first_sync' : 'sync',
    );
    await writeAuditEvent(trx, now, {
      ownerId: session.owner_id,
      actor: 'owner',
      action: 'authorization.completed',
      connectionId,
      details: {
        session_id: session.id,
        connector: manifest.key,
        reconnect: session.connection_id !== null,
        unproven: session.unproven === 1,
      },
    });
    return {
      connection_id: connectionId,
      reconnected: session.connection_id !== null,
      redirect_url: consoleUrls.connection(deps.deployment.public_origin, connectionId),
    };
  });
}

async function createConnection(
  db: StoreDb,
  now: Date,
  session: AuthorizationSession,
  manifest: Manifest,
  identity: AccountIdentity,
  instanceUrl: string,
): Promise<string> {
  const connection = await insertConnection(
    db,
    now,
    { type: 'authorization_completed' },
    {
      ownerId: session.owner_id,
      connector: manifest.key,
      modality: 'provider_authorization',
      label: session.label,
      // The instance is non-secret metadata the collector and token renewal need.
      fields: { instance_url: instanceUrl },
      unproven: session.unproven === 1,
      expiresAt: null,
    },
  );
  await setConnectionAccount(db, connection.id, {
    account_id: identity.account_id,
    account_label: identity.label,
  });
  await writeAuditEvent(db, now, {
    ownerId: session.owner_id,
    actor: 'owner',
    action: 'connection.activated',
    connectionId: connection.id,
    details: { by: 'authorization_completed', connector: manifest.key },
  });
  return connection.id;
}

async function reauthorize(
  db: StoreDb,
  now: Date,
  session: AuthorizationSession,
  manifest: Manifest,
  identity: AccountIdentity,
): Promise<string> {
  const connection = await loadOwnedConnection(db, session.owner_id, session.connection_id!);
  if (connection.account_id !== null && connection.account_id !== identity.account_id) {
    throw new ConnError(
      'credential_rejected',
      `You authorized ${manifest.name} account "${identity.label}", not the account of this connection. Add it as a new connection instead.`,
      { reason: 'other_account' },
    );
  }
  const { changed } = await applyTransition(
    db,
    connection,
    { type: 'authorization_completed' },
    now,
    { account_id: identity.account_id, account_label: identity.label },
  );
  if (!changed) throw changedConcurrently();
  return connection.id;
}

/** Marks the session used; false when another callback used it first. */
async function consume(
  deps: ServiceDeps,
  session: AuthorizationSession,
  now: Date,
): Promise<boolean> {
  return useAuthorizationSession(deps.store.db, session.id, now);
}

async function retire(deps: ServiceDeps, session: AuthorizationSession, now: Date): Promise<void> {
  await retireAuthorizationSession(deps.store.db, session.id, now);
}

/** An audit event for a callback that connected nothing: ids and codes only. */
async function recordFailure(
  deps: ServiceDeps,
  session: AuthorizationSession,
  code: string,
  details: ErrorDetails | undefined = undefined,
): Promise<void> {
  const reason = typeof details?.reason === 'string' ? details.reason : null;
  await writeAuditEvent(deps.store.db, deps.clock(), {
    ownerId: session.owner_id,
    actor: 'owner',
    action: reason === 'access_denied' ? 'authorization.denied' : 'authorization.failed',
    connectionId: session.connection_id,
    details: { session_id: session.id, connector: session.connector, code, reason },
  });
}
