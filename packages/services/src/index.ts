/**
 * @conn/services — the setup lifecycles of conn, run over the store with the
 * setup engine's rules: drafts and credential capture, collector enrollment,
 * intents, ingest and activation, runs, revoke and reconnect, the sweeper and
 * the setup-status read model. The REST layer is a thin shell over these.
 */

export type { CollectorPrincipal } from './collectors/authenticate-collector';
export { newEnrollmentCode, normalizeEnrollmentCode } from './collectors/enrollment-code';
export type { EnrollmentCodeGrant } from './collectors/enrollment-code-grant';
export { type EnrollmentRequest, EnrollmentRequestSchema } from './collectors/enrollment-request';
export type { CollectorEnrollment } from './collectors/exchange-enrollment-code';
export type { ConnectionPage, ListConnectionsOptions } from './connections/list-connections';
export type { ReconnectResult } from './connections/reconnect-connection';
export type { ConnectorHoldings } from './connections/summarize-connections';
export type { SweepResult } from './connections/sweep-expired';
export { createServices, type Services, type ServicesOptions } from './create-services';
export type { ListEventsOptions } from './events/list-events';
export type { EventReadStart } from './events/open-event-read';
export type { IntentBlock } from './intents/intent-block';
export type {
  AuthorizationCallback,
  AuthorizationOutcome,
} from './oauth/complete-authorization';
export { assertCsrf } from './owner/assert-csrf';
export { type BearerKind, bearerKindOf } from './owner/bearer-kind-of';
export type { PasswordChangeCaller } from './owner/change-owner-password';
export type { EnsuredOwner } from './owner/ensure-owner';
export type { AgentTokenGrant } from './owner/find-agent-token';
export type { OwnerSession } from './owner/find-owner-session';
export type { IssuedSession } from './owner/issue-owner-session';
export {
  generateOwnerPassword,
  hashOwnerPassword,
  verifyOwnerPassword,
} from './owner/owner-password';
export type { OwnerPasswordReset } from './owner/reset-owner-password';
export type { ClaimedRun } from './runs/claim-run';
export type { RunOutcome } from './runs/finish-run';
export type { IngestInput, IngestResult } from './runs/ingest-records';
export type { RunScope } from './runs/open-run';
export type { RunCredential } from './runs/open-run-credential';
export type { RecoverStaleRunsOptions } from './runs/recover-stale-runs';
export { type RunKind, runKinds } from './runs/run-kinds';
export type { Actor, DeploymentSettings, ServiceDeps } from './service-deps';
export { attemptLifetimes } from './shared/attempt-lifetimes';
export type { AuditDetails } from './shared/audit-event';
export { consoleUrls } from './shared/console-urls';
export { loadPlanningContext } from './shared/load-planning-context';
export type { KeepSyncingResult } from './syncs/keep-syncing';
export type { UploadSweepResult } from './uploads/sweep-uploads';
export { uploadPaths } from './uploads/upload-paths';
export type { UploadRequest } from './uploads/upload-request';
export type { WebhookTargetRefusal } from './webhooks/check-webhook-target';
export type { FanOutResult } from './webhooks/fan-out-webhook-events';
export type { WebhookRegistration } from './webhooks/register-webhook';
export type { WebhookOptions, WebhookSettings } from './webhooks/webhook-settings';
