import type { ConnectorRegistry } from '@conn/connectors';
import {
  ConnectionStatusSchema,
  type CredentialMetadata,
  collectionSite,
  type Modality,
  ModalitySchema,
  projectSetupState,
  RetireReasonSchema,
  type SetupStatus,
  SetupStatusSchema,
} from '@conn/setup-engine';
import {
  type ConnectionRow,
  type CredentialRow,
  countRecordsOf,
  listCredentialsOf,
  listLatestRuns,
  listLiveCollectorTokensOf,
  type RunRow,
  type StoreDb,
} from '@conn/store';
import { summarizeRun } from '../runs/summarize-run';

/**
 * Builds the setup-status view of each connection with four indexed queries
 * for the whole batch (latest run, credential, live collector tokens, record
 * counts), whatever the batch size. The output is parsed by
 * `SetupStatusSchema`, which has no field a secret could travel in.
 *
 * @example
 * const [status] = await loadSetupStatuses(trx, registry, [connection], now);
 */
export async function loadSetupStatuses(
  db: StoreDb,
  registry: ConnectorRegistry,
  connections: readonly ConnectionRow[],
  now: Date,
): Promise<SetupStatus[]> {
  if (connections.length === 0) return [];
  const ids = connections.map((connection) => connection.id);
  const [runs, credentials, tokens, counts] = await Promise.all([
    listLatestRuns(db, ids),
    listCredentialsOf(db, ids),
    listLiveCollectorTokensOf(db, ids),
    countRecordsOf(db, ids),
  ]);
  const runBy = new Map(runs.map((run) => [run.connection_id, run]));
  const credentialBy = new Map(credentials.map((row) => [row.connection_id, row]));
  const tokenBy = new Map<string, string>();
  for (const token of tokens) {
    if (!tokenBy.has(token.connection_id)) tokenBy.set(token.connection_id, token.created_at);
  }
  const countBy = new Map(counts.map((row) => [row.connection_id, row.count]));
  return connections.map((connection) =>
    buildStatus(registry, connection, {
      run: runBy.get(connection.id) ?? null,
      credential: credentialBy.get(connection.id) ?? null,
      tokenSince: tokenBy.get(connection.id) ?? null,
      records: countBy.get(connection.id) ?? 0,
      now,
    }),
  );
}

interface Facts {
  run: RunRow | null;
  credential: CredentialRow | null;
  /** When the live collector token was issued, if one is. */
  tokenSince: string | null;
  records: number;
  now: Date;
}

function buildStatus(
  registry: ConnectorRegistry,
  connection: ConnectionRow,
  facts: Facts,
): SetupStatus {
  const modality = ModalitySchema.parse(connection.modality);
  const status = ConnectionStatusSchema.parse(connection.status);
  const credential = credentialMetadata(registry, connection, modality, facts);
  const run = facts.run === null ? null : summarizeRun(facts.run);
  const projection = projectSetupState({
    modality,
    connection: {
      id: connection.id,
      status,
      retired_reason:
        connection.retired_reason === null
          ? null
          : RetireReasonSchema.parse(connection.retired_reason),
      expires_at: connection.expires_at,
    },
    credential_present: credential?.present ?? false,
    run: run === null ? null : { status: run.status, error_code: run.error_code },
    now: facts.now,
  });
  const hasAccount = connection.account_id !== null || connection.account_label !== null;
  return SetupStatusSchema.parse({
    connection_id: connection.id,
    connector: connection.connector,
    modality,
    label: connection.label ?? connection.account_label,
    account: hasAccount ? { id: connection.account_id, label: connection.account_label } : null,
    status,
    setup_state: projection.setup_state,
    unproven: connection.unproven === 1,
    run,
    records_total: facts.records,
    credential,
    remediation: projection.remediation,
    expires_at: connection.expires_at,
    activated_at: connection.activated_at,
    revoked_at: connection.revoked_at,
    created_at: connection.created_at,
  } satisfies SetupStatus);
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
        }
      : {
          kind: 'collector_token',
          present: true,
          fingerprint: null,
          validated_at: facts.tokenSince,
          rotated_at: null,
        };
  }
  if (modality === 'static_secret') {
    const setup = registry.get(connection.connector)?.manifest.setup;
    const kind = setup?.modality === 'static_secret' ? setup.credential_kind : 'secret_bundle';
    return { kind, present: false, fingerprint: null, validated_at: null, rotated_at: null };
  }
  return null;
}
