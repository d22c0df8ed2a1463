import type { Database, SealablePlaintext } from '@conn/store';
import { newId } from '@conn/store';
import type { Kysely } from 'kysely';
import type { ServiceDeps } from './service-deps';

/**
 * Seals a credential for one connection (the vault binds it to that
 * connection id) and writes it as the connection's one credential row,
 * replacing a stored one. Resolves true when it replaced one (a rotation).
 *
 * @example
 * const rotated = await writeSealedCredential(deps, trx, connection.id, 'personal_access_token', secrets, { now, validated: true });
 */
export async function writeSealedCredential(
  deps: ServiceDeps,
  db: Kysely<Database>,
  connectionId: string,
  kind: string,
  plaintext: SealablePlaintext,
  facts: { now: Date; validated: boolean },
): Promise<boolean> {
  const stamp = facts.now.toISOString();
  const sealed = deps.vault.seal(plaintext, { connectionId });
  const fingerprint = deps.vault.fingerprint(plaintext);
  // A vault that sealed has a primary key: seal throws first when there is none.
  const keyId = deps.vault.primaryKeyId ?? '';
  const validatedAt = facts.validated ? stamp : null;
  const existing = await db
    .selectFrom('credentials')
    .select(['id'])
    .where('connection_id', '=', connectionId)
    .executeTakeFirst();
  if (existing !== undefined) {
    await db
      .updateTable('credentials')
      .set({
        kind,
        key_id: keyId,
        sealed,
        fingerprint,
        validated_at: validatedAt,
        rotated_at: stamp,
      })
      .where('id', '=', existing.id)
      .execute();
    return true;
  }
  await db
    .insertInto('credentials')
    .values({
      id: newId('crd'),
      connection_id: connectionId,
      kind,
      key_id: keyId,
      sealed,
      fingerprint,
      validated_at: validatedAt,
      rotated_at: null,
      created_at: stamp,
    })
    .execute();
  return false;
}
