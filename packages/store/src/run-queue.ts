import type { RunStatus } from '@conn/setup-engine';
import type { Kysely } from 'kysely';
import type { Database, RunRow } from './schema';
import type { Store, StoreDialect } from './store';

/** The `error_code` of a run failed because its worker stopped heartbeating too often. */
export const workerLostErrorCode = 'worker_lost';

const queued: RunStatus = 'queued';
const running: RunStatus = 'running';
const failed: RunStatus = 'failed';

/** Who claims, which kinds of run it handles, and the clock. */
export interface ClaimRunOptions {
  /** A stable id for this worker (process), recorded in `claimed_by`. */
  readonly workerId: string;
  /** Claim only these run kinds (`first_sync`, `sync`, `import`); all kinds when omitted. */
  readonly kinds?: readonly string[];
  readonly now: Date;
}

/**
 * The oldest queued run (of `kinds`), as the claim sees it. On PostgreSQL the
 * row is locked `FOR UPDATE SKIP LOCKED`, so concurrent claimers in other
 * processes each get a different run instead of waiting on one another; on
 * SQLite the serialized `BEGIN IMMEDIATE` transaction gives the same guarantee.
 * Served by the `runs (status, created_at, id)` index.
 *
 * @example
 * const next = await nextQueuedRunQuery(trx, store.dialect).executeTakeFirst();
 */
export function nextQueuedRunQuery(
  db: Kysely<Database>,
  dialect: StoreDialect,
  kinds?: readonly string[],
) {
  return db
    .selectFrom('runs')
    .select('id')
    .where('status', '=', queued)
    .$if(kinds !== undefined, (qb) => qb.where('kind', 'in', kinds ?? []))
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .$if(dialect === 'postgres', (qb) => qb.forUpdate().skipLocked());
}

/**
 * Claims the oldest queued run for this worker: it becomes `running` with
 * `claimed_by`, `claimed_at`, `heartbeat_at` set and `attempts` incremented.
 * Two claimers (in one process or across processes sharing the database) never
 * get the same run. Resolves `undefined` when nothing is queued.
 *
 * @example
 * const run = await claimNextRun(store, { workerId, kinds: ['sync'], now: new Date() });
 * if (run) await work(run);
 */
export async function claimNextRun(
  store: Store,
  options: ClaimRunOptions,
): Promise<RunRow | undefined> {
  if (options.kinds !== undefined && options.kinds.length === 0) return undefined;
  return store.transaction((trx) => claimNextRunIn(trx, store.dialect, options));
}

/**
 * {@link claimNextRun} inside a caller's transaction, so what the claim means
 * (the run's published start) commits with it.
 *
 * @example
 * const run = await store.transaction((trx) => claimNextRunIn(trx, store.dialect, options));
 */
export async function claimNextRunIn(
  trx: Kysely<Database>,
  dialect: StoreDialect,
  options: ClaimRunOptions,
): Promise<RunRow | undefined> {
  if (options.kinds !== undefined && options.kinds.length === 0) return undefined;
  const now = options.now.toISOString();
  const next = await nextQueuedRunQuery(trx, dialect, options.kinds).executeTakeFirst();
  if (next === undefined) return undefined;
  return trx
    .updateTable('runs')
    .set((eb) => ({
      status: running,
      claimed_by: options.workerId,
      claimed_at: now,
      heartbeat_at: now,
      attempts: eb('attempts', '+', 1),
      started_at: eb.fn.coalesce('started_at', eb.val(now)),
    }))
    .where('id', '=', next.id)
    .where('status', '=', queued)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Records that the worker still works on its run. Resolves `false` when the run
 * is no longer this worker's running run (it was re-queued or failed as stale,
 * or cancelled): the worker must stop and write nothing more for it.
 *
 * @example
 * if (!(await heartbeatRun(store, { runId: run.id, workerId, now: new Date() }))) abort();
 */
