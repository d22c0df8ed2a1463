import { join } from 'node:path';
import { generatedKeyFileName } from '@conn/store';
import type { ServerConfig } from '../server-config';

/** Where the server's credential key lives, found without reading or creating it. */
export type CredentialKeyLocation =
  | { readonly provider: 'env' }
  | { readonly provider: 'file' | 'generated'; readonly path: string };

/**
 * The same choice `resolveKeyProvider` makes, without its side effect of
 * creating the generated key file: commands that only look (doctor, backup)
 * must not mint a key.
 *
 * @example
 * const location = credentialKeyLocation(config); // { provider: 'generated', path: '/data/credential.key' }
 */
export function credentialKeyLocation(config: ServerConfig): CredentialKeyLocation {
  if (config.keyEnv.CONN_CREDENTIAL_KEY !== undefined) return { provider: 'env' };
  if (config.keyEnv.CONN_CREDENTIAL_KEY_FILE !== undefined)
    return { provider: 'file', path: config.keyEnv.CONN_CREDENTIAL_KEY_FILE };
  return { provider: 'generated', path: join(config.dataDir, generatedKeyFileName) };
}
