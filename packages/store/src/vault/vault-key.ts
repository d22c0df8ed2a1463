import { createHash, createSecretKey, type KeyObject } from 'node:crypto';
import { ConnError } from '@conn/setup-engine';

/** AES-256 needs exactly this many key bytes. */
export const vaultKeyBytes = 32;

/**
 * One credential key, imported once. The material is a KeyObject, which
 * prints as `SecretKeyObject {}` and serializes as `{}`, so holding keys in
 * ordinary objects cannot leak them through logs or JSON.
 */
export interface VaultKey {
  /** Non-secret identifier: the first 8 hex characters of SHA-256 of the key bytes. */
  readonly id: string;
  readonly material: KeyObject;
}

/**
 * The keys a vault holds: `primary` seals; `previous` (older keys after a
 * rotation) only open values sealed before the rotation.
 *
 * @example
 * const keys: VaultKeys = { primary: importVaultKey(newBytes), previous: [importVaultKey(oldBytes)] };
 */
export interface VaultKeys {
  readonly primary: VaultKey;
  readonly previous: readonly VaultKey[];
}

/**
 * The key id of raw key bytes. SHA-256 of a random 256-bit key reveals
 * nothing about it, so the id can be stored next to sealed values and shown
 * in error messages.
 *
 * @example
 * vaultKeyId(randomBytes(32)); // e.g. '3fa91c0d'
 */
export function vaultKeyId(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 8);
}

/**
 * Imports 32 raw key bytes as a VaultKey. The caller may wipe its buffer
 * afterwards: the KeyObject keeps its own copy.
 *
 * @example
 * const key = importVaultKey(Buffer.from(process.env.KEY_B64, 'base64'));
 */
export function importVaultKey(bytes: Uint8Array): VaultKey {
  if (bytes.byteLength !== vaultKeyBytes) {
    throw new ConnError(
      'invalid_request',
      `A credential key must be exactly ${vaultKeyBytes} bytes (got ${bytes.byteLength}).`,
    );
  }
  return Object.freeze({ id: vaultKeyId(bytes), material: createSecretKey(bytes) });
}

/**
 * Builds the key set of a vault from raw keys, newest first: the first key
 * becomes the primary, the rest open older values. Repeated keys are dropped.
 *
 * @example
 * const keys = vaultKeysFrom([currentKeyBytes, keyBytesBeforeRotation]);
 */
export function vaultKeysFrom(keys: readonly Uint8Array[]): VaultKeys {
  const [first, ...rest] = keys;
  if (first === undefined) {
    throw new ConnError('invalid_request', 'A vault needs at least one credential key.');
  }
  const primary = importVaultKey(first);
  const seen = new Set([primary.id]);
  const previous: VaultKey[] = [];
  for (const bytes of rest) {
    const key = importVaultKey(bytes);
    if (!seen.has(key.id)) {
      seen.add(key.id);
      previous.push(key);
    }
  }
  return Object.freeze({ primary, previous: Object.freeze(previous) });
}
