import { lastEventId } from '@conn/store';
import { loadOwnedConnection } from '../connections/load-owned-connection';
import type { ServiceDeps } from '../service-deps';

/** Where a read of the events starts. */
export interface EventReadStart {
  /** The newest committed id now: a live stream without a resume point starts after it. */
  latestId: number;
}

/**
 * Checks what a read of the events names (a connection filter must be one
 * of the owner's connections: `connection_not_found` otherwise, like every
 * other route) and says where "from now on" begins. Called once per request,
 * not per page.
 *
 * @example
 * const { latestId } = await openEventRead(deps, ownerId, { connectionId });
 */
export async function openEventRead(
  deps: ServiceDeps,
  ownerId: string,
  options: { connectionId?: string },
): Promise<EventReadStart> {
  if (options.connectionId !== undefined) {
    await loadOwnedConnection(deps.store.db, ownerId, options.connectionId);
  }
  return { latestId: await lastEventId(deps.store.db) };
}
