/**
 * @conn/setup-engine — the one source of truth for how a connector is set up.
 * Pure: no I/O; depends on zod only.
 */

// The REST contract: the route table and every request and response shape, shared by REST and the SDK.
export * from './api/agent-token-schema';
export * from './api/artifact-reading-schema';
export * from './api/artifact-schema';
export * from './api/authorization-schema';
export * from './api/catalog-entry-schema';
export * from './api/collector-device-schema';
export * from './api/collector-enrollment-schema';
export * from './api/collector-request-schemas';
export * from './api/connection-page-schema';
export * from './api/console-session';
export * from './api/contract';
export * from './api/contract-fields';
export * from './api/contract-route';
export * from './api/contract-schemas';
export * from './api/contract-tags';
export * from './api/contract-version';
export * from './api/deployment-readiness-schema';
export * from './api/forward-compatible';
export * from './api/ingest-result-schema';
export * from './api/intent-schema';
export * from './api/label-text';
export * from './api/login-response-schema';
export * from './api/owner-data-schemas';
export * from './api/owner-request-schemas';
export * from './api/path-params';
export * from './api/provider-app-schema';
export * from './api/reconnect-result-schema';
export * from './api/record-page-schema';
export * from './api/route-inputs';
export * from './api/run-list-schema';
export * from './api/setup-request-schemas';
export * from './api/storable-input';
export * from './api/stream-counts-schema';
export * from './api/webhook-request-schemas';
export * from './api/webhook-schema';
export {
  consoleBasePath,
  consolePaths,
  consolePatterns,
  legacyConsolePrefixes,
} from './console-paths';
export {
  credentialExpiryNoticeMs,
  expiringBefore,
  isCredentialExpiring,
} from './credential-expiry';
export { deploymentBlockers, instanceBlockers } from './deployment-readiness';
export * from './errors';
export * from './events/connection-event-schema';
export * from './events/event-types';
export { formatBytes } from './format-bytes';
export {
  credentialRefusalCodes,
  isCredentialRefusal,
} from './is-credential-refusal';
export {
  type IllegalTransition,
  type LifecycleEvent,
  type LifecycleEventType,
  type LifecycleStatus,
  legalTransitions,
  lifecycleEventTypes,
  type Transition,
  transition,
} from './lifecycle';
export * from './manifest';
export { collectionSite } from './modalities/collection-site';
export { isProofGated, proofGatedModalities } from './modalities/is-proof-gated';
export type {
  CollectionSite,
  FailedFirstSync,
  FirstSyncEnd,
  ManifestOf,
  ModalityRules,
  StepConnection,
  UploadRules,
} from './modalities/modality-rules';
export { modalityRules, rulesFor, rulesOf } from './modalities/modality-rules-table';
export { describeIssues, parseManifest } from './parse-manifest';
export * from './plan';
export {
  describeSetup,
  hasProof,
  modalityStep,
  planCatalog,
  planSetup,
  requiredImplementations,
  stepWithConnection,
} from './plan-setup';
export {
  type KeyProvider,
  KeyProviderSchema,
  type PlanningContext,
  PlanningContextSchema,
} from './planning-context';
export type { Result } from './result';
export { err, ok } from './result';
export { cliCommands, servedCliPath, setupRoutes } from './routes';
export { revealBundle, Secret, type SecretBundle, SecretSchema } from './secret';
export {
  type SetupOutcome,
  type SetupOutcomeFacts,
  setupOutcome,
} from './setup-outcome';
export {
  projectSetupState,
  type Remediation,
  RemediationSchema,
  type SetupFacts,
  type SetupProjection,
} from './setup-state';
export * from './setup-status';
export {
  defaultSyncIntervalMinutes,
  isStale,
  nextSyncDelayMs,
  staleAfterIntervals,
  syncIntervalMs,
} from './sync-schedule';
export * from './vocabulary';
export * from './webhooks/webhook-signature';
