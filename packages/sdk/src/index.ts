/**
 * @conn/sdk — a typed, browser-safe client for the conn REST surface, and
 * helpers to wait for a setup and render its next step for an owner.
 * Node-only helpers (streaming a file upload) live in `@conn/sdk/node`.
 */

export type {
  Remediation,
  RunSummary,
  SetupPlan,
  SetupState,
  SetupStatus,
} from '@conn/setup-engine';
export type { CallOptions } from './call-options';
export { type ApiErrorCode, ConnApiError } from './conn-api-error';
export {
  ConnClient,
  type ConnClientOptions,
  type ConnectOptions,
  type CreateIntentOptions,
  type ImportTarget,
  type SecretValue,
  type UploadBody,
  type UploadOptions,
} from './conn-client';
export { ConnNetworkError } from './conn-network-error';
export { ConnResponseError } from './conn-response-error';
export type { FetchLike } from './fetch-like';
export { type NextStepSource, renderNextStep } from './render-next-step';
export { renderSetupStatus } from './render-setup-status';
export * from './schemas/agent-token-schema';
export * from './schemas/artifact-schema';
export * from './schemas/authorization-start-schema';
export * from './schemas/catalog-entry-schema';
export * from './schemas/collector-enrollment-schema';
export * from './schemas/connection-page-schema';
export * from './schemas/deployment-readiness-schema';
export * from './schemas/ingest-result-schema';
export * from './schemas/intent-schema';
export * from './schemas/provider-app-schema';
export * from './schemas/reconnect-result-schema';
export * from './schemas/record-page-schema';
export { SetupFailedError } from './setup-failed-error';
export { setupStateSentence } from './setup-state-sentence';
export { SetupTimeoutError } from './setup-timeout-error';
export { trackUploadProgress } from './track-upload-progress';
export type { UploadProgress, UploadProgressListener } from './upload-progress';
export { type WaitForActiveOptions, waitForActive } from './wait-for-active';
