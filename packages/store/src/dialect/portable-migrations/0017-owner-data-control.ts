import { type Kysely, sql } from 'kysely';

/**
 * What the owner's delete and undo need:
 *
 * - `records.created_run_id`: the run that first inserted the record (an
 *   update by a later run keeps it), so undoing an import removes exactly the
 *   records it added. Backfilled for records no run changed since their insert
 *   (`created_at = updated_at`), whose `run_id` is still their first run.
 * - `runs.undone_at`: when the owner undid an import run (its records are gone,
 *   the run stays in the history, saying so).
 * - `connection_blobs`: which connection (and which of its runs first) stored
 *   a content-addressed blob. Blobs are shared by content, so a blob's file
 *   goes only when no connection holds it any more.
 * - `proofs` without foreign keys: a proof is evidence that the deployment's
 *   path worked once (which connection, which run), like the audit trail it
 *   stays true, and keeps its ids, when that connection is deleted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('records').addColumn('created_run_id', 'text').execute();
  await sql`update records set created_run_id = run_id where created_at = updated_at`.execute(db);
  await db.schema
    .createIndex('records_connection_id_created_run_id_idx')
    .on('records')
    .columns(['connection_id', 'created_run_id'])
    .execute();

  await db.schema.alterTable('runs').addColumn('undone_at', 'text').execute();

  await db.schema
    .createTable('connection_blobs')
    .addColumn('connection_id', 'text', (c) =>
      c.notNull().references('connections.id').onDelete('cascade'),
    )
    .addColumn('sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
    .addColumn('run_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('connection_blobs_pk', ['connection_id', 'sha256'])
    .execute();
  await db.schema
    .createIndex('connection_blobs_sha256_idx')
    .on('connection_blobs')
    .column('sha256')
    .execute();

  await db.schema.dropIndex('proofs_connector_modality_key').execute();
  await db.schema.alterTable('proofs').renameTo('proofs_before_0017').execute();
  await db.schema
    .createTable('proofs')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('connector', 'text', (c) => c.notNull())
    .addColumn('modality', 'text', (c) => c.notNull())
    .addColumn('connection_id', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('record_count', 'integer', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await sql`
    insert into proofs (id, connector, modality, connection_id, run_id, record_count, recorded_at)
    select id, connector, modality, connection_id, run_id, record_count, recorded_at
    from proofs_before_0017
  `.execute(db);
  await db.schema.dropTable('proofs_before_0017').execute();
  // The first proof per connector and modality wins; later successes are no-ops.
  await db.schema
    .createIndex('proofs_connector_modality_key')
    .unique()
    .on('proofs')
    .columns(['connector', 'modality'])
    .execute();
}
