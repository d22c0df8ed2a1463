import { type ExpressionBuilder, SqliteAdapter } from 'kysely';
import { preparedQuery } from '../prepared-query';
import type { ConnectionRow, CredentialRow, Database, RunRow, SyncHealthRow } from '../schema';
import type { StoreDb } from './store-db';

/** The run columns a setup-status view shows. */
export type StatusRun = Pick<
  RunRow,
  | 'id'
  | 'connection_id'
  | 'kind'
  | 'status'
  | 'stage'
  | 'records_accepted'
  | 'error_code'
  | 'created_at'
  | 'finished_at'
  | 'undone_at'
>;

/** The credential columns a setup-status view shows: metadata, never the sealed envelope. */
export type StatusCredential = Pick<
  CredentialRow,
  'kind' | 'fingerprint' | 'validated_at' | 'rotated_at' | 'expires_at'
>;

/** The sync-health columns a setup-status view shows. */
export type StatusHealth = Pick<
  SyncHealthRow,
  | 'last_success_at'
  | 'last_failure_at'
  | 'consecutive_failures'
  | 'next_sync_at'
  | 'stale_at'
  | 'attention_reason'
>;

/** Everything one connection's setup-status is built from, read at once. */
export interface SetupStatusRow {
  connection: ConnectionRow;
  /** The latest run, if any. */
  run: StatusRun | null;
  credential: StatusCredential | null;
  /** When the newest live collector token was issued, if one is. */
  tokenSince: string | null;
  health: StatusHealth | null;
  /** Records held, across streams (the kept counts, never a count of records). */
  records: number;
}

/**
 * One of the owner's connections with the facts of its setup-status — latest
 * run, credential metadata, live collector token, sync health and record
 * count — in one indexed query (a status read is the hot path an agent
 * polls); `undefined` when it does not exist or is another owner's.
 *
 * @example
 * const row = await findSetupStatusRow(db, ownerId, connectionId);
 */
export async function findSetupStatusRow(
  db: StoreDb,
  ownerId: string,
  connectionId: string,
): Promise<SetupStatusRow | undefined> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const [row] = sqlite
    ? await preparedSubqueryRow(db, connectionId, ownerId)
    : await preparedJoinRow(db, connectionId, ownerId);
  if (row === undefined) return undefined;
  const {
    latest_run_id,
    latest_run_connection_id,
    latest_run_kind,
    latest_run_status,
    latest_run_stage,
    latest_run_records_accepted,
    latest_run_error_code,
    latest_run_created_at,
    latest_run_finished_at,
    latest_run_undone_at,
    credential_kind,
    credential_fingerprint,
    credential_validated_at,
    credential_rotated_at,
    credential_expires_at,
    health_connection_id,
    health_last_success_at,
    health_last_failure_at,
    health_consecutive_failures,
    health_next_sync_at,
    health_stale_at,
    health_attention_reason,
    token_since,
    records_total,
    ...connection
  } = row;
  return {
    connection,
    run:
      latest_run_id === null
        ? null
        : {
            id: latest_run_id,
            connection_id: latest_run_connection_id!,
            kind: latest_run_kind!,
            status: latest_run_status!,
            stage: latest_run_stage,
            records_accepted: Number(latest_run_records_accepted),
            error_code: latest_run_error_code,
            created_at: latest_run_created_at!,
            finished_at: latest_run_finished_at,
            undone_at: latest_run_undone_at,
          },
    credential:
      credential_kind === null
        ? null
        : {
            kind: credential_kind,
            fingerprint: credential_fingerprint!,
            validated_at: credential_validated_at,
            rotated_at: credential_rotated_at,
            expires_at: credential_expires_at,
          },
    tokenSince: token_since,
    health:
      health_connection_id === null
        ? null
        : {
            last_success_at: health_last_success_at,
            last_failure_at: health_last_failure_at,
            consecutive_failures: Number(health_consecutive_failures),
            next_sync_at: health_next_sync_at,
            stale_at: health_stale_at,
            attention_reason: health_attention_reason,
          },
    records: Number(records_total ?? 0),
  };
}

// Two spellings of one row, measured: SQLite runs these left joins about ten
// times slower than the same index lookups as scalar subqueries, and
// PostgreSQL plans the 22 subqueries about twice as slowly as the joins.
const runColumns = [
  'id',
  'connection_id',
  'kind',
  'status',
  'stage',
  'records_accepted',
  'error_code',
  'created_at',
  'finished_at',
  'undone_at',
] as const satisfies readonly (keyof StatusRun)[];
const credentialColumns = [
  'kind',
  'fingerprint',
  'validated_at',
  'rotated_at',
  'expires_at',
] as const satisfies readonly (keyof StatusCredential)[];
const healthColumns = [
  'connection_id',
  'last_success_at',
  'last_failure_at',
  'consecutive_failures',
  'next_sync_at',
  'stale_at',
  'attention_reason',
] as const satisfies readonly (keyof StatusHealth | 'connection_id')[];

type Scope = ExpressionBuilder<Database, 'connections'>;

function latestRunId(eb: Scope) {
  return eb
    .selectFrom('runs as latest')
    .select('latest.id')
    .whereRef('latest.connection_id', '=', 'connections.id')
    .orderBy('latest.created_at', 'desc')
    .orderBy('latest.id', 'desc')
    .limit(1);
}

function runColumn<C extends (typeof runColumns)[number]>(eb: Scope, column: C) {
  return eb
    .selectFrom('runs')
    .select(`runs.${column}` as `runs.${C}`)
    .where('runs.id', '=', latestRunId(eb))
    .as(`latest_run_${column}`);
}

