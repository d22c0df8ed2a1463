import type { Modality } from '@conn/setup-engine';
import { hasRecordedProof, insertProofOnce, newId, type StoreDb } from '@conn/store';
import { raiseEvent } from '../events/raise-event';

/** The evidence a first real success leaves behind. */
export interface ProofEvidence {
  ownerId: string;
  connector: string;
  modality: Modality;
  connectionId: string;
  runId: string;
  recordCount: number;
}

/**
 * Records the deployment's proof for (connector, modality) unless one exists.
 * Runs inside the activation transaction. Two activations racing for the
 * first proof are settled by the unique index on (connector, modality):
 * the insert does nothing on conflict, so the loser's transaction stays
 * usable (on PostgreSQL a failed insert would abort it). True when this call
 * recorded it, and then `proof_recorded` is published with it.
 *
 * @example
 * if (await recordProofOnce(trx, now, evidence)) log('first proof for', evidence.connector);
 */
export async function recordProofOnce(
  db: StoreDb,
  now: Date,
  evidence: ProofEvidence,
): Promise<boolean> {
  if (await hasRecordedProof(db, evidence.connector, evidence.modality)) return false;
  const recorded = await insertProofOnce(db, {
    id: newId('prf'),
    connector: evidence.connector,
    modality: evidence.modality,
    connection_id: evidence.connectionId,
    run_id: evidence.runId,
    record_count: evidence.recordCount,
    recorded_at: now.toISOString(),
  });
  if (recorded) {
    raiseEvent(db, evidence.ownerId, now, {
      type: 'proof_recorded',
      connector: evidence.connector,
      connection_id: evidence.connectionId,
      run_id: evidence.runId,
    });
  }
  return recorded;
}
