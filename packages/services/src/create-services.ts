import type { ConnectorRegistry, FetchFunction } from '@conn/connectors';
import type { CredentialVault, Store } from '@conn/store';
import { type AttemptBudgets, attemptPolicies } from './attempts/attempt-policy';
import { deploymentReadiness } from './catalog/deployment-readiness';
import { ownerCatalog } from './catalog/owner-catalog';
import { abandonEnrollment } from './collectors/abandon-enrollment';
import { authenticateCollector } from './collectors/authenticate-collector';
import { createBrowserShell } from './collectors/create-browser-shell';
import { exchangeEnrollmentCode } from './collectors/exchange-enrollment-code';
import { listDevices } from './collectors/list-devices';
import { mintEnrollmentCode } from './collectors/mint-enrollment-code';
import { openCollectorRun } from './collectors/open-collector-run';
import { recordHeartbeat } from './collectors/record-heartbeat';
import { revokeDevice } from './collectors/revoke-device';
import { countStreamRecords } from './connections/count-stream-records';
import { getSetupStatus } from './connections/get-setup-status';
import { listConnections } from './connections/list-connections';
import { listRecords } from './connections/list-records';
import { listRuns } from './connections/list-runs';
import { reconnectConnection } from './connections/reconnect-connection';
import { revokeConnection } from './connections/revoke-connection';
import { summarizeConnections } from './connections/summarize-connections';
import { sweepExpired } from './connections/sweep-expired';
import { listEvents } from './events/list-events';
import { onEvents } from './events/on-events';
import { openEventRead } from './events/open-event-read';
import { createIntent } from './intents/create-intent';
import { getIntent } from './intents/get-intent';
import { completeAuthorization } from './oauth/complete-authorization';
import { listProviderApps } from './oauth/provider-apps/list-provider-apps';
import { saveProviderApp } from './oauth/provider-apps/save-provider-app';
import { startAuthorization } from './oauth/start-authorization';
import { changeOwnerPassword } from './owner/change-owner-password';
import { createAgentToken } from './owner/create-agent-token';
import { ensureOwner } from './owner/ensure-owner';
import { findAgentToken } from './owner/find-agent-token';
import { findOwnerSession } from './owner/find-owner-session';
import { issueOwnerSession } from './owner/issue-owner-session';
import { listAgentTokens } from './owner/list-agent-tokens';
import { login } from './owner/login';
import { resetOwnerPassword } from './owner/reset-owner-password';
import { revokeAgentToken } from './owner/revoke-agent-token';
import { revokeOwnerSession } from './owner/revoke-owner-session';
import { deleteConnection } from './owner-data/delete-connection';
import { undoImport } from './owner-data/undo-import';
import { cancelRun } from './runs/cancel-run';
import { claimRun } from './runs/claim-run';
import { finishRun } from './runs/finish-run';
import { handBackRuns } from './runs/hand-back-runs';
import { heartbeat } from './runs/heartbeat';
import { ingestRecords } from './runs/ingest-records';
import { openRunCredential } from './runs/open-run-credential';
import { queueRun } from './runs/queue-run';
import { recoverStaleRuns } from './runs/recover-stale-runs';
import { reportProgress } from './runs/report-progress';
import { runNextSync } from './runs/run-next-sync';
import { startRun } from './runs/start-run';
import type { DeploymentSettings, ServiceDeps } from './service-deps';
import { loadPlanningContext } from './shared/load-planning-context';
import { planFor } from './shared/plan-for';
import { captureCredential } from './static-secret/capture-credential';
import { createDraft } from './static-secret/create-draft';
import { keepSyncing } from './syncs/keep-syncing';
import { syncNow } from './syncs/sync-now';
import { getArtifact } from './uploads/get-artifact';
import { importArtifacts } from './uploads/import-artifacts';
import { interruptUploads } from './uploads/interrupt-uploads';
import { listArtifacts } from './uploads/list-artifacts';
import { receiveUpload } from './uploads/receive-upload';
import { runNextImport } from './uploads/run-next-import';
import { sweepUploads } from './uploads/sweep-uploads';
import { uploadLease } from './uploads/upload-lease';
import { deleteWebhook } from './webhooks/delete-webhook';
import { deliverNextWebhook } from './webhooks/deliver-next-webhook';
import { fanOutWebhookEvents } from './webhooks/fan-out-webhook-events';
import { listWebhookDeliveries } from './webhooks/list-webhook-deliveries';
import { listWebhooks } from './webhooks/list-webhooks';
import { redeliverWebhookDelivery } from './webhooks/redeliver-webhook-delivery';
import { registerWebhook } from './webhooks/register-webhook';
import { type WebhookOptions, webhookSettings } from './webhooks/webhook-settings';

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
  /** Webhook target rules and retry timing; default: private targets refused, 30 s first retry. */
  webhooks?: WebhookOptions;
  /** How long an upload's lease lasts (renewed every third of it); default 10 s, at most 30 s. */
  uploadLeaseMs?: number;
  /** One sync interval for every connector, overriding their manifests; default: each manifest's. */
  syncIntervalMs?: number;
  /** Guesses per minute per client at the owner password (10) and enrollment codes (20). */
  attempts?: AttemptBudgets;
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
    webhooks: webhookSettings(options.webhooks),
    uploadLease: uploadLease(
      options.uploadLeaseMs === undefined ? {} : { leaseMs: options.uploadLeaseMs },
    ),
    syncIntervalMs: options.syncIntervalMs ?? null,
    attemptPolicies: attemptPolicies(options.attempts),
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
    changeOwnerPassword: bind(deps, changeOwnerPassword),
    resetOwnerPassword: bind(deps, resetOwnerPassword),
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
    listRuns: bind(deps, listRuns),
    countStreamRecords: bind(deps, countStreamRecords),
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
    syncNow: bind(deps, syncNow),
    keepSyncing: bind(deps, keepSyncing),
    startRun: bind(deps, startRun),
    reportProgress: bind(deps, reportProgress),
    finishRun: bind(deps, finishRun),
    openCollectorRun: bind(deps, openCollectorRun),
    recordHeartbeat: bind(deps, recordHeartbeat),
    listDevices: bind(deps, listDevices),
    revokeDevice: bind(deps, revokeDevice),
    claimRun: bind(deps, claimRun),
    heartbeat: bind(deps, heartbeat),
    handBackRuns: bind(deps, handBackRuns),
    recoverStaleRuns: bind(deps, recoverStaleRuns),
    openRunCredential: bind(deps, openRunCredential),
    runNextSync: bind(deps, runNextSync),
    receiveUpload: bind(deps, receiveUpload),
    getArtifact: bind(deps, getArtifact),
    listArtifacts: bind(deps, listArtifacts),
    importArtifacts: bind(deps, importArtifacts),
    runNextImport: bind(deps, runNextImport),
    revoke: bind(deps, revokeConnection),
    deleteConnection: bind(deps, deleteConnection),
    undoImport: bind(deps, undoImport),
    cancelRun: bind(deps, cancelRun),
    reconnect: bind(deps, reconnectConnection),
    sweepExpired: bind(deps, sweepExpired),
    sweepUploads: bind(deps, sweepUploads),
    interruptUploads: bind(deps, interruptUploads),
    getSetupStatus: bind(deps, getSetupStatus),
    listConnections: bind(deps, listConnections),
    summarizeConnections: bind(deps, summarizeConnections),
    saveProviderApp: bind(deps, saveProviderApp),
    listProviderApps: bind(deps, listProviderApps),
    startAuthorization: bind(deps, startAuthorization),
    completeAuthorization: bind(deps, completeAuthorization),
    listEvents: bind(deps, listEvents),
    onEvents: bind(deps, onEvents),
    openEventRead: bind(deps, openEventRead),
    createWebhook: bind(deps, registerWebhook),
    listWebhooks: bind(deps, listWebhooks),
    deleteWebhook: bind(deps, deleteWebhook),
    listWebhookDeliveries: bind(deps, listWebhookDeliveries),
    redeliverWebhookDelivery: bind(deps, redeliverWebhookDelivery),
    fanOutWebhookEvents: bind(deps, fanOutWebhookEvents),
    deliverNextWebhook: bind(deps, deliverNextWebhook),
  });
}

/** The bound services `createServices` returns. */
export type Services = ReturnType<typeof createServices>;
