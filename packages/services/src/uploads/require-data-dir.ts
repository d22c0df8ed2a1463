import { ConnError } from '@conn/setup-engine';
import type { ServiceDeps } from '../service-deps';

/**
 * The data directory uploads are stored under; `setup_not_available` when the
 * host built the services without one (an embedding app that takes no files).
 *
 * @example
 * const dataDir = requireDataDir(deps);
 */
export function requireDataDir(deps: ServiceDeps): string {
  if (deps.dataDir === null) {
    throw new ConnError(
      'setup_not_available',
      'This server has no data directory for uploads, so it cannot take export files.',
    );
  }
  return deps.dataDir;
}
