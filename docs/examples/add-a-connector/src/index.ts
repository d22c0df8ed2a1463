import type { ConnectorDefinitionInput } from '@conn/connectors';
import { notesCollector } from './collector';
import { notesManifest } from './manifest';
import { notesProbe } from './probe';

/**
 * Step 4: the definition a registry takes — the manifest with its
 * implementations. In the bundled catalog this line goes into
 * `bundledConnectors` (`packages/connectors/src/create-bundled-registry.ts`).
 */
export const notesConnector: ConnectorDefinitionInput = {
  manifest: notesManifest,
  probe: notesProbe,
  collector: notesCollector,
};
