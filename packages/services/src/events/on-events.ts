import type { EventSubscription } from '@conn/store';
import type { ServiceDeps } from '../service-deps';

/**
 * Calls `listener` whenever new events may have committed (this process, or
 * any replica on PostgreSQL); read them with `listEvents` after your last id.
 *
 * @example
 * const subscription = onEvents(deps, () => wake());
 * await subscription.ready;
 */
export function onEvents(deps: ServiceDeps, listener: () => void): EventSubscription {
  return deps.store.onEvents(listener);
}
