import { type ProviderApp, ProviderAppSchema } from '@conn/setup-engine';
import type { ProviderAppRow } from '@conn/store';
import type { ServiceDeps } from '../../service-deps';
import type { ProviderAppDescriptor } from './provider-app-descriptor';

/**
 * The read view of a stored provider app. The fingerprint is computed from
 * the opened secret; when the secret does not open with this server's key
 * the fingerprint is null instead of failing the read.
 *
 * @example
 * const view = providerAppView(deps, row, providerAppDescriptor(deps.registry, row.group_key));
 */
export function providerAppView(
  deps: ServiceDeps,
  row: ProviderAppRow,
  descriptor: ProviderAppDescriptor | null,
): ProviderApp {
  let fingerprint: string | null = null;
  try {
    const secret = deps.vault.openSecret(row.client_secret_sealed, {
      providerAppGroup: row.group_key,
    });
    fingerprint = deps.vault.fingerprint(secret);
  } catch {
    fingerprint = null;
  }
  const takesInstance = descriptor?.config_keys.includes('instance_url') ?? false;
  return ProviderAppSchema.parse({
    group: row.group_key,
    label: descriptor?.label ?? row.group_key,
    client_id: row.client_id,
    instance_url: takesInstance
      ? (row.instance_url ?? descriptor?.default_instance_url ?? null)
      : null,
    client_secret_fingerprint: fingerprint,
    created_at: row.created_at,
    updated_at: row.updated_at,
  } satisfies ProviderApp);
}
