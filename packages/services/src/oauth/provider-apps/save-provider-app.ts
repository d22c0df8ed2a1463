import {
  ConnError,
  describeIssues,
  type ProviderApp,
  ProviderAppRequestSchema,
  Secret,
} from '@conn/setup-engine';
import { getProviderApp, upsertProviderApp } from '@conn/store';
import type { Actor, ServiceDeps } from '../../service-deps';
import { writeAuditEvent } from '../../shared/audit-event';
import { parseInstanceUrl } from './instance-url';
import { providerAppDescriptor } from './provider-app-descriptor';
import { providerAppView } from './provider-app-view';

/**
 * Stores (or replaces) a provider OAuth app — instance-level config the
 * operator enters once, never per connection. The group must be one a
 * manifest of the catalog names (`connector_not_found` otherwise), and
 * `instance_url` is accepted only where the manifest's `config_keys` include
 * it. The client secret is sealed for this group alone; without a
 * credential key the call fails closed with `credential_key_unavailable` and
 * writes nothing. Plans see the app at once: `needs_deployment_config`
 * moves on to the connector's next state.
 *
 * @example
 * const app = await services.saveProviderApp(ownerId, 'gitlab', { client_id, client_secret });
 * app.client_secret_fingerprint; // '3f9a0c…'
 */
export async function saveProviderApp(
  deps: ServiceDeps,
  ownerId: string,
  group: string,
  input: unknown,
  actor: Actor = 'owner',
): Promise<ProviderApp> {
  const descriptor = providerAppDescriptor(deps.registry, group);
  const parsed = ProviderAppRequestSchema.safeParse(input);
  if (!parsed.success) {
    // Issues name fields, never values: the body holds the client secret.
    throw new ConnError('invalid_request', describeIssues(parsed.error.issues).join('; '));
  }
  const { client_id, instance_url } = parsed.data;
  const secret = new Secret(parsed.data.client_secret);
  if (instance_url !== undefined && !descriptor.config_keys.includes('instance_url')) {
    throw new ConnError('invalid_request', `The ${descriptor.label} has no instance URL setting.`, {
      field: 'instance_url',
    });
  }
  const instanceUrl = instance_url === undefined ? null : parseInstanceUrl(instance_url);
  deps.vault.assertAvailable();
  const sealed = deps.vault.seal(secret, { providerAppGroup: group });
  const keyId = deps.vault.primaryKeyId!;
  const now = deps.clock();
  const stamp = now.toISOString();

  return deps.store.transaction(async (trx) => {
    await upsertProviderApp(trx, {
      group_key: group,
      client_id,
      instance_url: instanceUrl,
      client_secret_sealed: sealed,
      key_id: keyId,
      created_at: stamp,
      updated_at: stamp,
    });
    await writeAuditEvent(trx, now, {
      ownerId,
      actor,
      action: 'provider_app.saved',
      connectionId: null,
      details: { group, instance_url_set: instanceUrl !== null },
    });
    return providerAppView(deps, await getProviderApp(trx, group), descriptor);
  });
}
