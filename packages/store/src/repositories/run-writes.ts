import type { RunStatus } from '@conn/setup-engine';
import { openRunStatuses } from '@conn/setup-engine';
import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../schema';
import type { StoreDb } from './store-db';

const queued: RunStatus = 'queued';
const running: RunStatus = 'running';
const cancelled: RunStatus = 'cancelled';

// Every write that (re)starts a run keeps the first start time: `coalesce` in
// SQL, so it never depends on a value the caller read earlier.

/**
 * Hands a connection's open run to a device collector (a new device takes over
 * instead of leaving two runs): it becomes `running`, claimed by `claimedBy`
 * (`collector:<token id>`) with a fresh claim and heartbeat.
 *
 * @example
 * await takeOverRun(trx, live.id, { claimedBy: `collector:${tokenId}`, now });
 */
export async function takeOverRun(
  db: StoreDb,
  runId: string,
  claim: { readonly claimedBy: string; readonly now: Date },
): Promise<void> {
  const stamp = claim.now.toISOString();
  await db
    .updateTable('runs')
    .set((eb) => ({
      claimed_by: claim.claimedBy,
      claimed_at: stamp,
      heartbeat_at: stamp,
      status: running,
      started_at: eb.fn.coalesce('started_at', eb.val(stamp)),
    }))
    .where('id', '=', runId)
    .execute();
}

/**
 * Replaces a run's payload (artifact ids, import counts…: never a secret).
 *
 * @example
 * await setRunPayload(trx, run.id, JSON.stringify({ artifact_ids: ids }));
 */
export async function setRunPayload(
  db: StoreDb,
  runId: string,
  payloadJson: string,
): Promise<void> {
  await db.updateTable('runs').set({ payload_json: payloadJson }).where('id', '=', runId).execute();
}

/**
 * Starts a queued run (queued → running) with a first heartbeat; a run that is
 * no longer queued is left alone. Resolves whether it was started.
 *
 * @example
 * await startQueuedRun(trx, run.id, now);
 */
