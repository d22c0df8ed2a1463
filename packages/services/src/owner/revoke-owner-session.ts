import { revokeOwnerSessionById } from '@conn/store';
import type { ServiceDeps } from '../service-deps';

/**
 * Ends an owner session at once (logout).
 *
 * @example
 * await services.revokeOwnerSession(principal.sessionId);
 */
export async function revokeOwnerSession(deps: ServiceDeps, sessionId: string): Promise<void> {
  await revokeOwnerSessionById(deps.store.db, sessionId, deps.clock());
}
