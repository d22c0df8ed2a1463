import {
  findCredentialId,
  insertCredential,
  newId,
  replaceCredential,
  type SealablePlaintext,
  type StoreDb,
} from '@conn/store';
import type { ServiceDeps } from '../service-deps';

/**
 * Seals a credential for one connection (the vault binds it to that
 * connection id) and writes it as the connection's one credential row,
 * replacing a stored one. Resolves true when it replaced one (a rotation).
 * `expiresAt` is when the provider said this credential stops working by
 * itself (null or absent: it said none).
 *
 * @example
 * const rotated = await writeSealedCredential(deps, trx, connection.id, 'personal_access_token', secrets, { now, validated: true });
 */
export async function writeSealedCredential(
  deps: ServiceDeps,
  db: StoreDb,
  connectionId: string,
  kind: string,
  plaintext: SealablePlaintext,
  facts: { now: Date; validated: boolean; expiresAt?: string | null },
): Promise<boolean> {
  const stamp = facts.now.toISOString();
  const sealed = deps.vault.seal(plaintext, { connectionId });
  const fingerprint = deps.vault.fingerprint(plaintext);
  // A vault that sealed has a primary key: seal throws first when there is none.
  const keyId = deps.vault.primaryKeyId ?? '';
  const validatedAt = facts.validated ? stamp : null;
  const expiresAt = facts.expiresAt ?? null;
  const existingId = await findCredentialId(db, connectionId);
  if (existingId !== undefined) {
    await replaceCredential(db, existingId, {
      kind,
      key_id: keyId,
      sealed,
      fingerprint,
      validated_at: validatedAt,
      rotated_at: stamp,
      expires_at: expiresAt,
    });
    return true;
  }
  await insertCredential(db, {
    id: newId('crd'),
    connection_id: connectionId,
    kind,
    key_id: keyId,
    sealed,
    fingerprint,
    validated_at: validatedAt,
    rotated_at: null,
    expires_at: expiresAt,
    created_at: stamp,
  });
  return false;
}
