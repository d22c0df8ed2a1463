import type { Kysely } from 'kysely';

/**
 * Leases for work a server process holds, so any replica can tell live work
 * from work whose process died (a crash, a `kill -9`) within seconds:
 *
 * - `upload_artifacts.lease_expires_at`: the receiving process renews it while
 *   the body streams in and the validator runs; once it lapses the upload is
 *   `interrupted`. Null on rows from before this migration (their
 *   `updated_at` stands in).
 * - `runs.checkpoint_*`: where a run's collector may resume (its cursor) and
 *   the counts at that point, written in the transaction of the batch they
 *   follow, so a resumed run neither re-reads nor re-counts what it stored.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('upload_artifacts').addColumn('lease_expires_at', 'text').execute();
  await db.schema.alterTable('runs').addColumn('checkpoint_cursor', 'text').execute();
  await db.schema
    .alterTable('runs')
    .addColumn('checkpoint_accepted', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('runs')
    .addColumn('checkpoint_rejected', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
