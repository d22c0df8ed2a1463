import { ConnError } from '@conn/setup-engine';
import { loadBetterSqlite3 } from '../load-driver';

/**
 * Copies a SQLite database file to `destination` with SQLite's online backup
 * (better-sqlite3's `backup()`): consistent while a server keeps reading and
 * writing it, WAL contents included. Used both ways: a live database to a
 * backup file, and a backup file into a fresh data directory.
 *
 * @example
 * const { pages } = await backupSqliteFile('/data/conn.sqlite', '/backups/conn-2026-12-03.sqlite');
 */
export async function backupSqliteFile(
  source: string,
  destination: string,
): Promise<{ pages: number }> {
  const BetterSqlite3 = loadBetterSqlite3();
  let database: InstanceType<typeof BetterSqlite3>;
  try {
    database = new BetterSqlite3(source, { fileMustExist: true, readonly: true });
  } catch (error) {
    throw new ConnError(
      'invalid_request',
      `The SQLite database ${source} cannot be opened: ${(error as Error).message}.`,
    );
  }
  try {
    const { totalPages } = await database.backup(destination);
    return { pages: totalPages };
  } finally {
    database.close();
  }
}
