import { ConnError, type ErrorDetails, isConnError, type Manifest } from '@conn/setup-engine';
import {
  type AuthorizationSessionRow,
  findAuthorizationSession,
  hashToken,
  retireAuthorizationSession,
  type StoreDb,
  useAuthorizationSession,
} from '@conn/store';
import { raiseEvent } from '../events/raise-event';
import type { ServiceDeps } from '../service-deps';
import { writeAuditEvent } from '../shared/audit-event';
import { connectAuthorizedAccount } from './connect-authorized-account';
import { exchangeAuthorizationCode } from './exchange-authorization-code';
import { oauthFailure } from './oauth-failure';
import { stateRefused } from './state-refused';

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
    await deps.store.transaction(async (trx) => {
      await useAuthorizationSession(trx, session.id, now);
      await recordFailure(trx, deps.clock(), session, 'owner_mismatch');
    });
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
    const failed = deps.clock();
    await deps.store.transaction((trx) =>
      recordFailure(trx, failed, session, failure.code, failure.details),
    );
    throw failure;
  }
}

async function exchangeAndConnect(
  deps: ServiceDeps,
  session: AuthorizationSessionRow,
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
  const grant = await exchangeAuthorizationCode(
    deps,
    session,
    manifest.name,
    setup.authorization,
    query,
    state,
  );
  return connectAuthorizedAccount(deps, session, manifest, grant);
}

/** Marks the session used; false when another callback used it first. */
async function consume(
  deps: ServiceDeps,
  session: AuthorizationSessionRow,
  now: Date,
): Promise<boolean> {
  return useAuthorizationSession(deps.store.db, session.id, now);
}

async function retire(
  deps: ServiceDeps,
  session: AuthorizationSessionRow,
  now: Date,
): Promise<void> {
  await retireAuthorizationSession(deps.store.db, session.id, now);
}

/**
 * Records a callback that connected nothing: its audit event and the
 * published `authorization_failed`, whose code is the most specific stable
 * one (`access_denied`, `owner_mismatch`, the provider's OAuth error code…).
 * Ids and codes only.
 */
async function recordFailure(
  trx: StoreDb,
  now: Date,
  session: AuthorizationSessionRow,
  code: string,
  details: ErrorDetails | undefined = undefined,
): Promise<void> {
  const reason = typeof details?.reason === 'string' ? details.reason : null;
  raiseEvent(trx, session.owner_id, now, {
    type: 'authorization_failed',
    connector: session.connector,
    connection_id: session.connection_id,
    // A reason is a code only when it reads like one; a strict event would refuse anything else.
    code: reason !== null && /^[a-z][a-z0-9_]{0,63}$/.test(reason) ? reason : code,
  });
  await writeAuditEvent(trx, now, {
    ownerId: session.owner_id,
    actor: 'owner',
    action: reason === 'access_denied' ? 'authorization.denied' : 'authorization.failed',
    connectionId: session.connection_id,
    details: { session_id: session.id, connector: session.connector, code, reason },
  });
}
