import type { ConnectorRegistry } from '@conn/connectors';
import {
  AttentionReasonSchema,
  ConnectionStatusSchema,
  type CredentialMetadata,
  collectionSite,
  type Modality,
  ModalitySchema,
  projectSetupState,
  RetireReasonSchema,
  type SameAccount,
  type SetupFacts,
  type SetupState,
  type SetupStatus,
  type SyncHealth,
} from '@conn/setup-engine';
import {
  type ConnectionRow,
  countRecordsOf,
  listCredentialsOf,
  listLatestRuns,
  listLiveCollectorTokensOf,
  listSyncHealthOf,
  type SetupStatusRow,
  type StatusCredential,
  type StatusHealth,
  type StatusRun,
  type StoreDb,
} from '@conn/store';
import { summarizeRun } from '../runs/summarize-run';
import type { ServiceDeps } from '../service-deps';
import { syncIntervalOf } from '../syncs/sync-interval-of';
import { sameAccountsOf } from './same-accounts-of';

/**
 * Builds the setup-status view of each connection with five indexed queries
 * (six when some have an account: the same account held elsewhere)
 * for the whole batch (latest run, credential, live collector tokens, sync
 * health, record counts), whatever the batch size. The view is built field
 * by field from the schema's own type, with no field a secret could travel in.
 *
 * @example
 * const [status] = await loadSetupStatuses(trx, registry, [connection], now);
 */
export async function loadSetupStatuses(
  db: StoreDb,
  deps: Pick<ServiceDeps, 'registry' | 'syncIntervalMs'>,
  connections: readonly ConnectionRow[],
  now: Date,
): Promise<SetupStatus[]> {
  if (connections.length === 0) return [];
  const ids = connections.map((connection) => connection.id);
  // Only connections with an account can share one: none, no query.
  const withAccount = connections.filter((c) => c.account_id !== null).map((c) => c.id);
  const [factsOf, counts, sameOf] = await Promise.all([
    loadFacts(db, ids, now),
    countRecordsOf(db, ids),
    sameAccountsOf(db, withAccount),
  ]);
  const countBy = new Map(counts.map((row) => [row.connection_id, row.count]));
  return connections.map((connection) =>
    buildStatus(
      deps,
      connection,
      factsOf(connection.id),
      countBy.get(connection.id) ?? 0,
      sameOf.get(connection.id) ?? null,
    ),
  );
}

/**
 * The setup-status view of one connection from its {@link SetupStatusRow}
 * (one query: `findSetupStatusRow`), built exactly as {@link loadSetupStatuses} builds a batch's.
 *
 * @example
 * const status = setupStatusOfRow(deps, await findSetupStatusRow(db, ownerId, id), now, null);
 */
export function setupStatusOfRow(
  deps: Pick<ServiceDeps, 'registry' | 'syncIntervalMs'>,
  row: SetupStatusRow,
  now: Date,
  sameAccount: SameAccount | null,
): SetupStatus {
  const facts: Facts = {
    run: row.run,
    credential: row.credential,
    tokenSince: row.tokenSince,
    health: row.health,
    now,
  };
  return buildStatus(deps, row.connection, facts, row.records, sameAccount);
}

/**
 * Only the projected setup state of each connection, with four indexed
 * queries for the batch: what the event outbox stamps on each event, inside
 * the transaction that made the change.
 *
 * @example
 * const stateOf = await loadSetupStates(trx, [connection], now);
 */
export async function loadSetupStates(
  db: StoreDb,
  connections: readonly ConnectionRow[],
  now: Date,
): Promise<Map<string, SetupState>> {
  const factsOf = await loadFacts(
    db,
    connections.map((connection) => connection.id),
    now,
  );
  return new Map(
    connections.map((connection) => {
      const modality = ModalitySchema.parse(connection.modality);
      const facts = factsOf(connection.id);
      const projection = projectSetupState(
        setupFacts(connection, modality, facts, credentialPresent(modality, facts)),
      );
      return [connection.id, projection.setup_state];
    }),
  );
}

async function loadFacts(
  db: StoreDb,
  ids: readonly string[],
  now: Date,
): Promise<(connectionId: string) => Facts> {
  const [runs, credentials, tokens, healths] = await Promise.all([
    listLatestRuns(db, ids),
    listCredentialsOf(db, ids),
    listLiveCollectorTokensOf(db, ids),
    listSyncHealthOf(db, ids),
  ]);
  const healthBy = new Map(healths.map((row) => [row.connection_id, row]));
  const runBy = new Map(runs.map((run) => [run.connection_id, run]));
  const credentialBy = new Map(credentials.map((row) => [row.connection_id, row]));
  const tokenBy = new Map<string, string>();
  for (const token of tokens) {
    if (!tokenBy.has(token.connection_id)) tokenBy.set(token.connection_id, token.created_at);
  }
  return (connectionId) => ({
    run: runBy.get(connectionId) ?? null,
    credential: credentialBy.get(connectionId) ?? null,
    tokenSince: tokenBy.get(connectionId) ?? null,
    health: healthBy.get(connectionId) ?? null,
    now,
  });
}

