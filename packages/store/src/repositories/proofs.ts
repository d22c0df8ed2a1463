import { preparedQuery } from '../prepared-query';
import type { NewProof, ProofRow } from '../schema';
import type { StoreDb } from './store-db';

/**
 * Whether a proof exists for this connector and modality (there is at most one).
 *
 * @example
 * if (await hasRecordedProof(db, connection.connector, modality)) return false;
 */
export async function hasRecordedProof(
  db: StoreDb,
  connector: string,
  modality: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('proofs')
    .select('id')
    .where('connector', '=', connector)
    .where('modality', '=', modality)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Inserts the first proof of a connector and modality; a later one (even a
 * concurrent one) is dropped by the unique index. Resolves whether this call recorded it.
 *
 * @example
 * const recorded = await insertProofOnce(trx, { id: newId('prf'), connector, modality, … });
 */
export async function insertProofOnce(db: StoreDb, row: NewProof): Promise<boolean> {
  const inserted = await db
    .insertInto('proofs')
    .values(row)
    .onConflict((conflict) => conflict.doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/**
 * Every recorded proof, for planning (which proof-gated paths are proven here).
 *
 * @example
 * const proofs = await listProofs(store.db);
 */
export async function listProofs(db: StoreDb): Promise<Omit<ProofRow, 'id'>[]> {
  return proofsQuery(db);
}

// Planning reads it on every intent and plan: compiled once.
const proofsQuery = preparedQuery((db) =>
  db
    .selectFrom('proofs')
    .select(['connector', 'modality', 'connection_id', 'run_id', 'record_count', 'recorded_at']),
);
