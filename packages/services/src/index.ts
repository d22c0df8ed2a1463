/**
 * @conn/services — the setup lifecycles of conn, run over the store with the
 * setup engine's rules: drafts and credential capture, collector enrollment,
 * intents, ingest and activation, runs, revoke and reconnect, the sweeper and
 * the setup-status read model. The REST layer is a thin shell over these.
 */

import { tokenPrefixes } from '@conn/store';

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
export type { UploadSweepResult } from './uploads/sweep-uploads';
export { uploadPaths } from './uploads/upload-paths';
export type { UploadRequest } from './uploads/upload-request';

/**
 * The collector token prefix without its underscore, as REST's bearer check
 * appends one (`${collectorTokenPrefix}_`); kept only until REST reads
 * `tokenPrefixes.collector` from @conn/store itself.
 *
 * @deprecated Use `tokenPrefixes.collector` from @conn/store.
 */
export const collectorTokenPrefix = tokenPrefixes.collector.slice(0, -1);
