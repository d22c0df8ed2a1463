import type { Kysely, Transaction } from 'kysely';
import type { EventSubscription } from './events/event-wakeups';
import type { Database } from './schema';

/** The database engine behind a {@link Store}. */
export type StoreDialect = 'sqlite' | 'postgres';

/** The handle a {@link Store.transaction} callback runs its queries on. */
export type StoreTransaction = Transaction<Database>;

/**
 * An open conn database on SQLite or PostgreSQL. Get one from `openStore`.
 *
 * @example
 * const store = openStore({ url: 'conn.db', dataDir: './.conn' });
 * await store.migrate();
 * const id = await store.transaction(async (trx) => {
 *   await trx.insertInto('audit_events').values(event).execute();
 *   return event.id;
 * });
 * await store.close();
 */
export interface Store {
  /**
   * The query builder, for single statements outside a transaction. Inside a
   * {@link Store.transaction} callback use its `trx` instead: `db` throws there,
   * since its query would run outside the transaction (and, on SQLite, wait for
   * the transaction that is waiting for it).
   */
  readonly db: Kysely<Database>;
  readonly dialect: StoreDialect;
  /** Applies pending migrations; safe to call from several processes at once. */
  migrate(): Promise<void>;
  /** True when the database answers and every migration is applied (`/readyz`). */
  ready(): Promise<boolean>;
  /** Closes the connection or pool; later queries fail. Idempotent. */
  close(): Promise<void>;
  /**
   * Runs `fn` in one transaction, committed when it resolves and rolled back when
   * it throws. Concurrent calls queue up on SQLite (one writer) and run side by
   * side on PostgreSQL. Not reentrant: a nested call throws instead of deadlocking.
   */
  transaction<T>(fn: (trx: StoreTransaction) => Promise<T>): Promise<T>;
  /**
   * Calls `listener` after a transaction that appended outbox events commits:
   * in this process, and on PostgreSQL in any process on the database
   * (LISTEN/NOTIFY). A wake-up carries nothing; read the outbox after your
   * last id. Listeners should also re-read now and then: a wake-up is a hint,
   * the outbox the truth.
   */
  onEvents(listener: () => void): EventSubscription;
}
