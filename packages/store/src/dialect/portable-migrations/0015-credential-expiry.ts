import type { Kysely } from 'kysely';

/**
 * `credentials.expires_at`: when the provider said the credential stops
 * working by itself (an expiring personal access token), as the probe or the
 * last sync read it; null when it reported none, as for every credential from
 * before this migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('credentials').addColumn('expires_at', 'text').execute();
}
