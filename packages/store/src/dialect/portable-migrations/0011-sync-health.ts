import type { Kysely } from 'kysely';

/**
 * How live connections keep working:
 *
 * - `sync_health`: one row per live connection that syncs (server-collected)
 *   or reports (device collectors): when it syncs next (null while a sync is
 *   queued; replicas claim a due sync by clearing it), its last success and
 *   failure, the run of consecutive failures, and why it needs attention
 *   when no credential was refused (`stale`, `collector_silent`); `stale_at`
  is when it turns stale without another success (three intervals).
 * - `sync_cursors`: where each stream's next incremental sync starts (an
 *   ETag, a timestamp, a UID), written with the run that succeeded.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sync_health')
    .addColumn('connection_id', 'text', (c) =>
      c.primaryKey().references('connections.id').onDelete('cascade'),
    )
    .addColumn('next_sync_at', 'text')
    .addColumn('last_success_at', 'text')
    .addColumn('last_failure_at', 'text')
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('stale_at', 'text')
    .addColumn('attention_reason', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sync_health_next_sync_at')
    .on('sync_health')
    .column('next_sync_at')
    .execute();
  await db.schema
    .createIndex('sync_health_stale_at')
    .on('sync_health')
    .column('stale_at')
    .execute();
  await db.schema
    .createTable('sync_cursors')
    .addColumn('connection_id', 'text', (c) =>
      c.notNull().references('connections.id').onDelete('cascade'),
    )
    .addColumn('stream', 'text', (c) => c.notNull())
    .addColumn('cursor', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sync_cursors_pk', ['connection_id', 'stream'])
    .execute();
}
