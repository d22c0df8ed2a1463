import { isProofGated, ModalitySchema } from '@conn/setup-engine';
import {
  type ConnectionRow,
  countConnectionRecords,
  hasRecordedProof,
  type StoreDb,
} from '@conn/store';
import type { Actor } from '../service-deps';
import { writeAuditEvent } from '../shared/audit-event';
import { recordProofOnce } from './record-proof';

/**
 * Records the deployment's proof for a proof-gated path whose connection was
 * already active when its first records arrived: a provider authorization
 * turns active at the callback (token exchange + identity), and its proof is
 * the first run whose records were then accepted. Runs inside the ingest
 * transaction; a no-op (one indexed read) once the proof exists. True when
 * this call recorded it.
 *
 * @example
 * if (!outcome.activated && from === 'active' && run) await recordLateProof(trx, now, connection, run.id, actor);
 */
export async function recordLateProof(
  db: StoreDb,
  now: Date,
  connection: ConnectionRow,
  runId: string,
  actor: Actor,
): Promise<boolean> {
  const modality = ModalitySchema.parse(connection.modality);
  if (!isProofGated(modality) || connection.status !== 'active') return false;
  if (await hasRecordedProof(db, connection.connector, modality)) return false;
  const recordCount = await countConnectionRecords(db, connection.id);
  if (recordCount === 0) return false;
  const recorded = await recordProofOnce(db, now, {
    ownerId: connection.owner_id,
    connector: connection.connector,
    modality,
    connectionId: connection.id,
    runId,
    recordCount,
  });
  if (recorded) {
    await writeAuditEvent(db, now, {
      ownerId: connection.owner_id,
      actor,
      action: 'proof.recorded',
      connectionId: connection.id,
      details: { run_id: runId, records: recordCount, connector: connection.connector },
    });
  }
  return recorded;
}
