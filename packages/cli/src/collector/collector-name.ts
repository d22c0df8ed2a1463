import type { ConnectorRegistry } from '@conn/connectors';

/**
 * The `conn collector run <name>` name of a connector's device collector, as
 * its manifest declares it, or null when the connector has none in this CLI.
 *
 * @example
 * collectorName(createBundledRegistry(), enrollment.connector); // e.g. the manifest's collector.name
 */
export function collectorName(registry: ConnectorRegistry, connector: string): string | null {
  const definition = registry.get(connector);
  if (definition?.collector === undefined) return null;
  const { setup } = definition.manifest;
  return setup.modality === 'local_collector' ? setup.collector.name : null;
}
