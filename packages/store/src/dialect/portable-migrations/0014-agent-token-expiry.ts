import type { Kysely } from 'kysely';

/**
 * `agent_tokens.expires_at`: when an owner-agent token stops working by
 * itself (the owner chose a lifetime when creating it); null never expires,
 * as every token from before this migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('agent_tokens').addColumn('expires_at', 'text').execute();
}
