import { ConnError } from '@conn/setup-engine';
import { findCollectorTokenGrant, hashToken, touchCollectorToken } from '@conn/store';
import type { ServiceDeps } from '../service-deps';

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
  const row = await findCollectorTokenGrant(deps.store.db, hashToken(token));
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
    await touchCollectorToken(deps.store.db, row.token_id, now);
  }
  return {
    token_id: row.token_id,
    connection_id: row.connection_id,
    owner_id: row.owner_id,
    connector: row.connector,
  };
}
