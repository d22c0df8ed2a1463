/**
 * @conn/services — the setup lifecycles of conn, run over the store with the
 * setup engine's rules: drafts and credential capture, collector enrollment,
 * intents, ingest and activation, runs, revoke and reconnect, the sweeper and
 * the setup-status read model. The REST layer is a thin shell over these.
 */

import { tokenPrefixes } from '@conn/store';

export { attemptLifetimes } from './attempt-lifetimes';
export type { AuditDetails } from './audit-event';
export type { CollectorPrincipal } from './authenticate-collector';
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
export { type RunKind, runKinds } from './queue-run';
export type { UploadRequest } from './receive-upload';
export type { ReconnectResult } from './reconnect-connection';
export type { RunScope } from './run-progress';
export type { Actor, DeploymentSettings, ServiceDeps } from './service-deps';
export type { ConnectorHoldings } from './summarize-connections';
export type { SweepResult } from './sweep-expired';
export type { UploadSweepResult } from './sweep-uploads';
export { uploadPaths } from './upload-paths';

/**
 * The collector token prefix without its underscore, as REST's bearer check
 * appends one (`${collectorTokenPrefix}_`); kept only until REST reads
 * `tokenPrefixes.collector` from @conn/store itself.
 *
 * @deprecated Use `tokenPrefixes.collector` from @conn/store.
 */
export const collectorTokenPrefix = tokenPrefixes.collector.slice(0, -1);
export type { ClaimedRun, RecoverStaleRunsOptions } from './worker-runs';
