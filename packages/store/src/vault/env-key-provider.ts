import { parseCredentialKeys } from './parse-credential-keys';
import type { VaultKeys } from './vault-key';

/** The environment variable holding the credential key(s) as base64. */
export const credentialKeyEnv = 'CONN_CREDENTIAL_KEY';

/**
 * Reads the `env` key provider: `CONN_CREDENTIAL_KEY`, one base64 key, or
 * several (comma-separated, newest first) during a rotation.
 *
 * @example
 * const keys = keysFromEnv(process.env.CONN_CREDENTIAL_KEY ?? '');
 */
export function keysFromEnv(value: string): VaultKeys {
  return parseCredentialKeys(value, credentialKeyEnv, credentialKeyEnv);
}
