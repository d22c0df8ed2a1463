import type { AccountIdentity } from '@conn/connectors';
import { ConnError, type Manifest } from '@conn/setup-engine';
import { type AuthorizationSessionRow, type StoreDb, setConnectionAccount } from '@conn/store';
import { insertConnection } from '../connections/insert-connection';
import { loadOwnedConnection } from '../connections/load-owned-connection';
import { queueRunIn } from '../runs/queue-run-in';
import type { ServiceDeps } from '../service-deps';
import { applyTransition } from '../shared/apply-transition';
import { writeAuditEvent } from '../shared/audit-event';
import { changedConcurrently } from '../shared/changed-concurrently';
import { consoleUrls } from '../shared/console-urls';
import type { AuthorizationOutcome } from './complete-authorization';
import type { AuthorizedGrant } from './exchange-authorization-code';
import { storeOAuthTokens } from './store-oauth-tokens';

/**
 * Turns an exchanged authorization into its connection, in one transaction:
 * a new session creates the connection `active`, labelled with the account;
 * a reconnect session re-authorizes its connection (another account is
 * `credential_rejected`). Either way the tokens are sealed as its credential,
 * a sync is queued and the completion audited.
 *
 * @example
 * return connectAuthorizedAccount(deps, session, manifest, await exchangeAuthorizationCode(…));
 */
export async function connectAuthorizedAccount(
  deps: ServiceDeps,
  session: AuthorizationSessionRow,
  manifest: Manifest,
  grant: AuthorizedGrant,
): Promise<AuthorizationOutcome> {
  const { identity } = grant;
  const now = deps.clock();
  return deps.store.transaction(async (trx) => {
    const connectionId =
      session.connection_id === null
        ? await createConnection(trx, now, session, manifest, identity, grant.instanceUrl)
        : await reauthorize(trx, now, session, manifest, identity);
    await storeOAuthTokens(deps, trx, connectionId, grant.tokens, now);
    await queueRunIn(
      trx,
      now,
      { id: connectionId, owner_id: session.owner_id, connector: manifest.key },
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
  session: AuthorizationSessionRow,
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
  session: AuthorizationSessionRow,
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
