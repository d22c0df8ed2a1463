import type { ProviderAppList } from '@conn/setup-engine';
import { isConnError } from '@conn/setup-engine';
import { listSavedProviderApps } from '@conn/store';
import type { ServiceDeps } from '../../service-deps';
import { type ProviderAppDescriptor, providerAppDescriptor } from './provider-app-descriptor';
import { providerAppView } from './provider-app-view';

/**
 * The provider OAuth apps the operator configured, by group, with
 * non-secret metadata only (client id, instance URL, secret fingerprint).
 *
 * @example
 * const { items } = await services.listProviderApps();
 */
export async function listProviderApps(deps: ServiceDeps): Promise<ProviderAppList> {
  const rows = await listSavedProviderApps(deps.store.db);
  return {
    items: rows.map((row) => providerAppView(deps, row, descriptorOrNull(deps, row.group_key))),
  };
}

/** An app stored for a group the current catalog no longer names is still listed. */
function descriptorOrNull(deps: ServiceDeps, group: string): ProviderAppDescriptor | null {
  try {
    return providerAppDescriptor(deps.registry, group);
  } catch (error) {
    if (isConnError(error, 'connector_not_found')) return null;
    throw error;
  }
}