function credentialColumn<C extends (typeof credentialColumns)[number]>(eb: Scope, column: C) {
  return eb
    .selectFrom('credentials')
    .select(`credentials.${column}` as `credentials.${C}`)
    .whereRef('credentials.connection_id', '=', 'connections.id')
    .as(`credential_${column}`);
}

function healthColumn<C extends (typeof healthColumns)[number]>(eb: Scope, column: C) {
  return eb
    .selectFrom('sync_health')
    .select(`sync_health.${column}` as `sync_health.${C}`)
    .whereRef('sync_health.connection_id', '=', 'connections.id')
    .as(`health_${column}`);
}

/** The query behind {@link findSetupStatusRow} on SQLite, for plan checks. */
export function setupStatusRowQuery(db: StoreDb, connectionId: string, ownerId: string) {
  return db
    .selectFrom('connections')
    .selectAll('connections')
    .select((eb) => [
      runColumn(eb, 'id'),
      runColumn(eb, 'connection_id'),
      runColumn(eb, 'kind'),
      runColumn(eb, 'status'),
      runColumn(eb, 'stage'),
      runColumn(eb, 'records_accepted'),
      runColumn(eb, 'error_code'),
      runColumn(eb, 'created_at'),
      runColumn(eb, 'finished_at'),
      runColumn(eb, 'undone_at'),
      credentialColumn(eb, 'kind'),
      credentialColumn(eb, 'fingerprint'),
      credentialColumn(eb, 'validated_at'),
      credentialColumn(eb, 'rotated_at'),
      credentialColumn(eb, 'expires_at'),
      healthColumn(eb, 'connection_id'),
      healthColumn(eb, 'last_success_at'),
      healthColumn(eb, 'last_failure_at'),
      healthColumn(eb, 'consecutive_failures'),
      healthColumn(eb, 'next_sync_at'),
      healthColumn(eb, 'stale_at'),
      healthColumn(eb, 'attention_reason'),
      eb
        .selectFrom('collector_tokens')
        .select((tokens) => tokens.fn.max('collector_tokens.created_at').as('since'))
        .whereRef('collector_tokens.connection_id', '=', 'connections.id')
        .where('collector_tokens.revoked_at', 'is', null)
        .as('token_since'),
      eb
        .selectFrom('record_counts')
        .select((counts) => counts.fn.sum<number | string | null>('record_counts.records').as('n'))
        .whereRef('record_counts.connection_id', '=', 'connections.id')
        .as('records_total'),
    ])
    .where('connections.id', '=', connectionId)
    .where('connections.owner_id', '=', ownerId);
}

/** The query behind {@link findSetupStatusRow} on PostgreSQL: the same row with left joins. */
export function setupStatusRowJoinQuery(db: StoreDb, connectionId: string, ownerId: string) {
  return db
    .selectFrom('connections')
    .leftJoin('runs', (join) =>
      join.on((eb) =>
        eb(
          'runs.id',
          '=',
          eb
            .selectFrom('runs as latest')
            .select('latest.id')
            .whereRef('latest.connection_id', '=', 'connections.id')
            .orderBy('latest.created_at', 'desc')
            .orderBy('latest.id', 'desc')
            .limit(1),
        ),
      ),
    )
    .leftJoin('credentials', 'credentials.connection_id', 'connections.id')
    .leftJoin('sync_health', 'sync_health.connection_id', 'connections.id')
    .selectAll('connections')
    .select([
      'runs.id as latest_run_id',
      'runs.connection_id as latest_run_connection_id',
      'runs.kind as latest_run_kind',
      'runs.status as latest_run_status',
      'runs.stage as latest_run_stage',
      'runs.records_accepted as latest_run_records_accepted',
      'runs.error_code as latest_run_error_code',
      'runs.created_at as latest_run_created_at',
      'runs.finished_at as latest_run_finished_at',
      'runs.undone_at as latest_run_undone_at',
      'credentials.kind as credential_kind',
      'credentials.fingerprint as credential_fingerprint',
      'credentials.validated_at as credential_validated_at',
      'credentials.rotated_at as credential_rotated_at',
      'credentials.expires_at as credential_expires_at',
      'sync_health.connection_id as health_connection_id',
      'sync_health.last_success_at as health_last_success_at',
      'sync_health.last_failure_at as health_last_failure_at',
      'sync_health.consecutive_failures as health_consecutive_failures',
      'sync_health.next_sync_at as health_next_sync_at',
      'sync_health.stale_at as health_stale_at',
      'sync_health.attention_reason as health_attention_reason',
    ])
    .select((eb) => [
      eb
        .selectFrom('collector_tokens')
        .select((tokens) => tokens.fn.max('collector_tokens.created_at').as('since'))
        .whereRef('collector_tokens.connection_id', '=', 'connections.id')
        .where('collector_tokens.revoked_at', 'is', null)
        .as('token_since'),
      eb
        .selectFrom('record_counts')
        .select((counts) => counts.fn.sum<number | string | null>('record_counts.records').as('n'))
        .whereRef('record_counts.connection_id', '=', 'connections.id')
        .as('records_total'),
    ])
    .where('connections.id', '=', connectionId)
    .where('connections.owner_id', '=', ownerId);
}

const preparedSubqueryRow = preparedQuery(setupStatusRowQuery);
const preparedJoinRow = preparedQuery(setupStatusRowJoinQuery);
