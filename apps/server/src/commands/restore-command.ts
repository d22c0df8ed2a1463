import { chmod, copyFile, mkdir, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { backupSqliteFile, openStore } from '@conn/store';
import { runningServers } from '../running-servers';
import { isPostgresUrl, loadServerConfig } from '../server-config';
import { credentialKeyLocation } from './credential-key-location';
import { OperatorCommandError } from './operator-command-error';
import { pathExists } from './path-exists';

/** What `conn-server restore <file>` takes. */
export interface RestoreOptions {
  env: NodeJS.ProcessEnv;
  cwd?: string;
  file: string;
  /** Replace a data directory that already holds a database or key. */
  force: boolean;
  print: (text: string) => void;
}

/** What a restore wrote (`--json`). */
export interface RestoreReport {
  readonly database: string;
  /** The key file put in place from `<file>.key`, or null when none came with the backup. */
  readonly key_file: string | null;
}

/**
 * `conn-server restore <file>`: puts a backup made by `conn-server backup`
 * in place as the data directory's SQLite database, and its `<file>.key`
 * (when there is one) as the credential key file. Refuses while a server is
 * running on the data directory, and refuses a data directory that already
 * holds a database or a key unless `--force`.
 *
 * @example
 * await restoreCommand({ env: process.env, file: 'conn.backup', force: false, print });
 */
export async function restoreCommand(options: RestoreOptions): Promise<RestoreReport> {
  const cwd = options.cwd ?? process.cwd();
  const config = loadServerConfig(options.env, cwd);
  if (isPostgresUrl(config.databaseUrl)) {
    throw new OperatorCommandError(
      'not_sqlite',
      'This server keeps its data in PostgreSQL: restore a pg_dump backup with pg_restore.',
    );
  }
  const source = resolve(cwd, options.file);
  if (!(await pathExists(source))) throw notABackup(source);
  const running = await runningServers(config.dataDir);
  if (running.length > 0) {
    throw new OperatorCommandError(
      'server_running',
      `A server is running on ${config.dataDir} (${running.map((r) => `${r.host}, process ${r.pid}`).join('; ')}). Stop it before restoring.`,
    );
  }
  const key = credentialKeyLocation(config);
  const keyBackup = `${source}.key`;
  const keyPath = key.provider === 'env' ? null : key.path;
  const bringsKey = keyPath !== null && (await pathExists(keyBackup));
  // The generated key file is the data directory's own; an operator's key file only if replaced.
  const occupied = [config.databaseUrl];
  if (keyPath !== null && (bringsKey || key.provider === 'generated')) occupied.push(keyPath);
  const present = (await Promise.all(occupied.map(pathExists))).some(Boolean);
  if (present && !options.force) {
    throw new OperatorCommandError(
      'target_not_empty',
      `${config.dataDir} already holds a database or a credential key. Restore into an empty data ` +
        'directory, or add --force to replace them.',
    );
  }
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  for (const suffix of ['', '-wal', '-shm'])
    await rm(`${config.databaseUrl}${suffix}`, { force: true });
  await backupSqliteFile(source, config.databaseUrl).catch(() => {
    throw notABackup(source);
  });
  await assertConnDatabase(config.databaseUrl, source);
  options.print(`Restored ${source} into ${config.databaseUrl}.\n`);

  if (bringsKey) {
    await copyFile(keyBackup, keyPath);
    await chmod(keyPath, 0o600);
    options.print(`Put the backup's credential key in ${keyPath}. Start the server to use it.\n`);
    return { database: config.databaseUrl, key_file: keyPath };
  }
  const where = keyPath ?? 'CONN_CREDENTIAL_KEY';
  options.print(
    `No key file came with this backup: put the backed-up server's credential key in ${where} ` +
      'before starting the server, or its stored credentials will not open.\n',
  );
  return { database: config.databaseUrl, key_file: null };
}

function notABackup(file: string): OperatorCommandError {
  return new OperatorCommandError(
    'backup_unreadable',
    `${file} is not a conn-server backup (a SQLite database written by conn-server backup).`,
  );
}

/** The restored file is a conn database; anything else is removed again. */
async function assertConnDatabase(database: string, source: string): Promise<void> {
  const store = openStore({ url: database });
  let tables: string[] = [];
  try {
    tables = (await store.db.introspection.getTables()).map((table) => table.name);
  } catch {
    // Not a database at all: handled below like any other file.
  } finally {
    await store.close();
  }
  if (tables.includes('credentials')) return;
  for (const suffix of ['', '-wal', '-shm']) await rm(`${database}${suffix}`, { force: true });
  throw notABackup(source);
}
