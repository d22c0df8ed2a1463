import type { Kysely } from 'kysely';

/**
 * `refresh_cooldowns`: an OAuth connection whose token renewal failed waits
 * before the next renewal reaches the provider (`retry_at`, growing with
 * `failures` in a row), so a refused or failing refresh cannot storm the
 * provider however often syncs are asked for; `last_code` is the failure a
 * run asking meanwhile gets again. The row goes with the next renewal that
 * succeeds.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('refresh_cooldowns')
    .addColumn('connection_id', 'text', (c) =>
      c.primaryKey().references('connections.id').onDelete('cascade'),
    )
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('retry_at', 'text', (c) => c.notNull())
    .addColumn('last_code', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
