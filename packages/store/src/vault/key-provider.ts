import type { KeyProvider } from '@conn/setup-engine';
import { credentialKeyEnv, keysFromEnv } from './env-key-provider';
import { credentialKeyFileEnv, readKeyFile } from './file-key-provider';
import { loadOrCreateKeyFile } from './generated-key-provider';
import { keyProviderSource } from './key-provider-source';
import type { VaultKeys } from './vault-key';

/** Where `resolveKeyProvider` looks. `dataDir` enables the generated key file. */
export interface KeyProviderInput {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly dataDir?: string | null;
}

/**
 * The credential key provider a deployment resolved to. `location` names
 * where the key came from (the variable or the file path) for readiness
 * output; `warnings` are for the start-up log; `created` is true on the boot
 * that generated the key file.
 */
export type ResolvedKeyProvider =
  | {
      readonly provider: Exclude<KeyProvider, null>;
      readonly keys: VaultKeys;
      readonly location: string;
      readonly created: boolean;
      readonly warnings: readonly string[];
    }
  | {
      readonly provider: null;
      readonly keys: null;
      readonly location: null;
      readonly created: false;
      readonly warnings: readonly string[];
    };

/**
 * Resolves the deployment's credential key, once, at start-up:
 * `CONN_CREDENTIAL_KEY` (base64) → `env`; else `CONN_CREDENTIAL_KEY_FILE` →
 * `file`; else, with a data directory, `<dataDir>/credential.key` created on
 * first boot → `generated`; else `{ provider: null }` and the vault fails
 * closed. A bad setting throws `invalid_request` naming the setting, never
 * its value. Empty variables count as unset.
 *
 * @example
 * const resolved = await resolveKeyProvider({ env: process.env, dataDir: config.dataDir });
 * for (const warning of resolved.warnings) log.warn(warning);
 * const vault = createVault(resolved.keys);
 */
export async function resolveKeyProvider(input: KeyProviderInput): Promise<ResolvedKeyProvider> {
  const source = keyProviderSource(input);
  switch (source.provider) {
    case 'env':
      return {
        provider: 'env',
        keys: keysFromEnv(source.value),
        location: credentialKeyEnv,
        created: false,
        warnings: [],
      };
    case 'file': {
      const { keys, path, warnings } = await readKeyFile(source.path, credentialKeyFileEnv);
      return { provider: 'file', keys, location: path, created: false, warnings };
    }
    case 'generated': {
      const { keys, path, created, warnings } = await loadOrCreateKeyFile(input.dataDir ?? '');
      return { provider: 'generated', keys, location: path, created, warnings };
    }
    default:
      return { provider: null, keys: null, location: null, created: false, warnings: [] };
  }
}
