import { copyFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { backupSqliteFile } from '@conn/store';
import { isPostgresUrl, loadServerConfig } from '../server-config';
import { credentialKeyLocation } from './credential-key-location';
import { OperatorCommandError } from './operator-command-error';
import { pathExists } from './path-exists';

/** What `conn-server backup <file>` takes. */
export interface BackupOptions {
  env: NodeJS.ProcessEnv;
  cwd?: string;
  file: string;
  /** Copy the key file to `<file>.key` too. */
  withKey: boolean;
  /** Replace an existing backup file. */
  force: boolean;
  print: (text: string) => void;
}

/** What a backup wrote (`--json`). */
export interface BackupReport {
  readonly database: string;
  /** The key file copied beside it, or null when the key was not included. */
  readonly key_file: string | null;
  /** Where the key the backup needs lives now, when it was not included. */
  readonly key_source: string | null;
}

/** The PostgreSQL answer: its own tools back it up better than conn could. */
export const postgresBackupAdvice =
  'This server keeps its data in PostgreSQL: back it up with pg_dump, for example ' +
  '`pg_dump --format=custom --file=conn.dump "$CONN_DATABASE_URL"`, and restore it with pg_restore. ' +
  'Keep the credential key with the dump, stored apart from it: stored credentials open only with it.';

/**
 * `conn-server backup <file>`: an online copy of the SQLite database (the
 * server may keep running), and with `--with-key` the credential key file
 * beside it as `<file>.key`. Without it, the output says where the key is
 * and that the backup's credentials open only with it.
 *
 * @example
 * await backupCommand({ env: process.env, file: 'conn.backup', withKey: false, force: false, print });
 */
export async function backupCommand(options: BackupOptions): Promise<BackupReport> {
  const cwd = options.cwd ?? process.cwd();
  const config = loadServerConfig(options.env, cwd);
  if (isPostgresUrl(config.databaseUrl))
    throw new OperatorCommandError('not_sqlite', postgresBackupAdvice);
  const target = resolve(cwd, options.file);
  if (!options.force && (await pathExists(target))) {
    throw new OperatorCommandError(
      'target_not_empty',
      `${target} already exists. Choose another file, or add --force to replace it.`,
    );
  }
  const { pages } = await backupSqliteFile(config.databaseUrl, target);
  options.print(`Backed up the database to ${target} (${pages} pages).\n`);

  const key = credentialKeyLocation(config);
  if (options.withKey && key.provider !== 'env') {
    const keyFile = `${target}.key`;
    await copyFile(key.path, keyFile);
    options.print(
      `The credential key is in ${keyFile}. Anyone holding both files can open the stored ` +
        'credentials: keep them apart, or encrypted.\n',
    );
    return { database: target, key_file: keyFile, key_source: null };
  }
  const source = key.provider === 'env' ? 'CONN_CREDENTIAL_KEY' : key.path;
  options.print(
    `The credential key is NOT in this backup. Its stored credentials open only with the key in ${source}: ` +
      'keep a copy of it somewhere safe, apart from the backup' +
      (key.provider === 'env' ? '.\n' : ' (or back up with --with-key).\n'),
  );
  return { database: target, key_file: null, key_source: source };
}
