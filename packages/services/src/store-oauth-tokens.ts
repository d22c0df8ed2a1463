import type { Database } from '@conn/store';
import { newId } from '@conn/store';
import type { Kysely } from 'kysely';
import { type OAuthTokens, oauthTokensKind, sealableTokens } from './oauth-tokens';
import type { ServiceDeps } from './service-deps';

/**
 * Seals an OAuth token set for one connection (the vault binds it to that
 * connection id) and writes it as the connection's one credential, replacing
 * a stored one. True when it replaced one.
 *
 * @example
 * await storeOAuthTokens(deps, trx, connection.id, tokens, now);
 */
export async function storeOAuthTokens(
  deps: ServiceDeps,
  db: Kysely<Database>,
  connectionId: string,
  tokens: OAuthTokens,
  now: Date,
): Promise<boolean> {
  const bundle = sealableTokens(tokens);
  const sealed = deps.vault.seal(bundle, { connectionId });
  const fingerprint = deps.vault.fingerprint(bundle);
  const keyId = deps.vault.primaryKeyId!;
  const stamp = now.toISOString();
  const existing = await db
    .selectFrom('credentials')
    .select('id')
    .where('connection_id', '=', connectionId)
    .executeTakeFirst();
  if (existing !== undefined) {
    await db
      .updateTable('credentials')
      .set({
        kind: oauthTokensKind,
        key_id: keyId,
        sealed,
        fingerprint,
        validated_at: stamp,
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
      kind: oauthTokensKind,
      key_id: keyId,
      sealed,
      fingerprint,
      validated_at: stamp,
      rotated_at: null,
      created_at: stamp,
    })
    .execute();
  return false;
}
