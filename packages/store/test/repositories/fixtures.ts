import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, NewConnection, NewRun, NewUploadArtifact } from '../../src/schema';
import { oneRowPerTable } from '../one-row-per-table';

/** A fixed clock for repository tests; `later(ms)` is after it. */
export const t0 = new Date('2025-03-01T10:00:00.000Z');
export const later = (ms: number): Date => new Date(t0.getTime() + ms);

/** The owner every fixture row belongs to. */
export async function seedOwner(db: Kysely<Database>): Promise<void> {
  await db.insertInto('owners').values(oneRowPerTable.owners).execute();
}

/** A connection of `own_1`, created `ms` after t0. */
export function connection(
  id: string,
  ms: number,
  changes: Partial<NewConnection> = {},
): NewConnection {
  return {
    ...oneRowPerTable.connections,
    id,
    created_at: later(ms).toISOString(),
    updated_at: later(ms).toISOString(),
    ...changes,
  };
}

/** A queued run of `connectionId`, created `ms` after t0. */
export function run(
  id: string,
  connectionId: string,
  ms: number,
  changes: Partial<NewRun> = {},
): NewRun {
  return {
    ...oneRowPerTable.runs,
    id,
    connection_id: connectionId,
    status: 'queued',
    records_accepted: 0,
    claimed_by: null,
    claimed_at: null,
    heartbeat_at: null,
    attempts: 0,
    created_at: later(ms).toISOString(),
    started_at: null,
    finished_at: null,
    ...changes,
  };
}

/**
 * A staged, unclaimed artifact of `own_1` that expires a day after t0, with
 * bytes of its own (one staged copy per file is all the store keeps).
 */
export function artifact(id: string, changes: Partial<NewUploadArtifact> = {}): NewUploadArtifact {
  return {
    ...oneRowPerTable.upload_artifacts,
    id,
    sha256: createHash('sha256').update(id).digest('hex'),
    storage_path: `artifacts/${id}/chat.zip`,
    expires_at: later(86_400_000).toISOString(),
    ...changes,
  };
}
