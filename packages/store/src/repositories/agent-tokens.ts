import type { NewAgentToken } from '../schema';
import type { StoreDb } from './store-db';

/** What reads show of an agent token: never its hash. */
export interface AgentTokenListing {
  id: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  expires_at: string | null;
}

const listingColumns = [
  'id',
  'name',
  'created_at',
  'last_used_at',
  'revoked_at',
  'expires_at',
] as const;

/**
 * Inserts a new agent token (its hash only).
 *
 * @example
 * await insertAgentToken(store.db, { id: newId('agt'), owner_id, name, token_hash, … });
 */
export async function insertAgentToken(db: StoreDb, row: NewAgentToken): Promise<void> {
  await db.insertInto('agent_tokens').values(row).execute();
}

/**
 * The owner's agent tokens, revoked ones included, oldest first.
 *
 * @example
 * const tokens = await listOwnerAgentTokens(store.db, ownerId);
 */
export async function listOwnerAgentTokens(
  db: StoreDb,
  ownerId: string,
): Promise<AgentTokenListing[]> {
  return db
    .selectFrom('agent_tokens')
    .select(listingColumns)
    .where('owner_id', '=', ownerId)
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .execute();
}

/**
 * One of the owner's agent tokens; `undefined` when it does not exist or is another owner's.
 *
 * @example
 * const token = await findOwnedAgentToken(store.db, ownerId, id);
 */
export async function findOwnedAgentToken(
  db: StoreDb,
  ownerId: string,
  tokenId: string,
): Promise<AgentTokenListing | undefined> {
  return db
    .selectFrom('agent_tokens')
    .select(listingColumns)
    .where('id', '=', tokenId)
    .where('owner_id', '=', ownerId)
    .executeTakeFirst();
}

/**
 * Revokes one of the owner's agent tokens, unless it already was (another
 * owner's token is left alone).
 *
 * @example
 * await revokeOwnedAgentToken(store.db, ownerId, id, now);
 */
export async function revokeOwnedAgentToken(
  db: StoreDb,
  ownerId: string,
  tokenId: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('agent_tokens')
    .set({ revoked_at: now.toISOString() })
    .where('id', '=', tokenId)
    .where('owner_id', '=', ownerId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** The query behind {@link findAgentTokenByHash}, for plan checks. */
export function agentTokenByHashQuery(db: StoreDb, tokenHash: string) {
  return db
    .selectFrom('agent_tokens')
    .select(['id', 'owner_id', 'revoked_at', 'last_used_at', 'expires_at'])
    .where('token_hash', '=', tokenHash);
}

/**
 * The agent token whose bearer hashes to `tokenHash`, revoked or not.
 *
 * @example
 * const token = await findAgentTokenByHash(store.db, hashToken(bearer));
 */
export async function findAgentTokenByHash(
  db: StoreDb,
  tokenHash: string,
): Promise<
  | {
      id: string;
      owner_id: string;
      revoked_at: string | null;
      last_used_at: string | null;
      expires_at: string | null;
    }
  | undefined
> {
  return agentTokenByHashQuery(db, tokenHash).executeTakeFirst();
}

/**
 * Records that an agent token was just used.
 *
 * @example
 * await touchAgentToken(db, token.id, now);
 */
export async function touchAgentToken(db: StoreDb, id: string, now: Date): Promise<void> {
  await db
    .updateTable('agent_tokens')
    .set({ last_used_at: now.toISOString() })
    .where('id', '=', id)
    .execute();
}