export async function startQueuedRun(db: StoreDb, runId: string, now: Date): Promise<boolean> {
  const stamp = now.toISOString();
  const result = await db
    .updateTable('runs')
    .set((eb) => ({
      status: running,
      started_at: eb.fn.coalesce('started_at', eb.val(stamp)),
      heartbeat_at: stamp,
    }))
    .where('id', '=', runId)
    .where('status', '=', queued)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** `column`, or `floor` when that is larger, computed by the database (portable CASE, no GREATEST/MAX(a,b)). */
function atLeast(
  eb: ExpressionBuilder<Database, 'runs'>,
  column: 'records_accepted' | 'records_rejected',
  floor: number,
) {
  return eb.case().when(column, '<', floor).then(floor).else(eb.ref(column)).end();
}

/**
 * Records an open run's progress as a heartbeat: its stage, `running`, and
 * counts raised (never lowered) to the collector's own. The counts are raised
 * in SQL, so a concurrent ingest's increment is never overwritten by a stale
 * read. A finished run is left alone; resolves whether the run was open.
 *
 * @example
 * await recordRunProgress(trx, run.id, { stage: 'repositories', accepted: 120, now });
 */
export async function recordRunProgress(
  db: StoreDb,
  runId: string,
  progress: {
    readonly stage: string;
    readonly accepted?: number | undefined;
    readonly rejected?: number | undefined;
    readonly now: Date;
  },
): Promise<boolean> {
  const stamp = progress.now.toISOString();
  const result = await db
    .updateTable('runs')
    .set((eb) => ({
      status: running,
      stage: progress.stage,
      started_at: eb.fn.coalesce('started_at', eb.val(stamp)),
      heartbeat_at: stamp,
      records_accepted: atLeast(eb, 'records_accepted', progress.accepted ?? 0),
      records_rejected: atLeast(eb, 'records_rejected', progress.rejected ?? 0),
    }))
    .where('id', '=', runId)
    .where('status', 'in', openRunStatuses)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Adds an ingested batch to a run's counts (in SQL, so concurrent batches add
 * up) and marks it running with a heartbeat. With a `checkpoint` (the
 * collector's cursor after this batch) the run also remembers where to
 * resume and its counts at that point, in the batch's own transaction. A run
 * that ended meanwhile (the owner cancelled it) is left alone: resolves
 * whether the run was still open, so the caller rolls the batch back.
 *
 * @example
 * await recordRunIngest(trx, run.id, { accepted: 480, rejected: 2, checkpoint: cursor, now });
 */
export async function recordRunIngest(
  db: StoreDb,
  runId: string,
  batch: {
    readonly accepted: number;
    readonly rejected: number;
    readonly checkpoint?: string | undefined;
    readonly now: Date;
  },
): Promise<boolean> {
  const stamp = batch.now.toISOString();
  const { checkpoint } = batch;
  const result = await db
    .updateTable('runs')
    .set((eb) => ({
      records_accepted: eb('records_accepted', '+', batch.accepted),
      records_rejected: eb('records_rejected', '+', batch.rejected),
      status: running,
      started_at: eb.fn.coalesce('started_at', eb.val(stamp)),
      heartbeat_at: stamp,
      // SET reads the row as it was: these are the counts after this batch.
      ...(checkpoint === undefined
        ? {}
        : {
            checkpoint_cursor: checkpoint,
            checkpoint_accepted: eb('records_accepted', '+', batch.accepted),
            checkpoint_rejected: eb('records_rejected', '+', batch.rejected),
          }),
    }))
    .where('id', '=', runId)
    .where('status', 'in', openRunStatuses)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Sets a run just claimed again back to its checkpoint: its counts become
 * those stored with its last cursor (zero without one), since the collector
 * re-reads, and so re-counts, everything after it. Resolves the cursor to
 * resume from, or null to start over.
 *
 * @example
 * const cursor = await rewindRunToCheckpoint(db, run.id);
 */
export async function rewindRunToCheckpoint(db: StoreDb, runId: string): Promise<string | null> {
  const row = await db
    .updateTable('runs')
    .set((eb) => ({
      records_accepted: eb.ref('checkpoint_accepted'),
      records_rejected: eb.ref('checkpoint_rejected'),
    }))
    .where('id', '=', runId)
    .returning('checkpoint_cursor')
    .executeTakeFirst();
  return row?.checkpoint_cursor ?? null;
}

/**
 * Ends a run that is still open with `status` (succeeded, failed or
 * cancelled). Resolves `false` when it had already ended: nothing was written.
 *
 * @example
 * if (!(await finishOpenRun(trx, run.id, { status: 'failed', errorCode: 'sync_failed', now }))) refuse();
 */
export async function finishOpenRun(
  db: StoreDb,
  runId: string,
  end: { readonly status: RunStatus; readonly errorCode: string | null; readonly now: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('runs')
    .set({ status: end.status, error_code: end.errorCode, finished_at: end.now.toISOString() })
    .where('id', '=', runId)
    .where('status', 'in', openRunStatuses)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Marks a finished run undone (its records were just deleted). Resolves
 * `false` when it was open or already undone: nothing was written.
 *
 * @example
 * if (!(await markRunUndone(trx, run.id, now))) throw notUndoable();
 */
export async function markRunUndone(db: StoreDb, runId: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('runs')
    .set({ undone_at: now.toISOString() })
    .where('id', '=', runId)
    .where('status', 'not in', openRunStatuses)
    .where('undone_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Cancels every open run of a connection with `errorCode` (`expired`, or why
 * collection stopped). Resolves how many runs were cancelled.
 *
 * @example
 * const cancelled = await cancelOpenRuns(trx, connection.id, { errorCode: 'revoked', now });
 */
export async function cancelOpenRuns(
  db: StoreDb,
  connectionId: string,
  cancel: { readonly errorCode: string; readonly now: Date },
): Promise<number> {
  const result = await db
    .updateTable('runs')
    .set({ status: cancelled, error_code: cancel.errorCode, finished_at: cancel.now.toISOString() })
    .where('connection_id', '=', connectionId)
    .where('status', 'in', openRunStatuses)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
