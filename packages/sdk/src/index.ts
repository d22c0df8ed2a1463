/**
 * @conn/sdk — a typed, browser-safe client for the conn REST surface, and
 * helpers to wait for a setup and render its next step for an owner.
 * Node-only helpers (streaming a file upload) live in `@conn/sdk/node`.
 */

// The shapes the client returns; their zod schemas live in @conn/setup-engine, shared with the server.
export type {
  AgentToken,
  Artifact,
  AuthorizationStart,
  CatalogEntry,
  CollectedRecord,
  CollectorEnrollment,
  ConnectionPage,
  CreatedAgentToken,
  DeploymentReadiness,
  Holdings,
  IngestResult,
  Intent,
  IntentNextStep,
  IntentRequest,
  IntentStatus,
  ProviderApp,
  ReconnectResult,
  RecordPage,
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
export { SetupFailedError } from './setup-failed-error';
export { setupStateSentence } from './setup-state-sentence';
export { SetupTimeoutError } from './setup-timeout-error';
export { trackUploadProgress } from './track-upload-progress';
export type { UploadProgress, UploadProgressListener } from './upload-progress';
export { type WaitForActiveOptions, waitForActive } from './wait-for-active';
