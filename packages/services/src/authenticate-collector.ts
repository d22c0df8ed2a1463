import { ConnError } from '@conn/setup-engine';
import { hashToken } from '@conn/store';
import type { ServiceDeps } from './service-deps';

/** The collector a token belongs to. */
export interface CollectorPrincipal {
  token_id: string;
  connection_id: string;
  owner_id: string;
  connector: string;
}

/** Writing last_used_at on every call would turn each read into a write; a minute is precise enough. */
export const lastUsedResolutionMs = 60_000;

/**
 * Resolves a collector bearer token to its connection, or throws
 * `unauthenticated`. Revoked tokens, and tokens of revoked connections or
 * retired drafts, fail at once.
 *
 * @example
 * const collector = await services.authenticateCollector(bearer);
 * await services.ingestRecords({ connectionId: collector.connection_id, stream, records });
 */
export async function authenticateCollector(
  deps: ServiceDeps,
  token: string,
): Promise<CollectorPrincipal> {
  const row = await deps.store.db
    .selectFrom('collector_tokens')
    .innerJoin('connections', 'connections.id', 'collector_tokens.connection_id')
    .select([
      'collector_tokens.id as token_id',
      'collector_tokens.connection_id as connection_id',
      'collector_tokens.revoked_at as revoked_at',
      'collector_tokens.last_used_at as last_used_at',
      'connections.owner_id as owner_id',
      'connections.connector as connector',
      'connections.status as status',
      'connections.retired_at as retired_at',
    ])
    .where('collector_tokens.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (
    row === undefined ||
    row.revoked_at !== null ||
    row.status === 'revoked' ||
    row.retired_at !== null
  ) {
    throw new ConnError(
      'unauthenticated',
      'This collector token is not valid. Enroll the device again.',
    );
  }
  const now = deps.clock();
  if (
    row.last_used_at === null ||
    now.getTime() - Date.parse(row.last_used_at) > lastUsedResolutionMs
  ) {
    await deps.store.db
      .updateTable('collector_tokens')
      .set({ last_used_at: now.toISOString() })
      .where('id', '=', row.token_id)
      .execute();
  }
  return {
    token_id: row.token_id,
    connection_id: row.connection_id,
    owner_id: row.owner_id,
    connector: row.connector,
  };
}
