/**
 * @conn/services — the setup lifecycles of conn, run over the store with the
 * setup engine's rules: drafts and credential capture, collector enrollment,
 * intents, ingest and activation, runs, revoke and reconnect, the sweeper and
 * the setup-status read model. The REST layer is a thin shell over these.
 */

export { attemptLifetimes } from './attempt-lifetimes';
export type { AuditDetails } from './audit-event';
export type { CollectorPrincipal } from './authenticate-collector';
export { collectorTokenPrefix } from './collector-token-prefix';
export type {
  AuthorizationCallback,
  AuthorizationOutcome,
} from './complete-authorization';
export { consoleUrls } from './console-urls';
export { createServices, type Services, type ServicesOptions } from './create-services';
export { newEnrollmentCode, normalizeEnrollmentCode } from './enrollment-code';
export type { CollectorEnrollment } from './exchange-enrollment-code';
export type { RunOutcome } from './finish-run';
export type { IngestInput, IngestResult } from './ingest-records';
export type { IntentBlock } from './intent-block';
export {
  type Intent,
  type IntentNextStep,
  IntentNextStepSchema,
  type IntentRequest,
  IntentRequestSchema,
  IntentSchema,
  type IntentStatus,
  IntentStatusSchema,
  intentStatuses,
} from './intent-schema';
export type { ConnectionPage, ListConnectionsOptions } from './list-connections';
export { loadPlanningContext } from './load-planning-context';
export {
  type EnrollmentCodeGrant,
  type EnrollmentRequest,
  EnrollmentRequestSchema,
} from './mint-enrollment-code';
export type { RunCredential } from './open-run-credential';
export { assertCsrf } from './owner/assert-csrf';
export { type BearerKind, bearerKindOf } from './owner/bearer-kind-of';
export type { EnsuredOwner } from './owner/ensure-owner';
export type { AgentTokenGrant } from './owner/find-agent-token';
export type { OwnerSession } from './owner/find-owner-session';
export type { IssuedSession } from './owner/issue-owner-session';
export {
  generateOwnerPassword,
  hashOwnerPassword,
  verifyOwnerPassword,
} from './owner/owner-password';
export { type RunKind, runKinds } from './queue-run';
export type { UploadRequest } from './receive-upload';
export type { ReconnectResult } from './reconnect-connection';
export type { RunScope } from './run-progress';
export type { Actor, DeploymentSettings, ServiceDeps } from './service-deps';
export type { ConnectorHoldings } from './summarize-connections';
export type { SweepResult } from './sweep-expired';
export type { UploadSweepResult } from './sweep-uploads';
export { uploadPaths } from './upload-paths';
export type { ClaimedRun, RecoverStaleRunsOptions } from './worker-runs';
