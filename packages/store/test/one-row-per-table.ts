import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../src/schema';

const at = '2025-01-02T03:04:05.000Z';

// Every column must be given (only the generated records.id is left out), so a
// column added to schema.ts but not here fails typecheck, and the migration
// test then checks the live tables have exactly these columns.
type EveryColumnOfEveryTable = {
  [T in keyof Database]: T extends 'records'
    ? Omit<Required<Insertable<Database[T]>>, 'id'>
    : Required<Insertable<Database[T]>>;
};

/** A valid row for every table (every column set), in foreign-key order. */
export const oneRowPerTable = {
  owners: { id: 'own_1', password_hash: 'scrypt$16384$8$1$salt$hash', created_at: at },
  owner_sessions: {
    id: 'ses_1',
    owner_id: 'own_1',
    token_hash: 'a'.repeat(64),
    csrf_hash: 'b'.repeat(64),
    created_at: at,
    expires_at: '2025-01-03T03:04:05.000Z',
    revoked_at: null,
  },
  agent_tokens: {
    id: 'agt_1',
    owner_id: 'own_1',
    name: 'assistant',
    token_hash: 'c'.repeat(64),
    created_at: at,
    last_used_at: at,
    revoked_at: null,
  },
  connections: {
    id: 'con_1',
    owner_id: 'own_1',
    connector: 'github',
    modality: 'static_secret',
    status: 'active',
    label: 'octocat',
    account_id: '583231',
    account_label: 'octocat',
    fields_json: '{"api_url":"https://api.github.com"}',
    source_binding: null,
    unproven: 0,
    expires_at: null,
    retired_at: null,
    retired_reason: null,
    activated_at: at,
    revoked_at: null,
    created_at: at,
    updated_at: at,
  },
  credentials: {
    id: 'crd_1',
    connection_id: 'con_1',
    kind: 'personal_access_token',
    key_id: 'key_1',
    sealed: 'v1.nonce.ciphertext.tag',
    fingerprint: 'sha256:1a2b3c',
    validated_at: at,
    rotated_at: null,
    created_at: at,
  },
  collector_tokens: {
    id: 'cct_1',
    connection_id: 'con_1',
    token_hash: 'd'.repeat(64),
    device_name: 'laptop',
    created_at: at,
    last_used_at: null,
    revoked_at: null,
  },
  intents: {
    id: 'int_1',
    owner_id: 'own_1',
    connector: 'github',
    label: null,
    reconnect_connection_id: null,
    unproven: 0,
    status: 'completed',
    connection_id: 'con_1',
    created_by: 'owner',
    idempotency_key: 'key-1',
    request_hash: 'e'.repeat(64),
    created_at: at,
  },
  enrollment_codes: {
    id: 'enr_1',
    intent_id: 'int_1',
    connection_id: 'con_1',
    code_hash: 'f'.repeat(64),
    expires_at: at,
    used_at: at,
    retired_at: null,
    created_at: at,
  },
  authorization_sessions: {
    id: 'aus_1',
    owner_id: 'own_1',
    connector: 'gitlab',
    connection_id: null,
    state_hash: '0'.repeat(64),
    verifier_sealed: 'v1.nonce.ciphertext.tag',
    key_id: 'key_1',
    redirect_uri: 'http://127.0.0.1:7777/v1/oauth/callback',
    label: null,
    unproven: 1,
    expires_at: at,
    used_at: null,
    retired_at: null,
    created_at: at,
  },
  upload_artifacts: {
    id: 'art_1',
    owner_id: 'own_1',
    connector: 'whatsapp',
    file_name: 'chat.zip',
    // Past 2^31: PostgreSQL stores it as bigint and still hands back a number.
    size_bytes: 3_221_225_472,
    sha256: '1'.repeat(64),
    status: 'staged',
    validation_json: '{"messages":12}',
    storage_path: 'artifacts/art_1/chat.zip',
    connection_id: null,
    expires_at: at,
    imported_at: null,
    created_at: at,
    updated_at: at,
  },
  runs: {
    id: 'run_1',
    connection_id: 'con_1',
    kind: 'first_sync',
    status: 'succeeded',
    stage: null,
    records_accepted: 2,
    records_rejected: 0,
    error_code: null,
    error_message: null,
    payload_json: '{}',
    claimed_by: 'worker-1',
    claimed_at: at,
    heartbeat_at: at,
    attempts: 1,
    created_at: at,
    started_at: at,
    finished_at: at,
  },
  records: {
    connection_id: 'con_1',
    stream: 'repositories',
    record_key: '42',
    data_json: '{"name":"hello-world"}',
    run_id: 'run_1',
    created_at: at,
    updated_at: at,
  },
  blobs: {
    sha256: '2'.repeat(64),
    size_bytes: 1024,
    media_type: 'image/jpeg',
    storage_path: 'blobs/22/2222',
    created_at: at,
  },
  proofs: {
    id: 'prf_1',
    connector: 'github',
    modality: 'static_secret',
    connection_id: 'con_1',
    run_id: 'run_1',
    record_count: 2,
    recorded_at: at,
  },
  provider_apps: {
    group_key: 'gitlab',
    client_id: 'client-id',
    instance_url: 'https://gitlab.example',
    client_secret_sealed: 'v1.nonce.ciphertext.tag',
    key_id: 'key_1',
    created_at: at,
    updated_at: at,
  },
  audit_events: {
    id: 'aud_1',
    owner_id: 'own_1',
    actor: 'owner',
    action: 'connection.activated',
    connection_id: 'con_1',
    details_json: '{"records":2}',
    created_at: at,
  },
  events: {
    id: 1,
    owner_id: 'own_1',
    type: 'connection_activated',
    connection_id: 'con_1',
    body_json: '{"type":"connection_activated","id":1}',
    occurred_at: at,
  },
  event_counters: { name: 'events', last_id: 1 },
} as const satisfies EveryColumnOfEveryTable;

/** Every table name, in an order that satisfies the foreign keys. */
export const tableNames = Object.keys(oneRowPerTable) as (keyof Database)[];

/** Inserts {@link oneRowPerTable}. */
export async function insertOneRowPerTable(db: Kysely<Database>): Promise<void> {
  for (const table of tableNames) {
    await db.insertInto(table).values(oneRowPerTable[table]).execute();
  }
}
