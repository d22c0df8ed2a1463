import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import type { VaultScope } from './vault-scope';

/** One stored sealed value: its row's key and its envelope. */
export interface SealedValue {
  readonly id: string;
  readonly sealed: string;
}

/**
 * A column holding sealed values, with the scope each value is bound to and
 * how to read and compare-and-replace them. Every sealed column of the schema
 * is listed in {@link sealedColumns}, so a key rotation cannot miss one.
 */
export interface SealedColumn {
  readonly table: 'credentials' | 'provider_apps' | 'authorization_sessions' | 'webhooks';
  scope(id: string): VaultScope;
  all(db: Kysely<Database>): Promise<SealedValue[]>;
  /** Writes `sealed` only if the row still holds `previous.sealed`; true when it did. */
  replace(
    db: Kysely<Database>,
    previous: SealedValue,
    sealed: string,
    keyId: string,
  ): Promise<boolean>;
}

const changed = (result: { numUpdatedRows: bigint }) => result.numUpdatedRows > 0n;

/** Every sealed column in the schema. */
export const sealedColumns: readonly SealedColumn[] = [
  {
    table: 'credentials',
    scope: (connectionId) => ({ connectionId }),
    all: (db) =>
      db
        .selectFrom('credentials')
        .select(['connection_id as id', 'sealed'])
        .orderBy('id')
        .execute(),
    replace: async (db, previous, sealed, keyId) =>
      changed(
        await db
          .updateTable('credentials')
          .set({ sealed, key_id: keyId })
          .where('connection_id', '=', previous.id)
          .where('sealed', '=', previous.sealed)
          .executeTakeFirst(),
      ),
  },
  {
    table: 'provider_apps',
    scope: (providerAppGroup) => ({ providerAppGroup }),
    all: (db) =>
      db
        .selectFrom('provider_apps')
        .select(['group_key as id', 'client_secret_sealed as sealed'])
        .orderBy('group_key')
        .execute(),
    replace: async (db, previous, sealed, keyId) =>
      changed(
        await db
          .updateTable('provider_apps')
          .set({ client_secret_sealed: sealed, key_id: keyId })
          .where('group_key', '=', previous.id)
          .where('client_secret_sealed', '=', previous.sealed)
          .executeTakeFirst(),
      ),
  },
  {
    table: 'authorization_sessions',
    scope: (authSessionId) => ({ authSessionId }),
    all: (db) =>
      db
        .selectFrom('authorization_sessions')
        .select(['id', 'verifier_sealed as sealed'])
        .orderBy('id')
        .execute(),
    replace: async (db, previous, sealed, keyId) =>
      changed(
        await db
          .updateTable('authorization_sessions')
          .set({ verifier_sealed: sealed, key_id: keyId })
          .where('id', '=', previous.id)
          .where('verifier_sealed', '=', previous.sealed)
          .executeTakeFirst(),
      ),
  },
  {
    table: 'webhooks',
    scope: (webhookId) => ({ webhookId }),
    all: (db) =>
      db.selectFrom('webhooks').select(['id', 'secret_sealed as sealed']).orderBy('id').execute(),
    replace: async (db, previous, sealed, keyId) =>
      changed(
        await db
          .updateTable('webhooks')
          .set({ secret_sealed: sealed, key_id: keyId })
          .where('id', '=', previous.id)
          .where('secret_sealed', '=', previous.sealed)
          .executeTakeFirst(),
      ),
  },
];
