import { keyProviderSource } from '@conn/store';
import type { ServerConfig } from '../server-config';

/** Where the server's credential key lives, found without reading or creating it. */
export type CredentialKeyLocation =
  | { readonly provider: 'env' }
  | { readonly provider: 'file' | 'generated'; readonly path: string };

/**
 * The store's own choice of key provider (`keyProviderSource`) for this
 * server's settings, without `resolveKeyProvider`'s side effect of creating
 * the generated key file: commands that only look (doctor, backup, restore)
 * must not mint a key. The server always has a data directory, so there is
 * always a place to look.
 *
 * @example
 * const location = credentialKeyLocation(config); // { provider: 'generated', path: '/data/credential.key' }
 */
export function credentialKeyLocation(config: ServerConfig): CredentialKeyLocation {
  const source = keyProviderSource({ env: config.keyEnv, dataDir: config.dataDir });
  if (source.provider === 'env') return { provider: 'env' };
  if (source.provider === null) throw new Error('conn-server always has a data directory');
  return source;
}
