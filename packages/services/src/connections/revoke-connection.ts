import type { SetupStatus } from '@conn/setup-engine';
import { abandonEnrollment } from '../collectors/abandon-enrollment';
import { stopCollection } from '../collectors/stop-collection';
import type { Actor, ServiceDeps } from '../service-deps';
import { applyTransition } from '../shared/apply-transition';
import { writeAuditEvent } from '../shared/audit-event';
import { changedConcurrently } from '../shared/changed-concurrently';
import { loadOwnedConnection } from './load-owned-connection';
import { readSetupStatus } from './read-setup-status';

/**
 * Revokes a live connection (engine event `revoked`): collection stops at
 * once — its collector tokens are revoked, open enrollment codes retired,
 * queued and running runs cancelled, and its credential no longer opens for a
 * run — while its records stay. The connection stays listed as `revoked`
 * with its revocation time and offers reconnect. Revoking twice is a no-op;
 * revoking a setup that never finished abandons it.
 *
 * @example
 * const status = await services.revoke(ownerId, connectionId);
 * // status.setup_state === 'revoked', status.records_total unchanged
 */
export async function revokeConnection(
  deps: ServiceDeps,
  ownerId: string,
  connectionId: string,
  actor: Actor = 'owner',
): Promise<SetupStatus> {
  // A setup that never finished has nothing to revoke: giving it up is what the owner means.
  const current = await loadOwnedConnection(deps.store.db, ownerId, connectionId);
  if (current.status === 'draft') return abandonEnrollment(deps, ownerId, connectionId);
  const now = deps.clock();
  return deps.store.transaction(async (trx) => {
    const connection = await loadOwnedConnection(trx, ownerId, connectionId);
    const { changed } = await applyTransition(trx, connection, { type: 'revoked' }, now);
    if (!changed) throw changedConcurrently();
    const stopped = await stopCollection(trx, connection.id, now, { cancelRuns: 'revoked' });
    await writeAuditEvent(trx, now, {
      ownerId,
      actor,
      action: 'connection.revoked',
      connectionId: connection.id,
      details: {
        collector_tokens_revoked: stopped.revokedTokens,
        runs_cancelled: stopped.cancelledRuns,
      },
    });
    return readSetupStatus(deps, trx, ownerId, connection.id);
  });
}
