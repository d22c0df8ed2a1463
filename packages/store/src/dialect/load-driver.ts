import { createRequire } from 'node:module';

// Synchronous and lazy: a store opens only its own dialect's driver (native
// better-sqlite3 never loads for a PostgreSQL deployment), and without a
// top-level await, so `require('@conn/store')` keeps working.
const require = createRequire(import.meta.url);

/** The `pg` module, loaded the first time a PostgreSQL store opens. */
export function loadPg(): typeof import('pg') {
  return require('pg') as typeof import('pg');
}

/** The `better-sqlite3` constructor, loaded the first time a SQLite store opens. */
export function loadBetterSqlite3(): typeof import('better-sqlite3') {
  return require('better-sqlite3') as typeof import('better-sqlite3');
}
