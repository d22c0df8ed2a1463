import { openRunStatuses } from '@conn/setup-engine';
import { preparedQuery } from '../prepared-query';
import type { NewRun, RunRow } from '../schema';
import type { StoreDb } from './store-db';

/**
 * A run by id; with `connectionId`, only if it is that connection's (a
 * collector may act on its own runs only). `undefined` when there is none.
 *
 * @example
 * const run = await findRun(trx, runId, { connectionId: collector.connection_id });
 */
export async function findRun(
  db: StoreDb,
  runId: string,
  scope: { readonly connectionId?: string | undefined } = {},
): Promise<RunRow | undefined> {
  return db
    .selectFrom('runs')
    .selectAll()
    .where('id', '=', runId)
    .$if(scope.connectionId !== undefined, (qb) =>
      qb.where('connection_id', '=', scope.connectionId ?? ''),
    )
    .executeTakeFirst();
}

/**
 * A run the caller knows exists (it just claimed or wrote it); throws kysely's
 * `NoResultError` otherwise.
 *
 * @example
 * return summarizeRun(await getRun(trx, run.id));
 */
export async function getRun(db: StoreDb, runId: string): Promise<RunRow> {
  return db.selectFrom('runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
}

/**
 * Runs by id, in no particular order; unknown ids are left out.
 *
 * @example
 * const failed = await listRunsByIds(trx, recovery.failed);
 */
export async function listRunsByIds(db: StoreDb, runIds: readonly string[]): Promise<RunRow[]> {
  if (runIds.length === 0) return [];
  return db
    .selectFrom('runs')
    .selectAll()
    .where('id', 'in', [...runIds])
    .execute();
}

/** The query behind {@link findOpenRun}, for plan checks. */
export function openRunQuery(db: StoreDb, connectionId: string) {
  return db
    .selectFrom('runs')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .where('status', 'in', openRunStatuses)
    .orderBy('created_at', 'desc')
    .limit(1);
}

/**
 * The connection's queued or running run (the newest, should there be two), or `undefined`.
 *
 * @example
 * const live = await findOpenRun(trx, connection.id);
 * if (live !== undefined) return live;
 */
export async function findOpenRun(db: StoreDb, connectionId: string): Promise<RunRow | undefined> {
  return openRunQuery(db, connectionId).executeTakeFirst();
}

/** The query behind {@link findLatestRun}, for plan checks. */
export function latestRunQuery(db: StoreDb, connectionId: string) {
  return db
    .selectFrom('runs')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1);
}

/**
 * The connection's most recent run, whatever its status, or `undefined`.
 *
 * @example
 * const lastRun = await findLatestRun(trx, connection.id);
 */
export async function findLatestRun(
  db: StoreDb,
  connectionId: string,
): Promise<RunRow | undefined> {
  return latestRunQuery(db, connectionId).executeTakeFirst();
}

/** The query behind {@link listLatestRuns}, for plan checks. */
export function latestRunsQuery(db: StoreDb, connectionIds: readonly string[]) {
  return db
    .selectFrom('runs')
    .selectAll()
    .where('connection_id', 'in', [...connectionIds])
    .where((eb) =>
      eb(
        'id',
        '=',
        eb
          .selectFrom('runs as latest')
          .select('latest.id')
          .whereRef('latest.connection_id', '=', 'runs.connection_id')
          .orderBy('latest.created_at', 'desc')
          .orderBy('latest.id', 'desc')
          .limit(1),
      ),
    );
}

/**
 * The latest run of each of these connections (one correlated subquery on
 * `(connection_id, created_at, id)`); connections without a run are left out.
 *
 * @example
 * const runBy = new Map((await listLatestRuns(db, ids)).map((run) => [run.connection_id, run]));
 */
export async function listLatestRuns(
  db: StoreDb,
  connectionIds: readonly string[],
): Promise<RunRow[]> {
  if (connectionIds.length === 0) return [];
  return preparedLatestRuns(db, connectionIds);
}

const preparedLatestRuns = preparedQuery(latestRunsQuery);

/**
 * A run together with its connection's connector and its payload, for the
 * import worker; throws kysely's `NoResultError` when the run does not exist.
 *
 * @example
 * const { payload_json, connector } = await getRunPayload(db, run.id);
 */
export async function getRunPayload(
  db: StoreDb,
  runId: string,
): Promise<{ payload_json: string; connector: string }> {
  return db
    .selectFrom('runs')
    .innerJoin('connections', 'connections.id', 'runs.connection_id')
    .select(['runs.payload_json', 'connections.connector'])
    .where('runs.id', '=', runId)
    .executeTakeFirstOrThrow();
}

/** What a sync worker needs to open a run's credential: never the plaintext. */
export interface RunCredentialSource {
  run_status: string;
  connection_id: string;
  connector: string;
  /** The connection's status. */
  status: string;
  retired_at: string | null;
  fields_json: string;
  /** The vault envelope, or `null` when the connection has no credential. */
  sealed: string | null;
}

/**
 * A run with its connection and that connection's sealed credential (if any),
 * in one read; `undefined` when the run does not exist.
 *
 * @example
 * const source = await findRunCredentialSource(db, runId);
 */
export async function findRunCredentialSource(
  db: StoreDb,
  runId: string,
): Promise<RunCredentialSource | undefined> {
  return db
    .selectFrom('runs')
    .innerJoin('connections', 'connections.id', 'runs.connection_id')
    .leftJoin('credentials', 'credentials.connection_id', 'runs.connection_id')
    .select([
      'runs.status as run_status',
      'connections.id as connection_id',
      'connections.connector as connector',
      'connections.status as status',
      'connections.retired_at as retired_at',
      'connections.fields_json as fields_json',
      'credentials.sealed as sealed',
    ])
    .where('runs.id', '=', runId)
    .executeTakeFirst();
}

/**
 * Inserts a new run row (queued for a worker, or running for a device).
 *
 * @example
 * await insertRun(trx, run);
 */
export async function insertRun(db: StoreDb, row: NewRun): Promise<void> {
  await db.insertInto('runs').values(row).execute();
}

/** The query behind {@link listRecentRuns}, for plan checks. */
export function recentRunsQuery(db: StoreDb, connectionId: string, limit: number) {
  return db
    .selectFrom('runs')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit);
}

/**
 * The connection's newest runs, whatever their status, newest first.
 *
 * @example
 * const runs = await listRecentRuns(db, connection.id, 20);
 */
export async function listRecentRuns(
  db: StoreDb,
  connectionId: string,
  limit: number,
): Promise<RunRow[]> {
  return recentRunsQuery(db, connectionId, limit).execute();
}
