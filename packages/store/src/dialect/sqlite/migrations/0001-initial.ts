import { type Kysely, sql } from 'kysely';

/**
 * Every table of `schema.ts` on SQLite, with the indexes that keep the hot reads
 * off table scans. STRICT tables reject a value of the wrong type the way
 * PostgreSQL does, so a type bug fails on both dialects alike.
 * Shipped migrations never change: later changes go in `0002-…`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const strict = sql`strict`;

  await db.schema
    .createTable('owners')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .modifyEnd(strict)
    .execute();

  await db.schema
    .createTable('owner_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('owners.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('csrf_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .modifyEnd(strict)
    .execute();
  await db.schema
    .createIndex('owner_sessions_token_hash_key')
    .unique()
    .on('owner_sessions')
    .column('token_hash')
    .execute();
  await db.schema
    .createIndex('owner_sessions_owner_id_idx')
    .on('owner_sessions')
    .column('owner_id')
    .execute();
  await db.schema
    .createIndex('owner_sessions_expires_at_idx')
    .on('owner_sessions')
    .column('expires_at')
    .execute();

  await db.schema
    .createTable('agent_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('owners.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .modifyEnd(strict)
    .execute();
  await db.schema
    .createIndex('agent_tokens_token_hash_key')
    .unique()
    .on('agent_tokens')
    .column('token_hash')
    .execute();
  await db.schema
    .createIndex('agent_tokens_owner_id_created_at_idx')
    .on('agent_tokens')
    .columns(['owner_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('connections')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('owners.id'))
    .addColumn('connector', 'text', (c) => c.notNull())
    .addColumn('modality', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('account_id', 'text')
    .addColumn('account_label', 'text')
    .addColumn('fields_json', 'text', (c) => c.notNull())
    .addColumn('source_binding', 'text')
    .addColumn('unproven', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('retired_at', 'text')
    .addColumn('retired_reason', 'text')
    .addColumn('activated_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .modifyEnd(strict)
    .execute();
  // Lists by owner and status, newest or oldest first, with a stable tie-break.
  await db.schema
    .createIndex('connections_owner_id_status_created_at_idx')
    .on('connections')
    .columns(['owner_id', 'status', 'created_at', 'id'])
    .execute();
  // Per-connector summaries and "another account of this connector".
  await db.schema
    .createIndex('connections_owner_id_connector_idx')
    .on('connections')
    .columns(['owner_id', 'connector'])
    .execute();
  // The sweeper: drafts (enrollment shells) past their lifetime.
  await db.schema
    .createIndex('connections_status_expires_at_idx')
    .on('connections')
    .columns(['status', 'expires_at'])
    .execute();

  await db.schema
    .createTable('credentials')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('sealed', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('validated_at', 'text')
    .addColumn('rotated_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .modifyEnd(strict)
    .execute();
  await db.schema
    .createIndex('credentials_connection_id_key')
    .unique()
    .on('credentials')
    .column('connection_id')
    .execute();

  await db.schema
    .createTable('collector_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('device_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .modifyEnd(strict)
    .execute();
  await db.schema
    .createIndex('collector_tokens_token_hash_key')
    .unique()
    .on('collector_tokens')
    .column('token_hash')
    .execute();
  await db.schema
    .createIndex('collector_tokens_connection_id_idx')
    .on('collector_tokens')
    .column('connection_id')
    .execute();

  await db.schema
    .createTable('intents')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('owners.id'))
    .addColumn('connector', 'text', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('reconnect_connection_id', 'text', (c) => c.references('connections.id'))
    .addColumn('unproven', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('connection_id', 'text', (c) => c.references('connections.id'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text')
    .addColumn('request_hash', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .modifyEnd(strict)
    .execute();
  // NULL keys are distinct in a unique index (both dialects): only keyed intents collide.
  await db.schema
    .createIndex('intents_owner_id_idempotency_key_key')
    .unique()
    .on('intents')
    .columns(['owner_id', 'idempotency_key'])
    .execute();
  await db.schema
    .createIndex('intents_connection_id_idx')
    .on('intents')
    .column('connection_id')
    .execute();

  await db.schema
    .createTable('enrollment_codes')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('intent_id', 'text', (c) => c.references('intents.id'))
    .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('retired_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .modifyEnd(strict)
    .execute();
  await db.schema
    .createIndex('enrollment_codes_code_hash_key')
    .unique()
    .on('enrollment_codes')
    .column('code_hash')
    .execute();
  await db.schema
    .createIndex('enrollment_codes_connection_id_idx')
    .on('enrollment_codes')
    .column('connection_id')
    .execute();
  await db.schema
    .createIndex('enrollment_codes_expires_at_idx')
    .on('enrollment_codes')
    .column('expires_at')
    .execute();

  await db.schema
    .createTable('authorization_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('owners.id'))
    .addColumn('connector', 'text', (c) => c.notNull())
    .addColumn('connection_id', 'text', (c) => c.references('connections.id'))
    .addColumn('state_hash', 'text', (c) => c.notNull())
    .addColumn('verifier_sealed', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('redirect_uri', 'text', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('unproven', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('retired_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .modifyEnd(strict)
    .execute();
  await db.schema
    .createIndex('authorization_sessions_state_hash_key')
    .unique()
    .on('authorization_sessions')
    .column('state_hash')
    .execute();
  await db.schema
    .createIndex('authorization_sessions_expires_at_idx')
    .on('authorization_sessions')
    .column('expires_at')
    .execute();

  await db.schema
    .createTable('upload_artifacts')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('owners.id'))
    .addColumn('connector', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('validation_json', 'text')
    .addColumn('storage_path', 'text', (c) => c.notNull())
    .addColumn('connection_id', 'text', (c) => c.references('connections.id'))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .modifyEnd(strict)
    .execute();
  await db.schema
    .createIndex('upload_artifacts_owner_id_status_idx')
    .on('upload_artifacts')
    .columns(['owner_id', 'status'])
    .execute();
  // Duplicate detection: has this owner uploaded these exact bytes before?
  await db.schema
    .createIndex('upload_artifacts_owner_id_sha256_idx')
    .on('upload_artifacts')
    .columns(['owner_id', 'sha256'])
    .execute();
  await db.schema
    .createIndex('upload_artifacts_connection_id_idx')
    .on('upload_artifacts')
    .column('connection_id')
    .execute();
  await db.schema
    .createIndex('upload_artifacts_expires_at_idx')
    .on('upload_artifacts')
    .column('expires_at')
    .execute();

  await db.schema
    .createTable('runs')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('stage', 'text')
    .addColumn('records_accepted', 'integer', (c) => c.notNull())
    .addColumn('records_rejected', 'integer', (c) => c.notNull())
    .addColumn('error_code', 'text')
    .addColumn('error_message', 'text')
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_at', 'text')
    .addColumn('heartbeat_at', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .modifyEnd(strict)
    .execute();
  // Setup status: the latest run of a connection.
  await db.schema
    .createIndex('runs_connection_id_created_at_idx')
    .on('runs')
    .columns(['connection_id', 'created_at', 'id'])
    .execute();
  // The claim queue: oldest queued run first.
  await db.schema
    .createIndex('runs_status_created_at_idx')
    .on('runs')
    .columns(['status', 'created_at', 'id'])
    .execute();
  // Recovery: running runs whose heartbeat went stale, and one worker's runs on shutdown.
  await db.schema
    .createIndex('runs_status_heartbeat_at_idx')
    .on('runs')
    .columns(['status', 'heartbeat_at'])
    .execute();
  await db.schema.createIndex('runs_claimed_by_idx').on('runs').column('claimed_by').execute();

  await db.schema
    .createTable('records')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement().notNull())
    .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id'))
    .addColumn('stream', 'text', (c) => c.notNull())
    .addColumn('record_key', 'text', (c) => c.notNull())
    .addColumn('data_json', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text', (c) => c.references('runs.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .modifyEnd(strict)
    .execute();
  // The upsert target of ingest.
  await db.schema
    .createIndex('records_connection_id_stream_record_key_key')
    .unique()
    .on('records')
    .columns(['connection_id', 'stream', 'record_key'])
    .execute();
  // Cursor paging, within one stream or across streams in (stream, id) order.
  await db.schema
    .createIndex('records_connection_id_stream_id_idx')
    .on('records')
    .columns(['connection_id', 'stream', 'id'])
    .execute();

  await db.schema
    .createTable('blobs')
    .addColumn('sha256', 'text', (c) => c.primaryKey().notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('media_type', 'text')
    .addColumn('storage_path', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .modifyEnd(strict)
    .execute();

  await db.schema
    .createTable('proofs')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('connector', 'text', (c) => c.notNull())
    .addColumn('modality', 'text', (c) => c.notNull())
    .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id'))
    .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id'))
    .addColumn('record_count', 'integer', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .modifyEnd(strict)
    .execute();
  // The first proof per connector and modality wins; later successes are no-ops.
  await db.schema
    .createIndex('proofs_connector_modality_key')
    .unique()
    .on('proofs')
    .columns(['connector', 'modality'])
    .execute();

  await db.schema
    .createTable('provider_apps')
    .addColumn('group_key', 'text', (c) => c.primaryKey().notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('instance_url', 'text')
    .addColumn('client_secret_sealed', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .modifyEnd(strict)
    .execute();

  // No foreign keys: the audit trail outlives whatever it mentions.
  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('owner_id', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('connection_id', 'text')
    .addColumn('details_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .modifyEnd(strict)
    .execute();
  await db.schema
    .createIndex('audit_events_connection_id_created_at_idx')
    .on('audit_events')
    .columns(['connection_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('audit_events_owner_id_created_at_idx')
    .on('audit_events')
    .columns(['owner_id', 'created_at'])
    .execute();
}
