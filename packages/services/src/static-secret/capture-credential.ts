import type { AccountIdentity } from '@conn/connectors';
import { ConnError, type SetupStatus } from '@conn/setup-engine';
import { findSameAccountConnection, findSealedCredential, type StoreDb } from '@conn/store';
import { loadOwnedConnection } from '../connections/load-owned-connection';
import { readSetupStatus } from '../connections/read-setup-status';
import { queueRunIn } from '../runs/queue-run-in';
import type { ServiceDeps } from '../service-deps';
import { applyTransition } from '../shared/apply-transition';
import { attemptLifetimes, expiresAfter } from '../shared/attempt-lifetimes';
import { writeAuditEvent } from '../shared/audit-event';
import { changedConcurrently } from '../shared/changed-concurrently';
import { decideTransition } from '../shared/decide-transition';
import { redactSecrets } from '../shared/redact-secrets';
import { writeSealedCredential } from '../shared/write-sealed-credential';
import { parseSecretFields } from './credential-fields';
import { runProbe } from './run-probe';

/**
 * Takes a static-secret credential for a draft (first setup) or a live
 * connection (rotation, repair), owner session only.
 *
 * In order: the connection must be able to take a credential; the server
 * must hold a key, and any stored credential must still open with it
 * (`credential_key_mismatch` otherwise — nothing is overwritten); the
 * registered probe checks the credential within the deadline
 * (`probe_timeout`, nothing stored). A refusal stores nothing, retires a
 * first-time draft and leaves a live connection as it was, then throws
 * `credential_rejected` with the provider-named message. An accepted
 * credential is sealed for this connection only, its identity echoed, and a
 * draft's first sync queued.
 *
 * A first setup whose identity is an account another connection of this
 * connector already holds is refused with `same_account` (409, that
 * connection's id and label in `details`; nothing stored, the draft kept),
 * so the owner can update that one instead; `sameAccount: 'keep'` connects
 * it a second time on purpose.
 *
 * @example
 * const status = await services.captureCredential(ownerId, connectionId, { token: 'ghp_…' });
 * // status.setup_state === 'first_sync_pending', status.label === 'octocat'
 */
