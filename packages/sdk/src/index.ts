/**
 * @conn/sdk — a typed, browser-safe client for the conn REST surface, and
 * helpers to wait for a setup and render its next step for an owner, and a
 * WebCrypto check of a webhook delivery's signature.
 * Node-only helpers (streaming a file upload) live in `@conn/sdk/node`.
 */

// The shapes the client returns: the engine's schemas, read forward-compatibly.
export type { IntentRequest } from '@conn/setup-engine';
export { formatBytes } from '@conn/setup-engine';
export type { CallOptions } from './call-options';
export { type ApiErrorCode, ConnApiError } from './conn-api-error';
export {
  type AuthorizeOptions,
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
export { countOf } from './count-of';
export { describeMoment } from './describe-moment';
export { eventSentence } from './event-sentence';
export { eventTypeLabel } from './event-type-label';
export type { EventPageOptions } from './events/event-page-options';
export type { EventStreamOptions } from './events/event-stream-options';
export { readEvent } from './events/read-event';
export { StatusWakeups, type StatusWakeupsClient } from './events/status-wakeups';
export type { FetchLike } from './fetch-like';
export type { CsrfTokenSource } from './http-transport';
export { type NextStepSource, renderNextStep } from './render-next-step';
export { renderSetupStatus } from './render-setup-status';
export type {
  AgentToken,
  Artifact,
  ArtifactReading,
  ArtifactValidation,
  AuthorizationStart,
  CatalogEntry,
  CollectedRecord,
  CollectorDevice,
  CollectorEnrollment,
  CollectorHeartbeat,
  ConnEvent,
  ConnectionPage,
  CreatedAgentToken,
  CreatedWebhook,
  CredentialField,
  DeploymentReadiness,
  EventPage,
  Holdings,
  IngestResult,
  Intent,
  IntentNextStep,
  IntentStatus,
  NextStep,
  OwnerPasswordChanged,
  ProviderApp,
  ReadinessBlocker,
  ReconnectResult,
  RecordPage,
  Remediation,
  RunList,
  RunSummary,
  SetupPlan,
  SetupState,
  SetupStatus,
  StreamCounts,
  SupportState,
  Webhook,
  WebhookDelivery,
} from './response-types';
export { runKindWords, runStatusWords } from './run-words';
export { type SameAccountRefusal, sameAccountRefusal } from './same-account-refusal';
export { SetupFailedError } from './setup-failed-error';
export { setupStateSentence } from './setup-state-sentence';
export { SetupTimeoutError } from './setup-timeout-error';
export { trackUploadProgress } from './track-upload-progress';
export type { UploadProgress, UploadProgressListener } from './upload-progress';
export {
  type VerifyWebhookSignatureInput,
  verifyWebhookSignature,
} from './verify-webhook-signature';
export { type WaitForActiveOptions, waitForActive } from './wait-for-active';
