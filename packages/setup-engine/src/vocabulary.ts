import { z } from 'zod';

/**
 * The setup vocabulary of conn. Every other package imports these values; none
 * defines its own list. Surfaces may switch on them to render, never decide them.
 */

/** How a connector is set up, from the owner's point of view. */
export const modalities = [
  'local_collector',
  'browser_bound',
  'static_secret',
  'provider_authorization',
  'manual_or_upload',
  'unsupported',
] as const;
export const ModalitySchema = z.enum(modalities);
export type Modality = z.infer<typeof ModalitySchema>;

/** Can the owner do it here and now. */
export const supportStates = [
  'supported',
  'proof_gated',
  'needs_deployment_config',
  'unsupported',
] as const;
export const SupportStateSchema = z.enum(supportStates);
export type SupportState = z.infer<typeof SupportStateSchema>;

/** The one owner action a plan points at. */
export const nextStepKinds = [
  'enroll_local_collector',
  'enroll_browser_collector',
  'capture_static_secret',
  'open_provider_auth',
  'provide_import_file',
  'configure_deployment',
  'none',
] as const;
export const NextStepKindSchema = z.enum(nextStepKinds);
export type NextStepKind = z.infer<typeof NextStepKindSchema>;

/** What taking a next step creates in the store before the owner finishes it. */
export const materializations = [
  'nothing',
  'draft',
  'enrollment_code',
  'enrollment_shell',
  'upload_artifact',
  'authorization_session',
] as const;
export const MaterializationSchema = z.enum(materializations);
export type Materialization = z.infer<typeof MaterializationSchema>;

/** When a credential is known to work: before storing it, or on the first sync. */
export const validationModes = ['synchronous', 'first_sync'] as const;
export const ValidationModeSchema = z.enum(validationModes);
export type ValidationMode = z.infer<typeof ValidationModeSchema>;

/** The only stored connection statuses. */
export const connectionStatuses = ['draft', 'active', 'needs_attention', 'revoked'] as const;
export const ConnectionStatusSchema = z.enum(connectionStatuses);
export type ConnectionStatus = z.infer<typeof ConnectionStatusSchema>;

/** Why a draft was retired; a retired draft is never listed and projects to `expired`. */
export const retireReasons = ['expired', 'abandoned', 'credential_rejected'] as const;
export const RetireReasonSchema = z.enum(retireReasons);
export type RetireReason = z.infer<typeof RetireReasonSchema>;

/** The owner-facing setup state: a projection, never stored. */
export const setupStates = [
  'awaiting_credential',
  'awaiting_owner_action',
  'awaiting_collector',
  'first_sync_pending',
  'first_sync_running',
  'first_sync_failed',
  'active',
  'needs_attention',
  'revoked',
  'expired',
] as const;
export const SetupStateSchema = z.enum(setupStates);
export type SetupState = z.infer<typeof SetupStateSchema>;

/** Status of a run (a sync or an import). */
export const runStatuses = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export const RunStatusSchema = z.enum(runStatuses);
export type RunStatus = z.infer<typeof RunStatusSchema>;

/** Run statuses of a run that has not ended: at most one such run per connection. */
export const openRunStatuses = ['queued', 'running'] as const satisfies readonly RunStatus[];
export type OpenRunStatus = (typeof openRunStatuses)[number];

/** How a run can end. */
export const finishedRunStatuses = [
  'succeeded',
  'failed',
  'cancelled',
] as const satisfies readonly RunStatus[];

/**
 * Whether a run with this status is still open (queued or running).
 *
 * @example
 * if (isOpenRun(status.run?.status)) showProgress(status.run);
 */
export function isOpenRun(status: string | null | undefined): status is OpenRunStatus {
  return (openRunStatuses as readonly (string | null | undefined)[]).includes(status);
}

/** The one repair action a failed or degraded setup offers. */
export const remediationKinds = [
  'retry_sync',
  'replace_credential',
  'reconnect',
  'restart_setup',
] as const;
export const RemediationKindSchema = z.enum(remediationKinds);
export type RemediationKind = z.infer<typeof RemediationKindSchema>;

/**
 * Why a live connection needs attention when no credential was refused:
 * nothing synced for three intervals (`stale`), its device collector has
 * been silent past its window (`collector_silent`), or the provider said its
 * credential expires within a week (`credential_expiring`).
 */
export const attentionReasons = ['stale', 'collector_silent', 'credential_expiring'] as const;
export const AttentionReasonSchema = z.enum(attentionReasons);
export type AttentionReason = z.infer<typeof AttentionReasonSchema>;

/** What a sealed static credential bundle is. */
export const credentialKinds = [
  'app_password',
  'personal_access_token',
  'api_key',
  'username_password',
  'secret_bundle',
] as const;
export const CredentialKindSchema = z.enum(credentialKinds);
export type CredentialKind = z.infer<typeof CredentialKindSchema>;

/** Devices a collector runs on. */
export const platforms = ['macos', 'linux', 'windows', 'android', 'ios', 'web'] as const;
export const PlatformSchema = z.enum(platforms);
export type Platform = z.infer<typeof PlatformSchema>;

/** Which registered implementation a connector offers the server. */
export const implementationKinds = ['probe', 'collector', 'validator'] as const;
export const ImplementationKindSchema = z.enum(implementationKinds);
export type ImplementationKind = z.infer<typeof ImplementationKindSchema>;

/** Upload artifact lifecycle. */
export const artifactStatuses = [
  'uploaded',
  'validating',
  'staged',
  'invalid',
  'duplicate',
  'imported',
  'expired',
  // Its receiving server died before it was received or checked (its lease lapsed).
  'interrupted',
] as const;
export const ArtifactStatusSchema = z.enum(artifactStatuses);

/** An upload still arriving or being checked: its writer keeps it alive with heartbeats. */
export const receivingArtifactStatuses = [
  'uploaded',
  'validating',
] as const satisfies readonly ArtifactStatus[];

/** What validating an upload decides. */
export const artifactVerdicts = [
  'staged',
  'invalid',
  'duplicate',
] as const satisfies readonly ArtifactStatus[];
export type ArtifactVerdict = (typeof artifactVerdicts)[number];

/** Artifacts that may still be imported; past their lifetime they expire. */
export const importableArtifactStatuses = [
  ...receivingArtifactStatuses,
  'staged',
] as const satisfies readonly ArtifactStatus[];

/** Artifacts whose stored file is never read again. */
export const settledArtifactStatuses = [
  'expired',
  'invalid',
  'duplicate',
  'imported',
  'interrupted',
] as const satisfies readonly ArtifactStatus[];
export type ArtifactStatus = z.infer<typeof ArtifactStatusSchema>;
