import type { Kysely } from 'kysely';
import type { Database } from '../schema';

/**
 * What every repository function runs its query on: `store.db`, or the `trx`
 * of a `store.transaction()` callback (a kysely `Transaction` is a `Kysely`).
 */
export type StoreDb = Kysely<Database>;
