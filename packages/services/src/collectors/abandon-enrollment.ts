import type { SetupStatus } from '@conn/setup-engine';
import { loadOwnedConnection } from '../connections/load-owned-connection';
import { readSetupStatus } from '../connections/read-setup-status';
import type { ServiceDeps } from '../service-deps';
import { applyTransition } from '../shared/apply-transition';
import { writeAuditEvent } from '../shared/audit-event';
import { changedConcurrently } from '../shared/changed-concurrently';
import { stopCollection } from './stop-collection';

/**
 * Abandons an unfinished setup attempt (engine event `shell_abandoned`): the
 * draft is retired, its codes and collector tokens stop working and its runs
 * are cancelled. Abandoning a retired attempt again returns it unchanged; an
 * attempt that already turned active is `already_active`.
 *
 * @example
 * await services.abandonEnrollment(ownerId, shellId);
 */
export async function abandonEnrollment(
  deps: ServiceDeps,
  ownerId: string,
  connectionId: string,
): Promise<SetupStatus> {
  const now = deps.clock();
  return deps.store.transaction(async (trx) => {
    const connection = await loadOwnedConnection(trx, ownerId, connectionId);
    // Abandoning twice (or after the sweeper retired it) is the same outcome, not a conflict.
    if (connection.status === 'draft' && connection.retired_at !== null) {
      return readSetupStatus(deps, trx, ownerId, connection.id);
    }
    const { changed } = await applyTransition(trx, connection, { type: 'shell_abandoned' }, now);
    if (!changed) throw changedConcurrently();
    await stopCollection(trx, connection.id, now, { cancelRuns: 'abandoned' });
    await writeAuditEvent(trx, now, {
      ownerId,
      actor: 'owner',
      action: 'setup.abandoned',
      connectionId: connection.id,
    });
    return readSetupStatus(deps, trx, ownerId, connection.id);
  });
}
