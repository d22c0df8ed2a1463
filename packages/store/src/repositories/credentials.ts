import { preparedQuery } from '../prepared-query';
import type { CredentialRow, NewCredential } from '../schema';
import type { StoreDb } from './store-db';

/** The query behind {@link findCredentialId}, for plan checks. */
export function credentialIdQuery(db: StoreDb, connectionId: string) {
  return db.selectFrom('credentials').select('id').where('connection_id', '=', connectionId);
}

/**
 * The id of the connection's credential (there is at most one), or
 * `undefined` when it has none.
 *
 * @example
 * const reached = (await findCredentialId(trx, connection.id)) !== undefined;
 */
export async function findCredentialId(
  db: StoreDb,
  connectionId: string,
): Promise<string | undefined> {
  const row = await credentialIdQuery(db, connectionId).executeTakeFirst();
  return row?.id;
}

/**
 * The vault envelope of the connection's credential, or `undefined` when it has none.
 *
 * @example
 * const sealed = await findSealedCredential(db, connection.id);
 * if (sealed !== undefined) vault.open(sealed, { connectionId });
 */
export async function findSealedCredential(
  db: StoreDb,
  connectionId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('credentials')
    .select(['sealed'])
    .where('connection_id', '=', connectionId)
    .executeTakeFirst();
  return row?.sealed;
}

/**
 * The credential rows of these connections (sealed envelopes included: callers
 * read metadata only).
 *
 * @example
 * const credentialBy = new Map((await listCredentialsOf(db, ids)).map((row) => [row.connection_id, row]));
 */
export async function listCredentialsOf(
  db: StoreDb,
  connectionIds: readonly string[],
): Promise<CredentialRow[]> {
  if (connectionIds.length === 0) return [];
  return credentialsOfQuery(db, connectionIds);
}

const credentialsOfQuery = preparedQuery((db, connectionIds: readonly string[]) =>
  db.selectFrom('credentials').selectAll().where('connection_id', 'in', connectionIds),
);

/**
 * Inserts a connection's first credential.
 *
 * @example
 * await insertCredential(trx, { id: newId('crd'), connection_id, kind, key_id, sealed, … });
 */
export async function insertCredential(db: StoreDb, row: NewCredential): Promise<void> {
  await db.insertInto('credentials').values(row).execute();
}

/** What a rotation replaces in a stored credential. */
export interface CredentialReplacement {
  readonly kind: string;
  readonly key_id: string;
  readonly sealed: string;
  readonly fingerprint: string;
  readonly validated_at: string | null;
  readonly rotated_at: string;
  /** When the replacement stops working by itself, as the provider said; null when it said none. */
  readonly expires_at: string | null;
}

/**
 * Replaces a stored credential's sealed secret and metadata (a rotation).
 *
 * @example
 * await replaceCredential(trx, existingId, { kind, key_id, sealed, fingerprint, validated_at, rotated_at: stamp, expires_at: null });
 */
export async function replaceCredential(
  db: StoreDb,
  credentialId: string,
  replacement: CredentialReplacement,
): Promise<void> {
  await db
    .updateTable('credentials')
    .set({
      kind: replacement.kind,
      key_id: replacement.key_id,
      sealed: replacement.sealed,
      fingerprint: replacement.fingerprint,
      validated_at: replacement.validated_at,
      rotated_at: replacement.rotated_at,
      expires_at: replacement.expires_at,
    })
    .where('id', '=', credentialId)
    .execute();
}

/**
 * Keeps what the provider last said about when the connection's credential
 * stops working (a sync reads it afresh); null when it says it never does.
 *
 * @example
 * await writeCredentialExpiry(trx, connection.id, '2026-12-10T09:14:00.000Z');
 */
export async function writeCredentialExpiry(
  db: StoreDb,
  connectionId: string,
  expiresAt: string | null,
): Promise<void> {
  await db
    .updateTable('credentials')
    .set({ expires_at: expiresAt })
    .where('connection_id', '=', connectionId)
    .execute();
}
