import type * as engine from '@conn/setup-engine';
import type { ForwardCompatible } from '@conn/setup-engine';

/*
 * The shapes the client returns, as it reads them: the engine's schemas read
 * forward-compatibly, so each enum may also be `'unknown'` (a value a later
 * server added) and renderers handle it.
 */

export type AgentToken = ForwardCompatible<engine.AgentToken>;
export type Artifact = ForwardCompatible<engine.Artifact>;
export type ArtifactValidation = ForwardCompatible<engine.ArtifactValidation>;
/** A guess about how to read an upload, with the options the owner may pick instead. */
export type ArtifactReading = ForwardCompatible<engine.ArtifactReading>;
export type AuthorizationStart = ForwardCompatible<engine.AuthorizationStart>;
export type CatalogEntry = ForwardCompatible<engine.CatalogEntry>;
export type CollectedRecord = ForwardCompatible<engine.CollectedRecord>;
export type CollectorDevice = ForwardCompatible<engine.CollectorDevice>;
export type CollectorEnrollment = ForwardCompatible<engine.CollectorEnrollment>;
export type CollectorHeartbeat = ForwardCompatible<engine.CollectorHeartbeat>;
/** A published lifecycle event (`client.events`, webhooks). */
export type ConnEvent = ForwardCompatible<engine.ConnectionEvent>;
export type ConnectionPage = ForwardCompatible<engine.ConnectionPage>;
/** A field of a credential form, as the plan's descriptor lists it. */
export type CredentialField = ForwardCompatible<engine.CredentialField>;
export type CreatedAgentToken = ForwardCompatible<engine.CreatedAgentToken>;
export type CreatedWebhook = ForwardCompatible<engine.CreatedWebhook>;
/** One JSON page of `GET /v1/owner/events`. */
export interface EventPage {
  items: ConnEvent[];
  next_after: number;
}
export type CancelledRun = ForwardCompatible<engine.CancelledRun>;
export type DeletedConnection = ForwardCompatible<engine.DeletedConnection>;
export type DeploymentReadiness = ForwardCompatible<engine.DeploymentReadiness>;
export type Holdings = ForwardCompatible<engine.Holdings>;
export type IngestResult = ForwardCompatible<engine.IngestResult>;
export type Intent = ForwardCompatible<engine.Intent>;
export type IntentNextStep = ForwardCompatible<engine.IntentNextStep>;
export type IntentStatus = ForwardCompatible<engine.IntentStatus>;
export type NextStep = ForwardCompatible<engine.NextStep>;
export type OwnerPasswordChanged = ForwardCompatible<engine.OwnerPasswordChanged>;
export type ProviderApp = ForwardCompatible<engine.ProviderApp>;
export type ProviderAppList = ForwardCompatible<engine.ProviderAppList>;
export type ReadinessBlocker = ForwardCompatible<engine.ReadinessBlocker>;
export type ReconnectResult = ForwardCompatible<engine.ReconnectResult>;
export type RecordPage = ForwardCompatible<engine.RecordPage>;
export type Remediation = ForwardCompatible<engine.Remediation>;
export type RunList = ForwardCompatible<engine.RunList>;
export type RunSummary = ForwardCompatible<engine.RunSummary>;
export type SetupPlan = ForwardCompatible<engine.SetupPlan>;
export type SetupState = ForwardCompatible<engine.SetupState>;
export type SetupStatus = ForwardCompatible<engine.SetupStatus>;
export type StreamCounts = ForwardCompatible<engine.StreamCounts>;
export type SupportState = ForwardCompatible<engine.SupportState>;
export type UndoneRun = ForwardCompatible<engine.UndoneRun>;
export type Webhook = ForwardCompatible<engine.Webhook>;
export type WebhookDelivery = ForwardCompatible<engine.WebhookDelivery>;
