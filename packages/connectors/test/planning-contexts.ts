import type { PlanningContext } from '@conn/setup-engine';
import type {
  Collector,
  ConnectorImplementations,
  Probe,
  UploadImporter,
  UploadValidator,
} from '../src/index';
import { bundledConnectors, ConnectorRegistry } from '../src/index';

/** A deployment with everything an operator can configure: key provider, the GitLab app, an origin. */
export const configuredDeployment: PlanningContext['deployment'] = {
  credential_key_provider: 'file',
  provider_apps: ['gitlab'],
  public_origin: 'https://conn.example.com',
};

/** A fresh install: no credential key, no provider app, no public origin. */
export const bareDeployment: PlanningContext['deployment'] = {
  credential_key_provider: null,
  provider_apps: [],
  public_origin: null,
};

// Stand-ins: the planner only asks whether an implementation is registered, never calls it.
const probe: Probe = async () => ({ ok: false, message: 'Test provider rejected this token.' });
const collector: Collector = async () => ({ counts: {} });
const validator: UploadValidator = async () => ({
  valid: false,
  format: null,
  counts: {},
  date_range: null,
  empty: true,
  stale: false,
  suggested_label: null,
  remedy: 'Test validator accepts nothing.',
});
const importer: UploadImporter = async () => ({ counts: {} });

/** One of every implementation, for registering a connector fully. */
export const stubImplementations = {
  probe,
  collector,
  validator,
  importer,
} as const satisfies Required<ConnectorImplementations>;

/** The bundled manifests with no implementation registered, for tests of the planner's "unsupported" path. */
export function manifestOnlyRegistry(): ConnectorRegistry {
  return ConnectorRegistry.from(bundledConnectors.map(({ manifest }) => ({ manifest })));
}
