import { ConnError, Secret, type SecretBundle } from '@conn/setup-engine';

/**
 * What the vault seals: one value, or a bundle of named values sealed as one
 * (e.g. a username and a password). Plain strings and `Secret`s are both
 * accepted so callers holding a `Secret` never have to reveal it themselves.
 */
export type SealablePlaintext = string | Secret | Readonly<Record<string, string | Secret>>;

// The first plaintext byte says which shape follows; it is encrypted and
// authenticated with the value, so the shape cannot be flipped from outside.
const singleTag = 0x00;
const bundleTag = 0x01;

/**
 * Encodes a plaintext into the bytes that get encrypted. Bundle fields are
 * sorted so equal bundles encode (and fingerprint) identically.
 *
 * @example
 * encodePlaintext({ username: 'me', password: pw }); // <01 7b 22 70 …>
 */
export function encodePlaintext(plaintext: SealablePlaintext): Buffer {
  if (typeof plaintext === 'string') return tagged(singleTag, plaintext);
  if (isSecretLike(plaintext)) return tagged(singleTag, plaintext.reveal());
  if (typeof plaintext !== 'object' || plaintext === null) {
    throw new ConnError('invalid_request', 'Only a string, a Secret or a bundle can be sealed.');
  }
  const fields = Object.keys(plaintext).sort();
  if (fields.length === 0) {
    throw new ConnError('invalid_request', 'A credential bundle needs at least one field.');
  }
  // No prototype, so a field named `__proto__` is kept as data, not swallowed.
  const record: Record<string, string> = Object.create(null);
  for (const field of fields) {
    const value: unknown = plaintext[field];
    if (typeof value === 'string') record[field] = value;
    else if (isSecretLike(value)) record[field] = value.reveal();
    else {
      throw new ConnError(
        'invalid_request',
        `Credential bundle field "${field}" must be a string or a Secret.`,
      );
    }
  }
  return tagged(bundleTag, JSON.stringify(record));
}

/**
 * Decodes opened bytes back into a `Secret` or a frozen `SecretBundle`.
 * Only called on bytes that passed authentication, so a shape error here
 * means a bug, not an attack.
 *
 * @example
 * const opened = decodePlaintext(bytes); // Secret | SecretBundle
 */
export function decodePlaintext(bytes: Buffer): Secret | SecretBundle {
  const text = bytes.toString('utf8', 1);
  if (bytes[0] === singleTag) return new Secret(text);
  if (bytes[0] === bundleTag) {
    const parsed = parseJson(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      const entries = Object.entries(parsed);
      if (entries.every(([, value]) => typeof value === 'string')) {
        return Object.freeze(
          Object.fromEntries(entries.map(([field, value]) => [field, new Secret(value as string)])),
        );
      }
    }
  }
  throw new ConnError(
    'internal_error',
    'A sealed credential opened but its content is not in a shape this version of conn reads.',
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function tagged(tag: number, text: string): Buffer {
  const bytes = Buffer.allocUnsafe(1 + Buffer.byteLength(text, 'utf8'));
  bytes[0] = tag;
  bytes.write(text, 1, 'utf8');
  return bytes;
}

// Duck-typed as well as `instanceof`: a Secret from a second copy of
// @conn/setup-engine has no enumerable fields and would otherwise be sealed
// as an empty bundle.
function isSecretLike(value: unknown): value is Secret {
  return (
    value instanceof Secret ||
    (typeof value === 'object' &&
      value !== null &&
      typeof (value as { reveal?: unknown }).reveal === 'function')
  );
}
