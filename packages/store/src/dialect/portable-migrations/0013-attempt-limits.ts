import type { Kysely } from 'kysely';

/**
 * Guess limits that every replica shares and a restart keeps
 * (`attempt_limits`): one row per kind of secret guessed (`scope`: the owner
 * password, enrollment codes) and client address, with the attempts of the
 * current window, how many times the client ran out (`strikes`, which grow
 * the next wait) and until when it must wait (`blocked_until`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('attempt_limits')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('client', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('window_started_at', 'text', (c) => c.notNull())
    .addColumn('strikes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('blocked_until', 'text')
    .addColumn('last_attempt_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('attempt_limits_pk', ['scope', 'client'])
    .execute();
  // The sweeper forgets clients that went quiet.
  await db.schema
    .createIndex('attempt_limits_last_attempt_at')
    .on('attempt_limits')
    .column('last_attempt_at')
    .execute();
}
