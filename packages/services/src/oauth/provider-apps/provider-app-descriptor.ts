import type { ConnectorRegistry } from '@conn/connectors';
import { ConnError, type SetupDescriptorOf } from '@conn/setup-engine';

/** A provider OAuth app as the catalog's manifests describe it. */
export type ProviderAppDescriptor =
  SetupDescriptorOf<'provider_authorization'>['authorization']['provider_app'];

/**
 * The provider app a group names, from the first manifest of the catalog
 * that uses it (connectors sharing an app share its group). A group no
 * manifest names is `connector_not_found` (404): the operator cannot store an
 * app nothing would use.
 *
 * @example
 * const app = providerAppDescriptor(registry, 'gitlab');
 * app.config_keys.includes('instance_url'); // true
 */
export function providerAppDescriptor(
  registry: ConnectorRegistry,
  group: string,
): ProviderAppDescriptor {
  for (const manifest of registry.manifests()) {
    const { setup } = manifest;
    if (
      setup.modality === 'provider_authorization' &&
      setup.authorization.provider_app.group === group
    ) {
      return setup.authorization.provider_app;
    }
  }
  throw new ConnError(
    'connector_not_found',
    // The group is the caller's input: the answer does not quote it.
    'No connector in this catalog uses a provider app by that name.',
  );
}
