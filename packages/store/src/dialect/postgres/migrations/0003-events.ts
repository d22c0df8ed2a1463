import type { Kysely } from 'kysely';

/**
 * The lifecycle event outbox; mirrors the SQLite migration of the same name.
 * Ids do not come from a sequence: sequence values commit out of order under
 * concurrent writers, and a reader resuming after the highest id it saw would
 * skip one that commits later. A writer instead bumps (or creates) its
 * `event_counters` row in the transaction that appends the events; the row lock holds the next
 * writer until this one commits, so ids are handed out in commit order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('event_counters')
    .addColumn('name', 'text', (c) => c.primaryKey().notNull())
    .addColumn('last_id', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('events')
    .addColumn('id', 'bigint', (c) => c.primaryKey().notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('connection_id', 'text')
    .addColumn('body_json', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('events_owner_id_id_idx')
    .on('events')
    .columns(['owner_id', 'id'])
    .execute();
  await db.schema
    .createIndex('events_connection_id_id_idx')
    .on('events')
    .columns(['connection_id', 'id'])
    .execute();
}
