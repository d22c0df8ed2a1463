import { ConnError, type Secret } from '@conn/setup-engine';
import { findProviderApp, type StoreDb } from '@conn/store';
import type { ServiceDeps } from '../../service-deps';
import type { ProviderAppDescriptor } from './provider-app-descriptor';

/** A provider OAuth app opened for use: its client credentials and the instance it lives on. */
export interface ProviderAppConfig {
  group: string;
  client_id: string;
  client_secret: Secret;
  /** The operator's instance URL, or the manifest's default. */
  instance_url: string;
}

/**
 * Opens the stored provider app of a group for an OAuth call. A group the
 * operator has not configured is `provider_app_not_configured` (503); a
 * secret sealed under another key is the vault's `credential_key_mismatch`.
 *
 * @example
 * const app = await loadProviderAppConfig(deps, deps.store.db, descriptor);
 */
export async function loadProviderAppConfig(
  deps: ServiceDeps,
  db: StoreDb,
  descriptor: ProviderAppDescriptor,
): Promise<ProviderAppConfig> {
  const row = await findProviderApp(db, descriptor.group);
  if (row === undefined) {
    throw new ConnError(
      'provider_app_not_configured',
      `${descriptor.label} is not configured on this server yet.`,
      { provider_app_group: descriptor.group },
    );
  }
  return {
    group: row.group_key,
    client_id: row.client_id,
    client_secret: deps.vault.openSecret(row.client_secret_sealed, {
      providerAppGroup: row.group_key,
    }),
    instance_url: row.instance_url ?? descriptor.default_instance_url.replace(/\/+$/, ''),
  };
}
