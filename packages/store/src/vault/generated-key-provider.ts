import { randomBytes } from 'node:crypto';
import { link, mkdir, open, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ConnError } from '@conn/setup-engine';
import { type KeyFileRead, readKeyFile } from './file-key-provider';
import { vaultKeyBytes } from './vault-key';

/** The name of the key file generated in the data directory. */
export const generatedKeyFileName = 'credential.key';

/** A generated key file, and whether this call created it. */
export interface GeneratedKeyFile extends KeyFileRead {
  readonly created: boolean;
}

/**
 * The `generated` key provider: reuses `<dataDir>/credential.key`, or creates
 * it on first boot with a fresh random key and mode 0600. Creation writes a
 * private temporary file and hard-links it into place, which fails if the
 * file already exists, so two replicas booting together on one volume agree
 * on one key and nobody ever reads a half-written file.
 *
 * @example
 * const { keys, created, path } = await loadOrCreateKeyFile('/var/lib/conn');
 * if (created) log.warn(`Created ${path}: back it up, stored credentials need it.`);
 */
export async function loadOrCreateKeyFile(dataDir: string): Promise<GeneratedKeyFile> {
  const path = join(dataDir, generatedKeyFileName);
  const created = (await isMissing(path)) ? await createKeyFile(dataDir, path) : false;
  return { ...(await readKeyFile(path, null)), created };
}

// Any other stat failure falls through to readKeyFile, which reports it clearly.
async function isMissing(path: string): Promise<boolean> {
  try {
    await stat(path);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

async function createKeyFile(dataDir: string, path: string): Promise<boolean> {
  const temporary = join(dataDir, `.${generatedKeyFileName}.${randomBytes(6).toString('hex')}.tmp`);
  const key = randomBytes(vaultKeyBytes);
  try {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(`${key.toString('base64')}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await link(temporary, path);
    return true;
  } catch (error) {
    // Another process created the file between our read and our link: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new ConnError(
      'invalid_request',
      `Could not create the credential key file in ${dataDir} (${code}). Make the data ` +
        'directory writable, or configure a credential key (CONN_CREDENTIAL_KEY or ' +
        'CONN_CREDENTIAL_KEY_FILE).',
      { setting: 'CONN_DATA_DIR' },
    );
  } finally {
    key.fill(0);
    await rm(temporary, { force: true });
  }
}