/** A sealed credential, or (device collectors) a live collector token, is held. */
function credentialPresent(modality: Modality, facts: Facts): boolean {
  if (facts.credential !== null) return true;
  return collectionSite(modality) === 'device' && facts.tokenSince !== null;
}

function setupFacts(
  connection: ConnectionRow,
  modality: Modality,
  facts: Facts,
  present: boolean,
): SetupFacts {
  const run = facts.run;
  return {
    modality,
    connection: {
      id: connection.id,
      status: ConnectionStatusSchema.parse(connection.status),
      retired_reason:
        connection.retired_reason === null
          ? null
          : RetireReasonSchema.parse(connection.retired_reason),
      expires_at: connection.expires_at,
    },
    credential_present: present,
    run: run === null ? null : { status: summarizeRun(run).status, error_code: run.error_code },
    attention_reason:
      facts.health?.attention_reason == null
        ? null
        : AttentionReasonSchema.parse(facts.health.attention_reason),
    now: facts.now,
  };
}

interface Facts {
  run: StatusRun | null;
  credential: StatusCredential | null;
  /** When the live collector token was issued, if one is. */
  tokenSince: string | null;
  health: StatusHealth | null;
  now: Date;
}

function buildStatus(
  deps: Pick<ServiceDeps, 'registry' | 'syncIntervalMs'>,
  connection: ConnectionRow,
  facts: Facts,
  records: number,
  sameAccount: SameAccount | null,
): SetupStatus {
  const modality = ModalitySchema.parse(connection.modality);
  const status = ConnectionStatusSchema.parse(connection.status);
  const credential = credentialMetadata(deps.registry, connection, modality, facts);
  const run = facts.run === null ? null : summarizeRun(facts.run);
  const projection = projectSetupState(
    setupFacts(connection, modality, facts, credentialPresent(modality, facts)),
  );
  const hasAccount = connection.account_id !== null || connection.account_label !== null;
  // Every field is named here (no row is spread in), so nothing a secret could
  // travel in reaches the output; the route's serializer checks the schema once.
  return {
    connection_id: connection.id,
    connector: connection.connector,
    modality,
    label: connection.label ?? connection.account_label,
    account: hasAccount ? { id: connection.account_id, label: connection.account_label } : null,
    same_account: sameAccount,
    status,
    setup_state: projection.setup_state,
    unproven: connection.unproven === 1,
    run,
    records_total: records,
    credential,
    health: syncHealth(deps, connection, facts.health, facts.now),
    remediation: projection.remediation,
    expires_at: connection.expires_at,
    activated_at: connection.activated_at,
    revoked_at: connection.revoked_at,
    created_at: connection.created_at,
  } satisfies SetupStatus;
}

/** A live connection's health; null until its first run ended, and once it is revoked. */
function syncHealth(
  deps: Pick<ServiceDeps, 'registry' | 'syncIntervalMs'>,
  connection: ConnectionRow,
  row: StatusHealth | null,
  now: Date,
): SyncHealth | null {
  if (row === null || connection.status === 'draft' || connection.status === 'revoked') return null;
  const intervalMs = syncIntervalOf(deps, connection.connector);
  if (intervalMs === null) return null;
  return {
    interval_seconds: Math.round(intervalMs / 1000),
    last_success_at: row.last_success_at,
    last_failure_at: row.last_failure_at,
    consecutive_failures: row.consecutive_failures,
    next_sync_at: row.next_sync_at,
    // Stale once three intervals passed without a success, whatever else the connection needs.
    stale:
      row.attention_reason !== null ||
      (row.stale_at !== null && Date.parse(row.stale_at) <= now.getTime()),
  };
}

function credentialMetadata(
  registry: ConnectorRegistry,
  connection: ConnectionRow,
  modality: Modality,
  facts: Facts,
): CredentialMetadata | null {
  const row = facts.credential;
  if (row !== null) {
    return {
      kind: row.kind,
      present: true,
      fingerprint: row.fingerprint,
      validated_at: row.validated_at,
      rotated_at: row.rotated_at,
      expires_at: row.expires_at,
    };
  }
  // Device collectors hold a collector token rather than a sealed secret.
  if (collectionSite(modality) === 'device') {
    return facts.tokenSince === null
      ? {
          kind: 'collector_token',
          present: false,
          fingerprint: null,
          validated_at: null,
          rotated_at: null,
          expires_at: null,
        }
      : {
          kind: 'collector_token',
          present: true,
          fingerprint: null,
          validated_at: facts.tokenSince,
          rotated_at: null,
          expires_at: null,
        };
  }
  if (modality === 'static_secret') {
    const setup = registry.get(connection.connector)?.manifest.setup;
    const kind = setup?.modality === 'static_secret' ? setup.credential_kind : 'secret_bundle';
    return {
      kind,
      present: false,
      fingerprint: null,
      validated_at: null,
      rotated_at: null,
      expires_at: null,
    };
  }
  return null;
}
