import type { ConnectorRegistry, FetchFunction } from '@conn/connectors';
import type { CredentialVault, Store } from '@conn/store';
import { authenticateCollector } from './authenticate-collector';
import { abandonEnrollment, createBrowserShell } from './browser-enrollment-shell';
import { captureCredential } from './capture-credential';
import { deploymentReadiness } from './catalog/deployment-readiness';
import { ownerCatalog } from './catalog/owner-catalog';
import { completeAuthorization } from './complete-authorization';
import { listRecords } from './connections/list-records';
import { createDraft } from './create-draft';
import { createIntent } from './create-intent';
import { exchangeEnrollmentCode } from './exchange-enrollment-code';
import { finishRun } from './finish-run';
import { getArtifact } from './get-artifact';
import { getIntent } from './get-intent';
import { getSetupStatus } from './get-setup-status';
import { importArtifacts } from './import-artifacts';
import { ingestRecords } from './ingest-records';
import { listConnections } from './list-connections';
import { listProviderApps } from './list-provider-apps';
import { loadPlanningContext } from './load-planning-context';
import { mintEnrollmentCode } from './mint-enrollment-code';
import { openCollectorRun } from './open-collector-run';
import { openRunCredential } from './open-run-credential';
import { createAgentToken } from './owner/create-agent-token';
import { ensureOwner } from './owner/ensure-owner';
import { findAgentToken } from './owner/find-agent-token';
import { findOwnerSession } from './owner/find-owner-session';
import { issueOwnerSession } from './owner/issue-owner-session';
import { listAgentTokens } from './owner/list-agent-tokens';
import { login } from './owner/login';
import { revokeAgentToken } from './owner/revoke-agent-token';
import { revokeOwnerSession } from './owner/revoke-owner-session';
import { planFor } from './plan-for';
import { queueRun } from './queue-run';
import { receiveUpload } from './receive-upload';
import { reconnectConnection } from './reconnect-connection';
import { revokeConnection } from './revoke-connection';
import { runNextImport } from './run-next-import';
import { runNextSync } from './run-next-sync';
import { reportProgress, startRun } from './run-progress';
import { saveProviderApp } from './save-provider-app';
import type { DeploymentSettings, ServiceDeps } from './service-deps';
import { startAuthorization } from './start-authorization';
import { summarizeConnections } from './summarize-connections';
import { sweepExpired } from './sweep-expired';
import { sweepUploads } from './sweep-uploads';
import { claimRun, heartbeat, recoverStaleRuns } from './worker-runs';

/** What `createServices` needs; everything else has a default. */
export interface ServicesOptions {
  store: Store;
  vault: CredentialVault;
  registry: ConnectorRegistry;
  deployment: DeploymentSettings;
  /** Default: the system clock. */
  clock?: () => Date;
  /** Probe deadline; default and maximum 10 s (product rule for static secrets). */
  probeTimeoutMs?: number;
  /** Default: the global fetch. */
  fetch?: FetchFunction;
  /** Where uploaded artifacts and blobs are stored (the server's data directory); without it uploads are unavailable. */
  dataDir?: string;
}

const maxProbeTimeoutMs = 10_000;

type Bound<F> = F extends (deps: ServiceDeps, ...args: infer A) => infer R
  ? (...args: A) => R
  : never;

function bind<F extends (deps: ServiceDeps, ...args: never[]) => unknown>(
  deps: ServiceDeps,
  fn: F,
): Bound<F> {
  return ((...args: never[]) => fn(deps, ...args)) as Bound<F>;
}

/**
 * The frozen dependencies `createServices` binds its services to, with the
 * defaults filled in. The services keep theirs to themselves; this is for a
 * caller (a test) that runs one service part on its own.
 *
 * @example
 * const sink = contentAddressedBlobSink(createServiceDeps({ store, vault, registry, deployment }), dataDir);
 */
