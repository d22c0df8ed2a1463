import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The store's tables, shared by the SQLite and PostgreSQL migrations.
 *
 * Portable column conventions, so one query serves both dialects:
 * - ids are prefixed text (`con_…`, `run_…`);
 * - timestamps are ISO-8601 UTC text from `Date#toISOString()` (sortable as text);
 * - booleans are integers 0/1; JSON documents are text;
 * - counts are 32-bit integers. Only `records.id` and the `size_bytes` columns
 *   (and the event ids) are 64-bit on PostgreSQL (sequence values burnt by upserts, files past 2 GiB);
 *   the store's pool parses bigint to a JS number, as SQLite returns it.
 *
 * No column holds a secret in plaintext: secrets are sealed (`*_sealed`) by the
 * vault, and tokens are stored only as SHA-256 hashes (`*_hash`).
 */
export interface Database {
  owners: OwnersTable;
  owner_sessions: OwnerSessionsTable;
  agent_tokens: AgentTokensTable;
  connections: ConnectionsTable;
  credentials: CredentialsTable;
  collector_tokens: CollectorTokensTable;
  intents: IntentsTable;
  enrollment_codes: EnrollmentCodesTable;
  authorization_sessions: AuthorizationSessionsTable;
  upload_artifacts: UploadArtifactsTable;
  runs: RunsTable;
  records: RecordsTable;
  blobs: BlobsTable;
  connection_blobs: ConnectionBlobsTable;
  proofs: ProofsTable;
  provider_apps: ProviderAppsTable;
  audit_events: AuditEventsTable;
  events: EventsTable;
  event_counters: EventCountersTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  event_cursors: EventCursorsTable;
  sync_health: SyncHealthTable;
  sync_cursors: SyncCursorsTable;
  attempt_limits: AttemptLimitsTable;
  refresh_cooldowns: RefreshCooldownsTable;
  record_counts: RecordCountsTable;
}

export interface OwnersTable {
  id: string;
  /** scrypt hash with its parameters and salt. */
  password_hash: string;
  created_at: string;
}

