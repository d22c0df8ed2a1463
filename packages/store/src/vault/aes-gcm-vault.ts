import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  hkdfSync,
  type KeyObject,
} from 'node:crypto';
import { ConnError, Secret, type SecretBundle } from '@conn/setup-engine';
import { credentialKeyMismatch } from './credential-key-mismatch';
import type { CredentialVault } from './credential-vault';
import { nextNonce } from './next-nonce';
import { decodePlaintext, encodePlaintext, type SealablePlaintext } from './plaintext-codec';
import {
  formatSealedEnvelope,
  parseSealedEnvelope,
  type SealedEnvelope,
  sealedEnvelopeVersion,
  tagBytes,
} from './sealed-envelope';
import type { VaultKeys } from './vault-key';
import { type VaultScope, vaultScopeLabel } from './vault-scope';

const cipher = 'aes-256-gcm';
const fingerprintInfo = 'conn/credential-vault/fingerprint/v1';
const fingerprintLength = 12;

/**
 * The vault with a key: AES-256-GCM from node:crypto, a fresh random 96-bit
 * nonce per seal, and the envelope header plus the scope as additional
 * authenticated data. Keys are imported once (no per-operation derivation),
 * so sealing costs one cipher call. Keys live in private fields; the object
 * prints and serializes as its key ids only.
 *
 * @example
 * const vault = new AesGcmVault(vaultKeysFrom([keyBytes]));
 * const sealed = vault.seal('ghp_…', { connectionId: 'con_1' });
 * vault.openSecret(sealed, { connectionId: 'con_1' }).reveal(); // 'ghp_…'
 */
export class AesGcmVault implements CredentialVault {
  readonly available = true;
  readonly primaryKeyId: string;
  readonly #primary: KeyObject;
  readonly #keys: ReadonlyMap<string, KeyObject>;
  readonly #fingerprintKey: KeyObject;

  constructor(keys: VaultKeys) {
    this.primaryKeyId = keys.primary.id;
    this.#primary = keys.primary.material;
    this.#keys = new Map(
      [keys.primary, ...keys.previous].map((key) => [key.id, key.material] as const),
    );
    // Derived once from the primary key, with its own label, so fingerprints
    // reveal nothing about the encryption key and cost one HMAC each.
    this.#fingerprintKey = createSecretKey(
      Buffer.from(hkdfSync('sha256', this.#primary, Buffer.alloc(0), fingerprintInfo, 32)),
    );
  }

  /** The ids of every key this vault can open with, primary first. */
  get keyIds(): readonly string[] {
    return [...this.#keys.keys()];
  }

  assertAvailable(): void {}

  seal(plaintext: SealablePlaintext, scope: VaultScope): string {
    const bytes = encodePlaintext(plaintext);
    try {
      return this.#encrypt(bytes, scope);
    } finally {
      bytes.fill(0);
    }
  }

  open(sealed: string, scope: VaultScope): Secret | SecretBundle {
    const bytes = this.#decrypt(parseSealedEnvelope(sealed), scope);
    try {
      return decodePlaintext(bytes);
    } finally {
      bytes.fill(0);
    }
  }

  openSecret(sealed: string, scope: VaultScope): Secret {
    const opened = this.open(sealed, scope);
    if (opened instanceof Secret) return opened;
    throw new ConnError(
      'internal_error',
      'Expected a single sealed value but this credential is a bundle.',
    );
  }

  openBundle(sealed: string, scope: VaultScope): SecretBundle {
    const opened = this.open(sealed, scope);
    if (!(opened instanceof Secret)) return opened;
    throw new ConnError(
      'internal_error',
      'Expected a sealed bundle but this credential is a single value.',
    );
  }

  needsResealing(sealed: string): boolean {
    return parseSealedEnvelope(sealed).keyId !== this.primaryKeyId;
  }

  reseal(sealed: string, scope: VaultScope): string {
    // Re-encrypts the opened bytes as they are: nothing is decoded into strings.
    const bytes = this.#decrypt(parseSealedEnvelope(sealed), scope);
    try {
      return this.#encrypt(bytes, scope);
    } finally {
      bytes.fill(0);
    }
  }

  fingerprint(plaintext: SealablePlaintext): string {
    const bytes = encodePlaintext(plaintext);
    const digest = createHmac('sha256', this.#fingerprintKey).update(bytes).digest('hex');
    bytes.fill(0);
    return digest.slice(0, fingerprintLength);
  }

  toJSON(): { primaryKeyId: string; keyIds: readonly string[] } {
    return { primaryKeyId: this.primaryKeyId, keyIds: this.keyIds };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `AesGcmVault { primaryKeyId: '${this.primaryKeyId}', keyIds: [${this.keyIds
      .map((id) => `'${id}'`)
      .join(', ')}] }`;
  }

  #encrypt(bytes: Buffer, scope: VaultScope): string {
    const aad = additionalData(this.primaryKeyId, vaultScopeLabel(scope));
    const nonce = nextNonce();
    const encryptor = createCipheriv(cipher, this.#primary, nonce, { authTagLength: tagBytes });
    encryptor.setAAD(aad);
    const ciphertext = Buffer.concat([encryptor.update(bytes), encryptor.final()]);
    return formatSealedEnvelope({
      version: sealedEnvelopeVersion,
      keyId: this.primaryKeyId,
      nonce,
      ciphertext,
      tag: encryptor.getAuthTag(),
    });
  }

  #decrypt(envelope: SealedEnvelope, scope: VaultScope): Buffer {
    const key = this.#keys.get(envelope.keyId);
    if (key === undefined) {
      throw credentialKeyMismatch('unknown_key', {
        key_id: envelope.keyId,
        known_key_ids: this.keyIds,
      });
    }
    const aad = additionalData(envelope.keyId, vaultScopeLabel(scope));
    const decryptor = createDecipheriv(cipher, key, envelope.nonce, { authTagLength: tagBytes });
    decryptor.setAAD(aad);
    decryptor.setAuthTag(envelope.tag);
    const head = decryptor.update(envelope.ciphertext);
    try {
      return Buffer.concat([head, decryptor.final()]);
    } catch {
      // GCM hands out unauthenticated plaintext before final(); wipe it. And
      // node:crypto's bare "Unsupported state or unable to authenticate data"
      // becomes a typed error that tells the owner what to do.
      head.fill(0);
      throw credentialKeyMismatch('authentication_failed', { key_id: envelope.keyId });
    }
  }
}

// The header is authenticated too, so a value cannot be relabelled with
// another key id or format version.
function additionalData(keyId: string, scopeLabel: string): Buffer {
  return Buffer.from(`${sealedEnvelopeVersion}.${keyId}.${scopeLabel}`, 'utf8');
}