export function createServiceDeps(options: ServicesOptions): ServiceDeps {
  const probeTimeoutMs = Math.min(options.probeTimeoutMs ?? maxProbeTimeoutMs, maxProbeTimeoutMs);
  return Object.freeze({
    store: options.store,
    vault: options.vault,
    registry: options.registry,
    deployment: Object.freeze({ ...options.deployment }),
    clock: options.clock ?? (() => new Date()),
    probeTimeoutMs,
    fetch: options.fetch ?? globalThis.fetch,
    dataDir: options.dataDir ?? null,
  });
}

/**
 * The lifecycle services over one store, vault and registry, each a function
 * bound to them. The options are copied and frozen at this boundary, and the
 * dependencies stay inside: callers (REST, the server) use the services only.
 *
 * @example
 * const services = createServices({ store, vault, registry, deployment });
 * const intent = await services.createIntent(ownerId, 'owner', { connector: 'claude-code' });
 */
export function createServices(options: ServicesOptions) {
  const deps = createServiceDeps(options);
  return Object.freeze({
    ensureOwner: bind(deps, ensureOwner),
    login: bind(deps, login),
    issueOwnerSession: bind(deps, issueOwnerSession),
    findOwnerSession: bind(deps, findOwnerSession),
    revokeOwnerSession: bind(deps, revokeOwnerSession),
    createAgentToken: bind(deps, createAgentToken),
    listAgentTokens: bind(deps, listAgentTokens),
    revokeAgentToken: bind(deps, revokeAgentToken),
    findAgentToken: bind(deps, findAgentToken),
    catalog: bind(deps, ownerCatalog),
    deploymentReadiness: bind(deps, deploymentReadiness),
    listRecords: bind(deps, listRecords),
    loadPlanningContext: () => loadPlanningContext(deps.store, deps.registry, deps.deployment),
    planFor: bind(deps, planFor),
    createDraft: bind(deps, createDraft),
    captureCredential: bind(deps, captureCredential),
    createIntent: bind(deps, createIntent),
    getIntent: bind(deps, getIntent),
    mintEnrollmentCode: bind(deps, mintEnrollmentCode),
    exchangeEnrollmentCode: bind(deps, exchangeEnrollmentCode),
    authenticateCollector: bind(deps, authenticateCollector),
    createBrowserShell: bind(deps, createBrowserShell),
    abandonEnrollment: bind(deps, abandonEnrollment),
    ingestRecords: bind(deps, ingestRecords),
    queueRun: bind(deps, queueRun),
    startRun: bind(deps, startRun),
    reportProgress: bind(deps, reportProgress),
    finishRun: bind(deps, finishRun),
    openCollectorRun: bind(deps, openCollectorRun),
    claimRun: bind(deps, claimRun),
    heartbeat: bind(deps, heartbeat),
    recoverStaleRuns: bind(deps, recoverStaleRuns),
    openRunCredential: bind(deps, openRunCredential),
    runNextSync: bind(deps, runNextSync),
    receiveUpload: bind(deps, receiveUpload),
    getArtifact: bind(deps, getArtifact),
    importArtifacts: bind(deps, importArtifacts),
    runNextImport: bind(deps, runNextImport),
    revoke: bind(deps, revokeConnection),
    reconnect: bind(deps, reconnectConnection),
    sweepExpired: bind(deps, sweepExpired),
    sweepUploads: bind(deps, sweepUploads),
    getSetupStatus: bind(deps, getSetupStatus),
    listConnections: bind(deps, listConnections),
    summarizeConnections: bind(deps, summarizeConnections),
    saveProviderApp: bind(deps, saveProviderApp),
    listProviderApps: bind(deps, listProviderApps),
    startAuthorization: bind(deps, startAuthorization),
    completeAuthorization: bind(deps, completeAuthorization),
  });
}

/** The bound services `createServices` returns. */
export type Services = ReturnType<typeof createServices>;
