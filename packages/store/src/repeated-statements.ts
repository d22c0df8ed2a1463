/** More distinct texts than the store's cached shapes could ever make: a guard, not a tuning knob. */
const MAX_NAMES = 2_000;

const names = new Map<string, string>();

/**
 * Marks an SQL text the store compiled once to run again and again (a cached
 * shape of `preparedQuery` or `preparedInsert`, a full ingest chunk) and
 * gives it a statement name. On PostgreSQL such texts run as named prepared
 * statements, so each connection parses and plans them once; any other text
 * stays an unnamed statement.
 *
 * @example
 * markRepeated(compiled.sql);
 * repeatedStatementName(compiled.sql); // 'conn_12'
 */
export function markRepeated(sql: string): void {
  if (names.size < MAX_NAMES && !names.has(sql)) names.set(sql, `conn_${names.size}`);
}

/** The statement name of a text marked by {@link markRepeated}, or undefined. */
export function repeatedStatementName(sql: string): string | undefined {
  return names.get(sql);
}
