import { amazonManifest } from './amazon/manifest';
import { claudeCodeCollector } from './claude-code/collector';
import { claudeCodeManifest } from './claude-code/manifest';
import { codexCollector } from './codex/collector';
import { codexManifest } from './codex/manifest';
import { githubCollector } from './github/collector';
import { githubManifest } from './github/manifest';
import { githubProbe } from './github/probe';
import { gitlabManifest } from './gitlab/manifest';
import { gmailManifest } from './gmail/manifest';
import { googleMapsTimelineManifest } from './google-maps-timeline/manifest';
import { type ConnectorDefinitionInput, ConnectorRegistry } from './registry';
import { whatsappManifest } from './whatsapp/manifest';

/**
 * The bundled catalog in the order owners see it. Implementations are added
 * here, next to their manifest, as each connector's issue lands them.
 */
export const bundledConnectors: readonly ConnectorDefinitionInput[] = [
  { manifest: githubManifest, probe: githubProbe, collector: githubCollector },
  { manifest: gmailManifest },
  { manifest: claudeCodeManifest, collector: claudeCodeCollector },
  { manifest: codexManifest, collector: codexCollector },
  { manifest: whatsappManifest },
  { manifest: googleMapsTimelineManifest },
  { manifest: gitlabManifest },
  { manifest: amazonManifest },
];

/**
 * A registry of the bundled catalog, every manifest parsed once.
 *
 * @example
 * const registry = createBundledRegistry();
 * const plan = planSetup(registry.require(key).manifest, context);
 */
export function createBundledRegistry(): ConnectorRegistry {
  return ConnectorRegistry.from(bundledConnectors);
}