export interface OwnerSessionsTable {
  id: string;
  owner_id: string;
  token_hash: string;
  /** SHA-256 of the CSRF token paired with the session cookie. */
  csrf_hash: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface AgentTokensTable {
  id: string;
  owner_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  /** When it stops working by itself; null never. */
  expires_at: string | null;
}

export interface ConnectionsTable {
  id: string;
  owner_id: string;
  connector: string;
  modality: string;
  /** One of the engine's ConnectionStatus values. */
  status: string;
  label: string | null;
  /** Provider-side account id and its display label (identity echo). */
  account_id: string | null;
  account_label: string | null;
  /** Non-secret form fields (API URL, IMAP host…) as JSON text. */
  fields_json: string;
  /** What the connection is bound to beyond credentials (device name, artifact source…). */
  source_binding: string | null;
  /** 1 when the owner explicitly took an unproven path. */
  unproven: number;
  /** Lifetime of a draft with one (enrollment shells). */
  expires_at: string | null;
  retired_at: string | null;
  retired_reason: string | null;
  activated_at: string | null;
  revoked_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface CredentialsTable {
  id: string;
  /** One credential per connection: it is scoped to it by the vault's AAD as well. */
  connection_id: string;
  kind: string;
  key_id: string;
  /** The vault's sealed envelope (version, nonce, ciphertext, tag). */
  sealed: string;
  /** Short non-reversible fingerprint shown to the owner. */
  fingerprint: string;
  validated_at: string | null;
  rotated_at: string | null;
  /** When the provider said the credential stops working by itself; null when it said none. */
  expires_at: string | null;
  created_at: string;
}

export interface CollectorTokensTable {
  id: string;
  connection_id: string;
  token_hash: string;
  device_name: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  /** When the device last said its collector is running, between passes too. */
  last_heartbeat_at: string | null;
}

export interface IntentsTable {
  id: string;
  owner_id: string;
  connector: string;
  label: string | null;
  reconnect_connection_id: string | null;
  unproven: number;
  /** `pending_owner_action` | `blocked` | `completed` | `expired`. */
  status: string;
  connection_id: string | null;
  /** `owner` or `agent:<token id>`. */
  created_by: string;
  idempotency_key: string | null;
  /** Hash of the request body, so a reused key with another body is a conflict. */
  request_hash: string | null;
  created_at: string;
}

export interface EnrollmentCodesTable {
  id: string;
  intent_id: string | null;
  connection_id: string;
  code_hash: string;
  expires_at: string;
  used_at: string | null;
  retired_at: string | null;
  created_at: string;
}

export interface AuthorizationSessionsTable {
  id: string;
  owner_id: string;
  connector: string;
  /** Set when the session repairs an existing connection. */
  connection_id: string | null;
  state_hash: string;
  /** The PKCE verifier, sealed. */
  verifier_sealed: string;
  key_id: string;
  redirect_uri: string;
  label: string | null;
  unproven: number;
  expires_at: string;
  used_at: string | null;
  retired_at: string | null;
  created_at: string;
}

export interface UploadArtifactsTable {
  id: string;
  owner_id: string;
  connector: string;
  file_name: string;
  size_bytes: number;
  sha256: string | null;
  /** One of the engine's ArtifactStatus values. */
  status: string;
  /** The validator's report as JSON text. */
  validation_json: string | null;
  storage_path: string;
  connection_id: string | null;
  expires_at: string;
  imported_at: string | null;
  created_at: string;
  updated_at: string;
  /** While receiving: the receiving process renews it; once past, the upload is `interrupted`. */
  lease_expires_at: string | null;
}

export interface RunsTable {
  id: string;
  connection_id: string;
  /** `first_sync` | `sync` | `import`. */
  kind: string;
  /** One of the engine's RunStatus values. */
  status: string;
  stage: string | null;
  records_accepted: number;
  records_rejected: number;
  error_code: string | null;
  error_message: string | null;
  /** JSON text with what the job needs (artifact ids…), never a secret. */
  payload_json: string;
  claimed_by: string | null;
  claimed_at: string | null;
  heartbeat_at: string | null;
  attempts: number;
  /** Where the collector resumes (its opaque cursor), written with the batch it follows. */
  checkpoint_cursor: string | null;
  /** The run's counts when its checkpoint was written: a resumed claim starts from them. */
  checkpoint_accepted: Generated<number>;
  checkpoint_rejected: Generated<number>;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  /** When the owner undid this import: the records it added were deleted. */
  undone_at: string | null;
}

export interface RecordsTable {
  /** Ascending insertion order (SQLite AUTOINCREMENT, PostgreSQL bigserial): the paging cursor. */
  id: Generated<number>;
  connection_id: string;
  stream: string;
  record_key: string;
  data_json: string;
  /** The run that last changed it. */
  run_id: string | null;
  /** The run that first inserted it (an import's undo removes these); null before migration 0017. */
  created_run_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface BlobsTable {
  sha256: string;
  size_bytes: number;
  media_type: string | null;
  storage_path: string;
  created_at: string;
}

/** Which connection holds a (shared, content-addressed) blob, and the run that first stored it there. */
export interface ConnectionBlobsTable {
  connection_id: string;
  sha256: string;
  run_id: string | null;
  created_at: string;
}

export interface ProofsTable {
  id: string;
  connector: string;
  modality: string;
  /** Evidence: kept (no foreign key) when the connection that proved the path is deleted. */
  connection_id: string;
  run_id: string;
  record_count: number;
  recorded_at: string;
}

export interface ProviderAppsTable {
  group_key: string;
  client_id: string;
  instance_url: string | null;
  client_secret_sealed: string;
  key_id: string;
  created_at: string;
  updated_at: string;
}

export interface AuditEventsTable {
  id: string;
  owner_id: string | null;
  /** `owner` | `agent:<id>` | `collector:<id>` | `system`. */
  actor: string;
  action: string;
  connection_id: string | null;
  /** Secret-free JSON details. */
  details_json: string;
  created_at: string;
}

/** The lifecycle event outbox: one row per published event, in commit order. */
export interface EventsTable {
  /** From `event_counters`, never a sequence: see migration 0003. */
  id: number;
  owner_id: string;
  type: string;
  connection_id: string | null;
  /** The published event (`ConnectionEventSchema`), id included; secret-free by its schema. */
  body_json: string;
  occurred_at: string;
}

export interface EventCountersTable {
  name: string;
  last_id: number;
}

/** An owner's webhook endpoint; soft-deleted so its delivery log stays readable. */
export interface WebhooksTable {
  id: string;
  owner_id: string;
  url: string;
  /** JSON array of event types it receives; `[]` means every type. */
  event_types_json: string;
  description: string | null;
  /** The HMAC signing secret, sealed for `webhook:<id>`. */
  secret_sealed: string;
  key_id: string;
  /** The newest event id when it was registered: it receives later events only. */
  after_event_id: number;
  created_at: string;
  deleted_at: string | null;
}

/** One delivery of one event to one webhook: its attempts, lease and outcome. */
export interface WebhookDeliveriesTable {
  id: string;
  webhook_id: string;
  event_id: number;
  /** The delivery this one replays (owner's redeliver); null for the fan-out delivery. */
  replay_of: string | null;
  /** `pending` | `succeeded` | `failed` | `cancelled`. */
  status: string;
  attempts: number;
  /** When a worker may next claim it; a claim pushes it out by the lease. Null once settled. */
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  last_status_code: number | null;
  /** A stable code (`http_error`, `timeout`, `unreachable`, …), never a response body. */
  last_error: string | null;
  claimed_by: string | null;
  claimed_at: string | null;
  created_at: string;
  delivered_at: string | null;
}

/** How far one consumer of the outbox has read (`webhooks`: the fan-out). */
export interface EventCursorsTable {
  name: string;
  last_event_id: number;
}

export interface SyncHealthTable {
  connection_id: string;
  /** When the next scheduled sync is due; null while one is queued or for device collectors. */
  next_sync_at: string | null;
  last_success_at: string | null;
  last_failure_at: string | null;
  consecutive_failures: number;
  /** When it turns stale if nothing succeeds before (three intervals after the last success). */
  stale_at: string | null;
  /** An `AttentionReason` when health, not a refused credential, made the connection need attention. */
  attention_reason: string | null;
  updated_at: string;
}

export interface SyncCursorsTable {
  connection_id: string;
  stream: string;
  /** Opaque to the store: an ETag, a timestamp, a mailbox UID. Never a secret. */
  cursor: string;
  updated_at: string;
}

/** Guesses at one kind of secret from one client address (shared by replicas). */
export interface AttemptLimitsTable {
  /** What is guessed: `owner_password`, `enrollment_code`. */
  scope: string;
  /** The client address, as the trusted-proxy setting resolves it. */
  client: string;
  attempts: number;
  window_started_at: string;
  /** How many times this client ran out of attempts; each doubles the next wait. */
  strikes: number;
  blocked_until: string | null;
  last_attempt_at: string;
}

/** How many records one stream of a connection holds, kept with every insert and delete. */
export interface RecordCountsTable {
  connection_id: string;
  stream: string;
  records: number;
}

/** An OAuth connection waiting before its next token renewal reaches the provider. */
export interface RefreshCooldownsTable {
  connection_id: string;
  /** Renewals failed in a row; each doubles the wait. */
  failures: number;
  retry_at: string;
  /** The last failure's code (`credential_rejected`, `provider_unavailable`), repeated meanwhile. */
  last_code: string;
  updated_at: string;
}

export type SyncHealthRow = Selectable<SyncHealthTable>;
export type RefreshCooldownRow = Selectable<RefreshCooldownsTable>;
export type AttemptLimitRow = Selectable<AttemptLimitsTable>;

export type ConnectionRow = Selectable<ConnectionsTable>;
export type NewConnection = Insertable<ConnectionsTable>;
export type ConnectionUpdate = Updateable<ConnectionsTable>;
export type RunRow = Selectable<RunsTable>;
export type NewRun = Insertable<RunsTable>;
export type CredentialRow = Selectable<CredentialsTable>;
export type IntentRow = Selectable<IntentsTable>;
export type UploadArtifactRow = Selectable<UploadArtifactsTable>;
export type RecordRow = Selectable<RecordsTable>;
export type NewIntent = Insertable<IntentsTable>;
export type NewCredential = Insertable<CredentialsTable>;
export type NewUploadArtifact = Insertable<UploadArtifactsTable>;
export type CollectorTokenRow = Selectable<CollectorTokensTable>;
export type NewCollectorToken = Insertable<CollectorTokensTable>;
export type EnrollmentCodeRow = Selectable<EnrollmentCodesTable>;
export type NewEnrollmentCode = Insertable<EnrollmentCodesTable>;
export type AuthorizationSessionRow = Selectable<AuthorizationSessionsTable>;
export type NewAuthorizationSession = Insertable<AuthorizationSessionsTable>;
export type ProofRow = Selectable<ProofsTable>;
export type NewProof = Insertable<ProofsTable>;
export type NewBlob = Insertable<BlobsTable>;
export type ProviderAppRow = Selectable<ProviderAppsTable>;
export type NewProviderApp = Insertable<ProviderAppsTable>;
export type NewAuditEvent = Insertable<AuditEventsTable>;
export type EventRow = Selectable<EventsTable>;
export type WebhookRow = Selectable<WebhooksTable>;
export type NewWebhook = Insertable<WebhooksTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>;
export type NewWebhookDelivery = Insertable<WebhookDeliveriesTable>;
export type NewOwner = Insertable<OwnersTable>;
export type NewOwnerSession = Insertable<OwnerSessionsTable>;
export type NewAgentToken = Insertable<AgentTokensTable>;
