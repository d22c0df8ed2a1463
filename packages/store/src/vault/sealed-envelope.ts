import { credentialKeyMismatch } from './credential-key-mismatch';

/** The envelope format this vault writes. */
export const sealedEnvelopeVersion = 'v1';
/** AES-GCM nonce length: 96 bits, the size GCM is specified for. */
export const nonceBytes = 12;
/** AES-GCM tag length: the full 128 bits. */
export const tagBytes = 16;

/**
 * The parts of a sealed value. Its text form is
 * `v1.<keyId>.<nonce>.<ciphertext>.<tag>` with base64url segments, compact
 * enough for a text column and safe in any SQL dialect.
 */
export interface SealedEnvelope {
  readonly version: typeof sealedEnvelopeVersion;
  readonly keyId: string;
  readonly nonce: Buffer;
  readonly ciphertext: Buffer;
  readonly tag: Buffer;
}

const keyIdPattern = /^[0-9a-f]{8}$/;
const base64urlPattern = /^[A-Za-z0-9_-]+$/;

/**
 * Writes an envelope as text.
 *
 * @example
 * formatSealedEnvelope({ version: 'v1', keyId, nonce, ciphertext, tag }); // 'v1.3fa91c0d.…'
 */
export function formatSealedEnvelope(envelope: SealedEnvelope): string {
  return [
    envelope.version,
    envelope.keyId,
    envelope.nonce.toString('base64url'),
    envelope.ciphertext.toString('base64url'),
    envelope.tag.toString('base64url'),
  ].join('.');
}

/**
 * Reads an envelope's text strictly: anything but the exact canonical form
 * throws `credential_key_mismatch` (reason `malformed_envelope` or
 * `unsupported_version`) rather than a raw decoding error. Canonical base64url
 * is required because Node's decoder ignores stray characters and padding
 * bits, which would let an altered envelope decode to the same bytes.
 *
 * @example
 * const { keyId } = parseSealedEnvelope(row.sealed);
 */
export function parseSealedEnvelope(text: string): SealedEnvelope {
  if (typeof text !== 'string') throw credentialKeyMismatch('malformed_envelope');
  const segments = text.split('.');
  if (segments.length !== 5) throw credentialKeyMismatch('malformed_envelope');
  const [version, keyId, nonceText, ciphertextText, tagText] = segments as [
    string,
    string,
    string,
    string,
    string,
  ];
  if (version !== sealedEnvelopeVersion) {
    throw credentialKeyMismatch(
      /^v\d{1,4}$/.test(version) ? 'unsupported_version' : 'malformed_envelope',
    );
  }
  if (!keyIdPattern.test(keyId)) throw credentialKeyMismatch('malformed_envelope');
  const nonce = decodeSegment(nonceText);
  const ciphertext = decodeSegment(ciphertextText);
  const tag = decodeSegment(tagText);
  if (nonce.length !== nonceBytes || tag.length !== tagBytes) {
    throw credentialKeyMismatch('malformed_envelope');
  }
  return { version, keyId, nonce, ciphertext, tag };
}

/**
 * The key id a sealed value names, for the `key_id` column next to it.
 *
 * @example
 * await db.insertInto('credentials').values({ sealed, key_id: sealedKeyId(sealed), … });
 */
export function sealedKeyId(sealed: string): string {
  return parseSealedEnvelope(sealed).keyId;
}

function decodeSegment(segment: string): Buffer {
  if (!base64urlPattern.test(segment)) throw credentialKeyMismatch('malformed_envelope');
  const bytes = Buffer.from(segment, 'base64url');
  if (bytes.toString('base64url') !== segment) throw credentialKeyMismatch('malformed_envelope');
  return bytes;
}
