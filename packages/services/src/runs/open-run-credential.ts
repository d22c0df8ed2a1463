import type { ConnectionFields } from '@conn/connectors';
import { ConnError, isConnError, isOpenRun, Secret, type SecretBundle } from '@conn/setup-engine';
import { findRunCredentialSource } from '@conn/store';
import type { ServiceDeps } from '../service-deps';
import { finishRun } from './finish-run';

/** What a server worker needs to collect for one run. */
export interface RunCredential {
  connection_id: string;
  connector: string;
  fields: ConnectionFields;
  /** Opened from the vault for this connection only; empty when none is stored. */
  secrets: SecretBundle;
}

/**
 * Opens the sealed credential a running run needs, scoped to the run's own
 * connection. A revoked connection's credential stops working at once. When
 * the server holds the wrong key the run fails with `credential_key_mismatch`
 * and the stored envelope is left byte for byte as it was, so restoring the
 * key recovers it.
 *
 * @example
 * const { fields, secrets } = await openRunCredential(deps, run.id);
 */
export async function openRunCredential(deps: ServiceDeps, runId: string): Promise<RunCredential> {
  const row = await findRunCredentialSource(deps.store.db, runId);
  if (row === undefined) throw new ConnError('run_not_found', 'There is no such run.');
  if (row.status === 'revoked' || row.retired_at !== null) {
    throw new ConnError('illegal_transition', 'This connection no longer collects.');
  }
  const fields = JSON.parse(row.fields_json) as ConnectionFields;
  if (row.sealed === null) {
    return { connection_id: row.connection_id, connector: row.connector, fields, secrets: {} };
  }
  try {
    const opened = deps.vault.open(row.sealed, { connectionId: row.connection_id });
    const secrets: SecretBundle = opened instanceof Secret ? { value: opened } : opened;
    return { connection_id: row.connection_id, connector: row.connector, fields, secrets };
  } catch (error) {
    if (
      (isConnError(error, 'credential_key_mismatch') ||
        isConnError(error, 'credential_key_unavailable')) &&
      isOpenRun(row.run_status)
    ) {
      await finishRun(deps, runId, { status: 'failed', errorCode: error.code });
    }
    throw error;
  }
}
