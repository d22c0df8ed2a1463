/**
 * @conn/services — the setup lifecycles of conn, run over the store with the
 * setup engine's rules: drafts and credential capture, collector enrollment,
 * intents, ingest and activation, runs, revoke and reconnect, the sweeper and
 * the setup-status read model. The REST layer is a thin shell over these.
 */

import { tokenPrefixes } from '@conn/store';

export type { CollectorPrincipal } from './collectors/authenticate-collector';
export { newEnrollmentCode, normalizeEnrollmentCode } from './collectors/enrollment-code';
export type { CollectorEnrollment } from './collectors/exchange-enrollment-code';
export {
  type EnrollmentCodeGrant,
  type EnrollmentRequest,
  EnrollmentRequestSchema,
} from './collectors/mint-enrollment-code';
export type { ConnectionPage, ListConnectionsOptions } from './connections/list-connections';
export type { ReconnectResult } from './connections/reconnect-connection';
export type { ConnectorHoldings } from './connections/summarize-connections';
export type { SweepResult } from './connections/sweep-expired';
export { createServices, type Services, type ServicesOptions } from './create-services';
export type { IntentBlock } from './intents/intent-block';
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
} from './intents/intent-schema';
export type {
  AuthorizationCallback,
  AuthorizationOutcome,
} from './oauth/complete-authorization';
export type { RunOutcome } from './runs/finish-run';
export type { IngestInput, IngestResult } from './runs/ingest-records';
export type { RunCredential } from './runs/open-run-credential';
export { type RunKind, runKinds } from './runs/queue-run';
export type { RunScope } from './runs/run-progress';
export type { Actor, DeploymentSettings, ServiceDeps } from './service-deps';
export { attemptLifetimes } from './shared/attempt-lifetimes';
export type { AuditDetails } from './shared/audit-event';
export { consoleUrls } from './shared/console-urls';
export { loadPlanningContext } from './shared/load-planning-context';
export type { UploadRequest } from './uploads/receive-upload';
export type { UploadSweepResult } from './uploads/sweep-uploads';
export { uploadPaths } from './uploads/upload-paths';

/**
 * The collector token prefix without its underscore, as REST's bearer check
 * appends one (`${collectorTokenPrefix}_`); kept only until REST reads
 * `tokenPrefixes.collector` from @conn/store itself.
 *
 * @deprecated Use `tokenPrefixes.collector` from @conn/store.
 */
export const collectorTokenPrefix = tokenPrefixes.collector.slice(0, -1);
export type { ClaimedRun, RecoverStaleRunsOptions } from './runs/worker-runs';
