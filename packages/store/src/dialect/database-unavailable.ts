import { ConnError } from '@conn/setup-engine';

// PostgreSQL SQLSTATEs that mean "the database is not there to answer": a lost
// or refused connection (class 08), shutdown or start-up (57P01–57P03),
// too many connections, or a database/schema/table that is gone (dropped).
const postgresStates = /^(08...|57P0[1-3]|53300|3D000|3F000|42P01)$/;
const socketCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// node-postgres reports a dead pool or socket in words, without a code.
const postgresMessages =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection refused/;
// SQLite: the file cannot be opened, read or written, or its tables are gone.
const sqliteCodes = /^SQLITE_(CANTOPEN|IOERR|NOTADB|CORRUPT|READONLY_DBMOVED|FULL|BUSY)/;
const sqliteMessages = /no such table/;

/**
 * True when a driver error says the database is unreachable or unusable
 * rather than that this query was wrong: such a failure is the server's
 * state, answered 503 and retried, never a 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : '';
  if (typeof code === 'string') {
    if (postgresStates.test(code) || socketCodes.has(code) || sqliteCodes.test(code)) return true;
    if (code.startsWith('SQLITE_') && sqliteMessages.test(text)) return true;
  }
  return postgresMessages.test(text);
}

/**
 * The one error a caller sees for an unavailable database: `database_unavailable`,
 * with no driver text (which may name hosts or files).
 */
export function databaseUnavailable(): ConnError<'database_unavailable'> {
  return new ConnError(
    'database_unavailable',
    'The database is not reachable right now. Try again in a moment.',
  );
}
