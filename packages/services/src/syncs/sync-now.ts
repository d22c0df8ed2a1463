import type { SetupStatus } from '@conn/setup-engine';
import { readSetupStatus } from '../connections/read-setup-status';
import { queueRun } from '../runs/queue-run';
import type { Actor, ServiceDeps } from '../service-deps';

/**
 * "Sync now": queues a sync of a live server-collected connection (or the
 * first sync of a draft that has its credential) without waiting for the
 * schedule, and answers its setup-status with the run. A sync already queued
 * or running is the answer instead of a second one.
 *
 * @example
 * const status = await services.syncNow(ownerId, connectionId, 'owner');
 * status.run?.status; // 'queued'
 */
export async function syncNow(
  deps: ServiceDeps,
  ownerId: string,
  connectionId: string,
  actor: Actor = 'owner',
): Promise<SetupStatus> {
  await queueRun(deps, ownerId, connectionId, actor);
  return readSetupStatus(deps, deps.store.db, ownerId, connectionId);
}
