import type { IntentNextStep, SetupState } from '@conn/setup-engine';
import type { Actor, ServiceDeps } from '../service-deps';
import { loadOwnedConnection } from './load-owned-connection';
import { readSetupStatus } from './read-setup-status';
import { reconnectIn } from './reconnect-in';

/** Where a reconnect lands the owner. */
export interface ReconnectResult {
  connection_id: string;
  setup_state: SetupState;
  next_step: IntentNextStep;
}

/**
 * Repairs a connection in place (engine event `reconnect_started`): a
 * revoked one becomes `needs_attention`, and the owner lands on this
 * connection's own step — its credential form, its authorization, or a fresh
 * enrollment code for its collector — never at the start of the catalog. On
 * a draft whose first sync failed it retries the first sync (a fresh code or
 * credential only when the failure needs one).
 *
 * @example
 * const { next_step } = await services.reconnect(ownerId, connectionId);
 */
export async function reconnectConnection(
  deps: ServiceDeps,
  ownerId: string,
  connectionId: string,
  actor: Actor = 'owner',
): Promise<ReconnectResult> {
  const now = deps.clock();
  return deps.store.transaction(async (trx) => {
    const connection = await loadOwnedConnection(trx, ownerId, connectionId);
    const { manifest } = deps.registry.require(connection.connector);
    const result = await reconnectIn(deps, trx, now, connection, manifest, actor);
    const status = await readSetupStatus(deps, trx, ownerId, connection.id);
    return { connection_id: connection.id, setup_state: status.setup_state, next_step: result };
  });
}
