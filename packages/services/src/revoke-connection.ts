import type { SetupStatus } from '@conn/setup-engine';
import { applyTransition, changedConcurrently } from './apply-transition';
import { writeAuditEvent } from './audit-event';
import { readSetupStatus } from './get-setup-status';
import { loadOwnedConnection } from './owned-connection';
import type { Actor, ServiceDeps } from './service-deps';

/**
 * Revokes a live connection (engine event `revoked`): collection stops at
 * once — its collector tokens are revoked, open enrollment codes retired,
 * queued and running runs cancelled, and its credential no longer opens for a
 * run — while its records stay. The connection stays listed as `revoked`
 * with its revocation time and offers reconnect. Revoking twice is a no-op.
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
  const now = deps.clock();
  const stamp = now.toISOString();
  return deps.store.transaction(async (trx) => {
    const connection = await loadOwnedConnection(trx, ownerId, connectionId);
    const { changed } = await applyTransition(trx, connection, { type: 'revoked' }, now);
    if (!changed) throw changedConcurrently();
    const tokens = await trx
      .updateTable('collector_tokens')
      .set({ revoked_at: stamp })
      .where('connection_id', '=', connection.id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    await trx
      .updateTable('enrollment_codes')
      .set({ retired_at: stamp })
      .where('connection_id', '=', connection.id)
      .where('used_at', 'is', null)
      .where('retired_at', 'is', null)
      .execute();
    const runs = await trx
      .updateTable('runs')
      .set({ status: 'cancelled', error_code: 'revoked', finished_at: stamp })
      .where('connection_id', '=', connection.id)
      .where('status', 'in', ['queued', 'running'])
      .executeTakeFirst();
    await writeAuditEvent(trx, now, {
      ownerId,
      actor,
      action: 'connection.revoked',
      connectionId: connection.id,
      details: {
        collector_tokens_revoked: Number(tokens.numUpdatedRows),
        runs_cancelled: Number(runs.numUpdatedRows),
      },
    });
    return readSetupStatus(deps, trx, ownerId, connection.id);
  });
}
