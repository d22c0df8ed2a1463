import { type Kysely, sql } from 'kysely';

/**
 * The lifecycle event outbox. `event_counters` holds one row per sequence
 * (created by the first append);
 * a writer bumps it in the transaction that appends its events, so ids are
 * handed out in commit order (on SQLite the single writer gives that anyway;
 * the PostgreSQL twin relies on the row lock).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const strict = sql`strict`;
  await db.schema
    .createTable('event_counters')
    .addColumn('name', 'text', (c) => c.primaryKey().notNull())
    .addColumn('last_id', 'integer', (c) => c.notNull())
    .modifyEnd(strict)
    .execute();

  await db.schema
    .createTable('events')
    .addColumn('id', 'integer', (c) => c.primaryKey().notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('connection_id', 'text')
    .addColumn('body_json', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .modifyEnd(strict)
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
