import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { VaultKey } from './vault-key';

const header =
  '# conn credential keys, base64, newest first. The first seals; the others only\n' +
  '# open values sealed before a rotation, until `conn-server rotate-key` retires them.\n';

/**
 * Replaces a credential key file with these keys (newest first), atomically:
 * a private temporary file (mode 0600) is written, synced and renamed over
 * the old one, so a crash leaves either the old file or the new one, never
 * half of either.
 *
 * @example
 * await writeKeyFile('/data/credential.key', [newKey, ...keys.previous]);
 */
export async function writeKeyFile(path: string, keys: readonly VaultKey[]): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const lines = keys.map((key) => {
    const bytes = key.material.export();
    try {
      return bytes.toString('base64');
    } finally {
      bytes.fill(0);
    }
  });
  try {
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(`${header}${lines.join('\n')}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } finally {
    await rm(temporary, { force: true });
  }
}
