import type { Kysely } from 'kysely';

/**
 * `collector_tokens.last_heartbeat_at`: when the device holding the token
 * last said its collector is running (between passes too); null until the
 * first heartbeat, as for every token from before this migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('collector_tokens').addColumn('last_heartbeat_at', 'text').execute();
}
