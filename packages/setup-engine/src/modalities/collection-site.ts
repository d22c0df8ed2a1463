import type { Modality } from '../vocabulary';
import type { CollectionSite } from './modality-rules';
import { rulesFor } from './modality-rules-table';

/**
 * Who collects a connection's records: the server (provider APIs, with a
 * sealed credential), a collector on the owner's device, an import of uploaded
 * files, or nobody. The server's worker runs only `server` collections.
 *
 * @example
 * if (collectionSite(modality) === 'server') queueSync();
 */
export function collectionSite(modality: Modality): CollectionSite {
  return rulesFor(modality).collectionSite;
}
