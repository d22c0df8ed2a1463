import {
  ConnError,
  isOpenRun,
  openRunStatuses,
  type ProgressRequest,
  ProgressRequestSchema,
  type RunSummary,
} from '@conn/setup-engine';
import type { Database, RunRow } from '@conn/store';
import type { ExpressionBuilder, Kysely } from 'kysely';
import { summarizeRun } from './queue-run';
import type { ServiceDeps } from './service-deps';

/** Binds a run call to the connection its caller is allowed to act for (a collector's). */
export interface RunScope {
  connectionId?: string;
}

/**
 * Marks a run as started (queued → running). Starting a running run is a
 * no-op; a finished one is `run_not_claimable`.
 *
 * @example
 * await services.startRun(runId, { connectionId: collector.connection_id });
 */
export async function startRun(
  deps: ServiceDeps,
  runId: string,
  scope: RunScope = {},
): Promise<RunSummary> {
  const stamp = deps.clock().toISOString();
  return deps.store.transaction(async (trx) => {
    const run = await openRun(trx, runId, scope);
    if (run.status === 'queued') {
      await trx
        .updateTable('runs')
        .set({ status: 'running', started_at: run.started_at ?? stamp, heartbeat_at: stamp })
        .where('id', '=', run.id)
        .where('status', '=', 'queued')
        .execute();
    }
    return summarizeRun(await reload(trx, run.id));
  });
}

/**
 * Records a run's progress for setup-status views: a short stage name and,
 * optionally, the collector's own counts. Counts only ever go up (ingest
 * counts accepted records itself), and every report is a heartbeat.
 *
 * @example
 * await services.reportProgress(runId, { stage: 'repositories', counts: { accepted: 120 } });
 */
export async function reportProgress(
  deps: ServiceDeps,
  runId: string,
  input: ProgressRequest,
  scope: RunScope = {},
): Promise<RunSummary> {
  const parsed = ProgressRequestSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConnError('invalid_request', 'Progress needs a stage name of 1 to 120 characters.');
  }
  const { stage, counts } = parsed.data;
  const stamp = deps.clock().toISOString();
  return deps.store.transaction(async (trx) => {
    const run = await openRun(trx, runId, scope);
    await trx
      .updateTable('runs')
      .set((eb) => ({
        status: 'running',
        stage,
        started_at: run.started_at ?? stamp,
        heartbeat_at: stamp,
        // Raised in SQL, never written from the value read above: a concurrent ingest may have added to it.
        records_accepted: atLeast(eb, 'records_accepted', counts?.accepted ?? 0),
        records_rejected: atLeast(eb, 'records_rejected', counts?.rejected ?? 0),
      }))
      .where('id', '=', run.id)
      .where('status', 'in', openRunStatuses)
      .execute();
    return summarizeRun(await reload(trx, run.id));
  });
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
 * A run that may still change, within the caller's scope. Another
 * connection's run is `run_not_found`; a finished one `run_not_claimable`.
 *
 * @example
 * const run = await openRun(trx, runId, { connectionId });
 */
export async function openRun(
  db: Kysely<Database>,
  runId: string,
  scope: RunScope,
): Promise<RunRow> {
  const run = await db
    .selectFrom('runs')
    .selectAll()
    .where('id', '=', runId)
    .$if(scope.connectionId !== undefined, (query) =>
      query.where('connection_id', '=', scope.connectionId ?? ''),
    )
    .executeTakeFirst();
  if (run === undefined) throw new ConnError('run_not_found', 'There is no such run.');
  if (!isOpenRun(run.status)) {
    throw new ConnError('run_not_claimable', 'This run has already finished.', {
      run_status: run.status,
    });
  }
  return run;
}

async function reload(db: Kysely<Database>, runId: string): Promise<RunRow> {
  return db.selectFrom('runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
}
