import type { Kysely } from 'kysely';
import type { Database } from '../schema';

/**
 * What a dialect's connection factory hands to `openStore`: the query builder
 * and the one way to release everything it opened.
 *
 * @example
 * const { db, close } = connectSqlite({ file: ':memory:', busyTimeoutMs: 5000 });
 */
export interface DialectConnection {
  readonly db: Kysely<Database>;
  close(): Promise<void>;
}
