import type { Secret, SecretBundle } from '@conn/setup-engine';
import { AesGcmVault } from './aes-gcm-vault';
import { NullVault } from './null-vault';
import type { SealablePlaintext } from './plaintext-codec';
import type { VaultKeys } from './vault-key';
import type { VaultScope } from './vault-scope';

/**
 * The credential vault: seals secrets into text envelopes bound to a scope,
 * opens them back into `Secret`s, and fingerprints them for display.
 * Two implementations: `AesGcmVault` (a key is configured) and `NullVault`
 * (none is, so every operation fails closed with `credential_key_unavailable`).
 *
 * @example
 * const vault = createVault(resolved.keys);
 * vault.assertAvailable(); // before writing any row that will hold a sealed value
 * const sealed = vault.seal({ token }, { connectionId });
 * const { token: opened } = vault.openBundle(sealed, { connectionId });
 */
export interface CredentialVault {
  /** False when no credential key is configured: every other operation throws. */
  readonly available: boolean;
  /** The id of the key new values are sealed with; null without a key. */
  readonly primaryKeyId: string | null;
  /** Throws `credential_key_unavailable` unless a key is configured. */
  assertAvailable(): void;
  /** Seals a value for one scope under the primary key; returns the envelope text. */
  seal(plaintext: SealablePlaintext, scope: VaultScope): string;
  /** Opens an envelope sealed for `scope` under any key the vault holds. */
  open(sealed: string, scope: VaultScope): Secret | SecretBundle;
  /** `open` for a value sealed as a single string. */
  openSecret(sealed: string, scope: VaultScope): Secret;
  /** `open` for a value sealed as a bundle. */
  openBundle(sealed: string, scope: VaultScope): SecretBundle;
  /** True when the value was sealed with a key other than the primary (rotation pending). */
  needsResealing(sealed: string): boolean;
  /** Opens a value and seals it again under the primary key, for the same scope. */
  reseal(sealed: string, scope: VaultScope): string;
  /** A short non-reversible display value (12 hex characters), never the value itself. */
  fingerprint(plaintext: SealablePlaintext): string;
}

/**
 * The vault for a deployment's keys, or a fail-closed one when there are none.
 *
 * @example
 * const { keys } = await resolveKeyProvider({ env: process.env, dataDir });
 * const vault = createVault(keys); // keys === null → NullVault
 */
export function createVault(keys: VaultKeys | null): CredentialVault {
  return keys === null ? new NullVault() : new AesGcmVault(keys);
}
