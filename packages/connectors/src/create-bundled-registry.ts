import { amazonManifest } from './amazon/manifest';
import { claudeCodeCollector } from './claude-code/collector';
import { claudeCodeManifest } from './claude-code/manifest';
import { codexCollector } from './codex/collector';
import { codexManifest } from './codex/manifest';
import { githubCollector } from './github/collector';
import { githubManifest } from './github/manifest';
import { githubProbe } from './github/probe';
import { gitlabCollector } from './gitlab/collector';
import { gitlabManifest } from './gitlab/manifest';
import { gmailCollector } from './gmail/collector';
import { gmailManifest } from './gmail/manifest';
import { gmailProbe } from './gmail/probe';
import { timelineImporter } from './google-maps-timeline/importer';
import { googleMapsTimelineManifest } from './google-maps-timeline/manifest';
import { timelineValidator } from './google-maps-timeline/validator';
import { type ConnectorDefinitionInput, ConnectorRegistry } from './registry';
import { whatsappImporter } from './whatsapp/importer';
import { whatsappManifest } from './whatsapp/manifest';
import { whatsappValidator } from './whatsapp/validator';

/**
 * The bundled catalog in the order owners see it. Implementations are added
 * here, next to their manifest, as each connector's issue lands them.
 */
export const bundledConnectors: readonly ConnectorDefinitionInput[] = [
  { manifest: githubManifest, probe: githubProbe, collector: githubCollector },
  { manifest: gmailManifest, probe: gmailProbe, collector: gmailCollector },
  { manifest: claudeCodeManifest, collector: claudeCodeCollector },
  { manifest: codexManifest, collector: codexCollector },
  { manifest: whatsappManifest, validator: whatsappValidator, importer: whatsappImporter },
  {
    manifest: googleMapsTimelineManifest,
    validator: timelineValidator,
    importer: timelineImporter,
  },
  { manifest: gitlabManifest, collector: gitlabCollector },
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
