import { ConnError, type ErrorDetails } from '@conn/setup-engine';

/**
 * Why a sealed value failed to open. All of them surface as one error code,
 * `credential_key_mismatch`: the owner's remedy is the same (restore the right
 * key or reconnect), and AES-GCM cannot tell a wrong key from an altered value
 * or a value copied from another scope. The reason travels in `details` for
 * operators and tests.
 */
export type CredentialKeyMismatchReason =
  | 'unknown_key'
  | 'authentication_failed'
  | 'malformed_envelope'
  | 'unsupported_version';

const messages: Record<CredentialKeyMismatchReason, (keyId: string | undefined) => string> = {
  unknown_key: (keyId) =>
    `This credential was sealed with credential key ${keyId}, which this server does not hold. ` +
    'Restore that key (as the current or a previous key) to read it, or reconnect to store it again.',
  authentication_failed: (keyId) =>
    `This credential could not be opened with credential key ${keyId}: the key differs from the one ` +
    'it was sealed with, or the stored value was altered or belongs to another connection. ' +
    'Nothing was changed; restore the original key or reconnect.',
  malformed_envelope: () =>
    'This stored credential is damaged or is not a sealed conn credential, so it cannot be opened. ' +
    'Reconnect to store it again.',
  unsupported_version: () =>
    'This credential was sealed in a format this version of conn does not read. ' +
    'Upgrade the server, or reconnect to store it again.',
};

/**
 * Builds the `credential_key_mismatch` error for a reason. Messages are made
 * from non-secret facts only (a key id is a hash prefix, not key material).
 *
 * @example
 * throw credentialKeyMismatch('unknown_key', { key_id: '3fa91c0d', known_key_ids: ['77ab0e12'] });
 */
export function credentialKeyMismatch(
  reason: CredentialKeyMismatchReason,
  facts: { key_id?: string; known_key_ids?: readonly string[] } = {},
): ConnError<'credential_key_mismatch'> {
  const details: ErrorDetails = { reason, ...facts };
  return new ConnError('credential_key_mismatch', messages[reason](facts.key_id), details);
}
