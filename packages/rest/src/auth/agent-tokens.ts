import { ConnError } from '@conn/setup-engine';
import { hashToken, newId, newToken, type Store } from '@conn/store';
import { tokenPrefixes } from './token-prefixes';

/** What reads show of an owner-agent token: never the token itself. */
export interface AgentTokenView {
  id: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** Creates an owner-agent token; the plaintext is returned once. */
export async function createAgentToken(
  store: Store,
  ownerId: string,
  name: string,
  now: Date,
): Promise<{ token: string; view: AgentTokenView }> {
  const token = newToken(tokenPrefixes.agent);
  const view: AgentTokenView = {
    id: newId('agt'),
    name,
    created_at: now.toISOString(),
    last_used_at: null,
    revoked_at: null,
  };
  await store.db
    .insertInto('agent_tokens')
    .values({ ...view, owner_id: ownerId, token_hash: hashToken(token) })
    .execute();
  return { token: token.reveal(), view };
}

export async function listAgentTokens(store: Store, ownerId: string): Promise<AgentTokenView[]> {
  return store.db
    .selectFrom('agent_tokens')
    .select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at'])
    .where('owner_id', '=', ownerId)
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .execute();
}

/** Revokes a token; it fails on its very next use. */
export async function revokeAgentToken(
  store: Store,
  ownerId: string,
  id: string,
  now: Date,
): Promise<AgentTokenView> {
  await store.db
    .updateTable('agent_tokens')
    .set({ revoked_at: now.toISOString() })
    .where('id', '=', id)
    .where('owner_id', '=', ownerId)
    .where('revoked_at', 'is', null)
    .execute();
  const row = await store.db
    .selectFrom('agent_tokens')
    .select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at'])
    .where('id', '=', id)
    .where('owner_id', '=', ownerId)
    .executeTakeFirst();
  if (row === undefined) throw new ConnError('agent_token_not_found', `No agent token ${id}.`);
  return row;
}

/** Resolves a live agent token, or null. */
export async function findAgentToken(
  store: Store,
  token: string,
): Promise<{ id: string; owner_id: string } | null> {
  const row = await store.db
    .selectFrom('agent_tokens')
    .select(['id', 'owner_id', 'revoked_at'])
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();
  return row === undefined || row.revoked_at !== null ? null : row;
}
