import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConnError } from '@conn/setup-engine';
import { parseCredentialKeys } from './parse-credential-keys';
import type { VaultKeys } from './vault-key';

/** The environment variable naming a file that holds the credential key(s). */
export const credentialKeyFileEnv = 'CONN_CREDENTIAL_KEY_FILE';

// A key file is a few lines of base64; anything larger is the wrong file.
const maxKeyFileBytes = 64 * 1024;

/** Keys read from a key file, with warnings about how the file is kept. */
export interface KeyFileRead {
  readonly keys: VaultKeys;
  readonly path: string;
  readonly warnings: readonly string[];
}

/**
 * Reads a credential key file (base64 keys, one per line, newest first).
 * A missing, unreadable, oversized or invalid file is a clear start-up error
 * naming the file and the `setting` that pointed at it (null for the
 * generated file); a file other users can read is accepted with
 * a warning, so a restore from a backup that lost its modes still boots.
 *
 * @example
 * const { keys, warnings } = await readKeyFile(process.env.CONN_CREDENTIAL_KEY_FILE, 'CONN_CREDENTIAL_KEY_FILE');
 */
export async function readKeyFile(path: string, setting: string | null): Promise<KeyFileRead> {
  const absolute = resolve(path);
  const label =
    setting === null ? `The credential key file ${absolute}` : `${setting} (${absolute})`;
  const details = setting === null ? undefined : { setting };
  let text: string;
  let mode: number;
  try {
    const info = await stat(absolute);
    if (info.isDirectory()) {
      throw new ConnError('invalid_request', `${label} is a directory, not a key file.`, details);
    }
    if (info.size > maxKeyFileBytes) {
      throw new ConnError(
        'invalid_request',
        `${label} is too large to be a credential key file.`,
        details,
      );
    }
    mode = info.mode;
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    if (error instanceof ConnError) throw error;
    throw new ConnError(
      'invalid_request',
      `${label} cannot be read: ${describeFsError(error)}.`,
      details,
    );
  }
  return {
    keys: parseCredentialKeys(text, label, setting ?? undefined),
    path: absolute,
    warnings: permissionWarnings(absolute, mode),
  };
}

/**
 * Warns when a key file's mode lets other users read it. Windows has no
 * POSIX modes to check.
 *
 * @example
 * permissionWarnings('/data/credential.key', 0o100644); // ['The credential key file … chmod 600 …']
 */
export function permissionWarnings(path: string, mode: number): string[] {
  if (process.platform === 'win32' || (mode & 0o077) === 0) return [];
  const octal = (mode & 0o777).toString(8).padStart(3, '0');
  return [
    `The credential key file ${path} can be accessed by other users (mode ${octal}). ` +
      `Restrict it with \`chmod 600 ${path}\`.`,
  ];
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'the file does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory, not a key file';
  return code === undefined ? 'unknown error' : `error ${code}`;
}