export async function heartbeatRun(
  store: Store,
  options: { readonly runId: string; readonly workerId: string; readonly now: Date },
): Promise<boolean> {
  const result = await store.db
    .updateTable('runs')
    .set({ heartbeat_at: options.now.toISOString() })
    .where('id', '=', options.runId)
    .where('claimed_by', '=', options.workerId)
    .where('status', '=', running)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** What {@link requeueStaleRuns} did, by run id. */
export interface StaleRunRecovery {
  /** Back to `queued`, to be claimed again. */
  readonly requeued: readonly string[];
  /** `failed` with error code `worker_lost`: they had used up their attempts. */
  readonly failed: readonly string[];
}

/**
 * Recovers runs whose worker died: every `running` run whose heartbeat is older
 * than `staleBefore` goes back to `queued`, or, once it has been claimed
 * `maxAttempts` times, to `failed` with error code `worker_lost`, so the owner
 * sees a truthful terminal state rather than a run that is "running" forever.
 * A worker whose run was taken away learns it from {@link heartbeatRun}.
 *
 * @example
 * await requeueStaleRuns(store, {
 *   staleBefore: new Date(Date.now() - 60_000), maxAttempts: 3, now: new Date(),
 * });
 */
export async function requeueStaleRuns(
  store: Store,
  options: { readonly staleBefore: Date; readonly maxAttempts: number; readonly now?: Date },
): Promise<StaleRunRecovery> {
  const staleBefore = options.staleBefore.toISOString();
  const now = (options.now ?? new Date()).toISOString();
  return store.transaction(async (trx) => {
    // Each UPDATE re-checks status and heartbeat, so a heartbeat that lands
    // first keeps its run, and one that lands after finds the run gone.
    const failedRows = await failStaleRunsQuery(trx, {
      staleBefore,
      maxAttempts: options.maxAttempts,
      now,
    }).execute();
    const requeuedRows = await requeueStaleRunsQuery(trx, staleBefore).execute();
    return {
      requeued: requeuedRows.map((row) => row.id),
      failed: failedRows.map((row) => row.id),
    };
  });
}

/** Stale runs that used up their attempts become `failed` (`worker_lost`); resolves their ids. */
export function failStaleRunsQuery(
  db: Kysely<Database>,
  options: { readonly staleBefore: string; readonly maxAttempts: number; readonly now: string },
) {
  return db
    .updateTable('runs')
    .set({
      status: failed,
      error_code: workerLostErrorCode,
      error_message: `The worker running this run stopped responding; it was claimed ${options.maxAttempts} times and is not retried again.`,
      finished_at: options.now,
    })
    .where('status', '=', running)
    .where('heartbeat_at', '<', options.staleBefore)
    .where('attempts', '>=', options.maxAttempts)
    .returning('id');
}

/** The other stale runs go back to `queued`, unclaimed; resolves their ids. */
export function requeueStaleRunsQuery(db: Kysely<Database>, staleBefore: string) {
  return db
    .updateTable('runs')
    .set({ status: queued, claimed_by: null, claimed_at: null, heartbeat_at: null })
    .where('status', '=', running)
    .where('heartbeat_at', '<', staleBefore)
    .returning('id');
}

/**
 * Puts every run this worker is running back in the queue, for a graceful
 * shutdown that cannot finish its work; the claim does not count against
 * `maxAttempts`. Resolves the re-queued run ids.
 *
 * @example
 * process.once('SIGTERM', () => requeueWorkerRuns(store, { workerId }));
 */
export async function requeueWorkerRuns(
  store: Store,
  options: { readonly workerId: string },
): Promise<readonly string[]> {
  const rows = await store.db
    .updateTable('runs')
    // A clean hand-back is not a failed attempt: give the attempt back.
    .set((eb) => ({
      status: queued,
      claimed_by: null,
      claimed_at: null,
      heartbeat_at: null,
      attempts: eb('attempts', '-', 1),
    }))
    .where('claimed_by', '=', options.workerId)
    .where('status', '=', running)
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}
