import { join } from 'node:path';
import { ConnError } from '@conn/setup-engine';
import { credentialKeyEnv } from './env-key-provider';
import { credentialKeyFileEnv } from './file-key-provider';
import { generatedKeyFileName } from './generated-key-provider';
import type { KeyProviderInput } from './key-provider';

/** Where a deployment's credential key comes from, decided without reading or creating it. */
export type KeyProviderSource =
  | { readonly provider: 'env'; readonly value: string }
  | { readonly provider: 'file' | 'generated'; readonly path: string }
  | { readonly provider: null };

/**
 * The choice `resolveKeyProvider` makes, on its own: `CONN_CREDENTIAL_KEY`,
 * else `CONN_CREDENTIAL_KEY_FILE`, else the generated key file in the data
 * directory, else none. Commands that only look (doctor, backup, restore)
 * use it so they never mint a key. Both variables set throws
 * `invalid_request` naming the setting; empty variables count as unset.
 *
 * @example
 * const source = keyProviderSource({ env: process.env, dataDir }); // { provider: 'generated', path: '/data/credential.key' }
 */
export function keyProviderSource(input: KeyProviderInput): KeyProviderSource {
  const key = nonEmpty(input.env[credentialKeyEnv]);
  const file = nonEmpty(input.env[credentialKeyFileEnv]);
  if (key !== undefined && file !== undefined) {
    throw new ConnError(
      'invalid_request',
      `Set only one of ${credentialKeyEnv} and ${credentialKeyFileEnv}, not both.`,
      { setting: credentialKeyEnv },
    );
  }
  if (key !== undefined) return { provider: 'env', value: key };
  if (file !== undefined) return { provider: 'file', path: file };
  if (input.dataDir)
    return { provider: 'generated', path: join(input.dataDir, generatedKeyFileName) };
  return { provider: null };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
