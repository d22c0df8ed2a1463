import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * Wraps a better-sqlite3 database so `prepare` reuses statements by SQL text
 * (least recently used out first). kysely prepares every query anew; conn runs
 * the same few queries over and over (status reads, 500-row upserts), where
 * preparing costs as much as running. Sharing a statement is safe because the
 * single connection runs one query at a time, and SQLite re-prepares a cached
 * statement by itself after a schema change.
 *
 * @example
 * new SqliteDialect({ database: withStatementCache(new BetterSqlite3(file), 256) });
 */
export function withStatementCache(database: SqliteDatabase, capacity: number): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => {
      statements.clear();
      database.close();
    },
    prepare: (sql) => {
      let statement = statements.get(sql);
      if (statement === undefined) {
        statement = database.prepare(sql);
        if (statements.size >= capacity) {
          const oldest = statements.keys().next();
          if (oldest.done !== true) statements.delete(oldest.value);
        }
      } else {
        // Re-insert so Map order tracks recency.
        statements.delete(sql);
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}
