import { type Kysely, sql } from 'kysely';

/**
 * At most one staged copy of the same bytes per owner and connector. The
 * duplicate check in the verdict's transaction cannot see a concurrent
 * upload's uncommitted row under READ COMMITTED, so two uploads of one file
 * could both end `staged`; this index lets only one of them, and the service
 * turns the loser into a `duplicate`. Imported rows stay out of it: they
 * only ever come from a staged row, and copies imported twice before this
 * index must not stop the server from booting. Staged copies that already
 * collide keep the earliest; the later ones become duplicates. Mirrors the
 * SQLite migration of the same name.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    update upload_artifacts set status = 'duplicate'
    where status = 'staged' and exists (
      select 1 from upload_artifacts as first
      where first.owner_id = upload_artifacts.owner_id
        and first.connector = upload_artifacts.connector
        and first.sha256 = upload_artifacts.sha256
        and first.status = 'staged'
        and (first.created_at < upload_artifacts.created_at
          or (first.created_at = upload_artifacts.created_at and first.id < upload_artifacts.id))
    )
  `.execute(db);
  await db.schema
    .createIndex('upload_artifacts_staged_key')
    .on('upload_artifacts')
    .columns(['owner_id', 'connector', 'sha256'])
    .unique()
    .where(sql.ref('status'), '=', sql.lit('staged'))
    .execute();
}
