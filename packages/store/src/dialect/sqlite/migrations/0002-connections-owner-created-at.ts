import type { Kysely } from 'kysely';

/**
 * The owner's connection list pages newest first over every status but
 * drafts (and, with pending ones, drafts in progress): a filter on several
 * statuses, which `(owner_id, status, created_at, id)` cannot serve in order,
 * so every page sorted all of the owner's connections. This index walks them
 * in page order and stops at the page size.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('connections_owner_id_created_at_idx')
    .on('connections')
    .columns(['owner_id', 'created_at', 'id'])
    .execute();
}
