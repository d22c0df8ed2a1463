import { syncIntervalMs } from '@conn/setup-engine';
import type { ServiceDeps } from '../service-deps';

/**
 * How often a connection of this connector syncs or reports, in milliseconds
 * (the operator's override, else its manifest's); null for imports and for
 * connectors this server does not know.
 *
 * @example
 * const intervalMs = syncIntervalOf(deps, connection.connector);
 */
export function syncIntervalOf(
  deps: Pick<ServiceDeps, 'registry' | 'syncIntervalMs'>,
  connector: string,
): number | null {
  const definition = deps.registry.get(connector);
  if (definition === undefined) return null;
  return syncIntervalMs(definition.manifest, deps.syncIntervalMs);
}