export async function captureCredential(
  deps: ServiceDeps,
  ownerId: string,
  connectionId: string,
  secretFields: unknown,
  options: { readonly sameAccount?: 'keep' | null } = {},
): Promise<SetupStatus> {
  const connection = await loadOwnedConnection(deps.store.db, ownerId, connectionId);
  const definition = deps.registry.require(connection.connector);
  const { manifest } = definition;
  const { setup } = manifest;
  if (setup.modality !== 'static_secret' || connection.modality !== 'static_secret') {
    throw new ConnError(
      'modality_mismatch',
      `${manifest.name} connections do not take a pasted credential.`,
      { connector: manifest.key, modality: setup.modality },
    );
  }
  deps.vault.assertAvailable();
  decideTransition(connection, { type: 'credential_captured' });
  const secrets = parseSecretFields(setup, secretFields);
  await assertStoredCredentialOpens(deps, deps.store.db, connection.id);

  const fields = JSON.parse(connection.fields_json) as Record<string, string>;
  let identity: AccountIdentity | null = null;
  // What the provider said of the credential's own end, when it said anything.
  let expiresAt: string | null = null;
  if (definition.probe !== undefined) {
    const result = await runProbe(
      definition.probe,
      { fields, secrets, fetch: deps.fetch },
      deps.probeTimeoutMs,
      manifest.name,
    );
    if (!result.ok) {
      await rejectCredential(deps, ownerId, connection.id, 'probe_rejected');
      throw new ConnError('credential_rejected', redactSecrets(result.message, secrets), {
        connector: manifest.key,
      });
    }
    identity = result.identity;
    expiresAt = validTime(result.credential_expires_at);
    // A live connection keeps its account; a draft (never active) may still switch to another one.
    const live = connection.status !== 'draft';
    if (live && connection.account_id !== null && identity.account_id !== connection.account_id) {
      await rejectCredential(deps, ownerId, connection.id, 'other_account');
      throw new ConnError(
        'credential_rejected',
        `This credential belongs to ${manifest.name} account "${identity.label}", not to the account of this connection. Add it as a new connection instead.`,
        { connector: manifest.key },
      );
    }
    if (!live && options.sameAccount !== 'keep') {
      const same = await findSameAccountConnection(deps.store.db, {
        ownerId,
        connector: connection.connector,
        accountId: identity.account_id,
        exceptId: connection.id,
      });
      if (same !== undefined) {
        const label = same.label ?? same.account_label ?? identity.label;
        throw new ConnError(
          'same_account',
          `${manifest.name} account "${identity.label}" is already connected as "${label}". Use this credential for that connection instead, or connect the account a second time on purpose.`,
          { connector: manifest.key, connection_id: same.id, label },
        );
      }
    }
  }

  const now = deps.clock();
  return deps.store.transaction(async (trx) => {
    const current = await loadOwnedConnection(trx, ownerId, connection.id);
    const firstSetup = current.status === 'draft';
    // Repair of a connection that needs attention resumes with a sync; a rotation waits for the next one.
    const repairing = current.status === 'needs_attention';
    // Sealed first: whether it replaced one is what the event reports. A lost race rolls it back.
    const rotated = await writeSealedCredential(
      deps,
      trx,
      current.id,
      setup.credential_kind,
      secrets,
      {
        now,
        validated: identity !== null,
        expiresAt,
      },
    );
    const { changed } = await applyTransition(
      trx,
      current,
      { type: 'credential_captured' },
      now,
      {
        ...(identity === null
          ? {}
          : { account_id: identity.account_id, account_label: identity.label }),
        // A first setup's lifetime starts again with each credential, so its first sync is never cut short.
        ...(firstSetup
          ? { expires_at: expiresAfter(now, attemptLifetimes.staticSecretDraftMs) }
          : {}),
      },
      { rotated },
    );
    if (!changed) throw changedConcurrently();
    if (firstSetup) await queueRunIn(trx, now, current, 'first_sync');
    if (repairing) await queueRunIn(trx, now, current, 'sync');
    await writeAuditEvent(trx, now, {
      ownerId,
      actor: 'owner',
      action: rotated ? 'credential.rotated' : 'credential.captured',
      connectionId: current.id,
      details: {
        kind: setup.credential_kind,
        validated: identity !== null,
        first_setup: firstSetup,
      },
    });
    return readSetupStatus(deps, trx, ownerId, current.id);
  });
}

/**
 * A stored credential that no longer opens means the server runs with the
 * wrong key: refuse to replace it, so restoring the right key recovers it.
 */
async function assertStoredCredentialOpens(
  deps: ServiceDeps,
  db: StoreDb,
  connectionId: string,
): Promise<void> {
  const sealed = await findSealedCredential(db, connectionId);
  if (sealed !== undefined) deps.vault.open(sealed, { connectionId });
}

/**
 * Records a refusal: a first-time draft is retired; a live connection, or a
 * draft already holding a validated credential, stays as it was.
 */
async function rejectCredential(
  deps: ServiceDeps,
  ownerId: string,
  connectionId: string,
  reason: 'probe_rejected' | 'other_account',
): Promise<void> {
  const now = deps.clock();
  await deps.store.transaction(async (trx) => {
    const current = await loadOwnedConnection(trx, ownerId, connectionId);
    // Only a probe can refuse, so any credential a draft holds was validated.
    const holdsCredential = (await findSealedCredential(trx, connectionId)) !== undefined;
    const { outcome } = await applyTransition(
      trx,
      current,
      { type: holdsCredential ? 'replacement_rejected' : 'credential_rejected' },
      now,
      {},
      { code: reason },
    );
    await writeAuditEvent(trx, now, {
      ownerId,
      actor: 'owner',
      action: 'credential.rejected',
      connectionId,
      details: { reason, draft_retired: outcome.retired !== null },
    });
  });
}

/** A probe's expiry as a stored time: ISO 8601 in UTC, or null when absent or not a time. */
function validTime(at: string | null | undefined): string | null {
  if (at === null || at === undefined) return null;
  const ms = Date.parse(at);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
