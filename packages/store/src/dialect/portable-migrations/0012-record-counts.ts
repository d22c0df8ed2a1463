import { type Kysely, sql } from 'kysely';

/**
 * `record_counts`: how many records each (connection, stream) holds, kept by
 * the record writer in the transaction of every insert and delete, so
 * setup-status and the per-stream counts read one row per stream instead of
 * counting a connection's records on every read. Backfilled here from the
 * records already stored.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('record_counts')
    .addColumn('connection_id', 'text', (c) =>
      c.notNull().references('connections.id').onDelete('cascade'),
    )
    .addColumn('stream', 'text', (c) => c.notNull())
    .addColumn('records', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('record_counts_pk', ['connection_id', 'stream'])
    .execute();
  await sql`
    insert into record_counts (connection_id, stream, records)
    select connection_id, stream, count(*) from records group by connection_id, stream
  `.execute(db);
}
