import { z } from 'zod';
import { ErrorBodySchema, ErrorCodeSchema } from '../errors';
import { ConnectionEventSchema, EventPageSchema } from '../events/connection-event-schema';
import { EventTypeSchema } from '../events/event-types';
import { CredentialFieldSchema } from '../manifest';
import {
  ActionSchema,
  NextStepSchema,
  ProofGateSchema,
  ReadinessBlockerSchema,
  ReadinessSchema,
  SetupPlanSchema,
} from '../plan';
import { RemediationSchema } from '../remediation';
import {
  AccountIdentitySchema,
  CredentialMetadataSchema,
  RunSummarySchema,
  SameAccountSchema,
  SetupStatusSchema,
  SyncHealthSchema,
} from '../setup-status';
import {
  ArtifactStatusSchema,
  ConnectionStatusSchema,
  ModalitySchema,
  NextStepKindSchema,
  RemediationKindSchema,
  RunStatusSchema,
  SetupStateSchema,
  SupportStateSchema,
} from '../vocabulary';
import {
  AgentTokenListSchema,
  AgentTokenSchema,
  CreatedAgentTokenSchema,
  RevokedAgentTokenSchema,
} from './agent-token-schema';
import { ArtifactReadingSchema } from './artifact-reading-schema';
import {
  ArtifactListSchema,
  ArtifactValidationSchema,
  ArtifactViewSchema,
} from './artifact-schema';
import {
  AuthorizationCallbackResultSchema,
  AuthorizationStartSchema,
  AuthorizeRequestSchema,
} from './authorization-schema';
import { CatalogEntrySchema, CatalogSchema, HoldingsSchema } from './catalog-entry-schema';
import { CollectorEnrollmentSchema } from './collector-enrollment-schema';
import {
  EnrollRequestSchema,
  FinishRunRequestSchema,
  IngestRequestSchema,
  ProgressRequestSchema,
} from './collector-request-schemas';
import { ConnectionPageSchema } from './connection-page-schema';
import { DeploymentReadinessSchema } from './deployment-readiness-schema';
import { IngestResultSchema } from './ingest-result-schema';
import { IntentRequestSchema, IntentSchema } from './intent-schema';
import { LoginResponseSchema, OwnerPasswordChangedSchema } from './login-response-schema';
import { CancelledRunSchema, DeletedConnectionSchema, UndoneRunSchema } from './owner-data-schemas';
import {
  AgentTokenRequestSchema,
  LoginRequestSchema,
  OwnerPasswordRequestSchema,
} from './owner-request-schemas';
import {
  ProviderAppListSchema,
  ProviderAppRequestSchema,
  ProviderAppSchema,
} from './provider-app-schema';
import { ReconnectResultSchema } from './reconnect-result-schema';
import { CollectedRecordSchema, RecordPageSchema } from './record-page-schema';
import {
  BrowserShellRequestSchema,
  CredentialRequestSchema,
  DraftRequestSchema,
  ImportRequestSchema,
  ImportTargetSchema,
} from './setup-request-schemas';
import { WebhookRequestSchema } from './webhook-request-schemas';
import {
  CreatedWebhookSchema,
  DeletedWebhookSchema,
  RedeliverySchema,
  WebhookDeliveryListSchema,
  WebhookDeliverySchema,
  WebhookDeliveryStatusSchema,
  WebhookListSchema,
  WebhookSchema,
} from './webhook-schema';

/**
 * The contract's shared shapes under the names the OpenAPI document gives
 * them (`components.schemas`): every route that uses one refers to it
 * instead of inlining it. A registry of the engine's own, so an app that
 * also uses zod's global registry cannot collide with these names.
 *
 * @example
 * createJsonSchemaTransform({ schemaRegistry: contractSchemas });
 */
export const contractSchemas = z.registry<{ id: string }>();

const named: Record<string, z.ZodType> = {
  ErrorCode: ErrorCodeSchema,
  ErrorBody: ErrorBodySchema,
  Modality: ModalitySchema,
  SupportState: SupportStateSchema,
  NextStepKind: NextStepKindSchema,
  SetupState: SetupStateSchema,
  ConnectionStatus: ConnectionStatusSchema,
  RunStatus: RunStatusSchema,
  RemediationKind: RemediationKindSchema,
  ArtifactStatus: ArtifactStatusSchema,
  EventType: EventTypeSchema,
  CredentialField: CredentialFieldSchema,
  Action: ActionSchema,
  NextStep: NextStepSchema,
  ProofGate: ProofGateSchema,
  Readiness: ReadinessSchema,
  ReadinessBlocker: ReadinessBlockerSchema,
  SetupPlan: SetupPlanSchema,
  Remediation: RemediationSchema,
  RunSummary: RunSummarySchema,
  CredentialMetadata: CredentialMetadataSchema,
  AccountIdentity: AccountIdentitySchema,
  SetupStatus: SetupStatusSchema,
  SameAccount: SameAccountSchema,
  SyncHealth: SyncHealthSchema,
  ConnectionEvent: ConnectionEventSchema,
  EventPage: EventPageSchema,
  AgentToken: AgentTokenSchema,
  AgentTokenList: AgentTokenListSchema,
  CreatedAgentToken: CreatedAgentTokenSchema,
  RevokedAgentToken: RevokedAgentTokenSchema,
  AgentTokenRequest: AgentTokenRequestSchema,
  LoginRequest: LoginRequestSchema,
  LoginResponse: LoginResponseSchema,
  OwnerPasswordRequest: OwnerPasswordRequestSchema,
  OwnerPasswordChanged: OwnerPasswordChangedSchema,
  ArtifactValidation: ArtifactValidationSchema,
  ArtifactReading: ArtifactReadingSchema,
  ArtifactView: ArtifactViewSchema,
  ArtifactList: ArtifactListSchema,
  AuthorizeRequest: AuthorizeRequestSchema,
  AuthorizationStart: AuthorizationStartSchema,
  AuthorizationCallbackResult: AuthorizationCallbackResultSchema,
  Holdings: HoldingsSchema,
  CatalogEntry: CatalogEntrySchema,
  Catalog: CatalogSchema,
  CollectorEnrollment: CollectorEnrollmentSchema,
  EnrollRequest: EnrollRequestSchema,
  IngestRequest: IngestRequestSchema,
  IngestResult: IngestResultSchema,
  ProgressRequest: ProgressRequestSchema,
  FinishRunRequest: FinishRunRequestSchema,
  ConnectionPage: ConnectionPageSchema,
  DeploymentReadiness: DeploymentReadinessSchema,
  IntentRequest: IntentRequestSchema,
  Intent: IntentSchema,
  ProviderApp: ProviderAppSchema,
  ProviderAppList: ProviderAppListSchema,
  ProviderAppRequest: ProviderAppRequestSchema,
  ReconnectResult: ReconnectResultSchema,
  DeletedConnection: DeletedConnectionSchema,
  UndoneRun: UndoneRunSchema,
  CancelledRun: CancelledRunSchema,
  CollectedRecord: CollectedRecordSchema,
  RecordPage: RecordPageSchema,
  DraftRequest: DraftRequestSchema,
  CredentialRequest: CredentialRequestSchema,
  BrowserShellRequest: BrowserShellRequestSchema,
  ImportTarget: ImportTargetSchema,
  ImportRequest: ImportRequestSchema,
  WebhookRequest: WebhookRequestSchema,
  Webhook: WebhookSchema,
  WebhookList: WebhookListSchema,
  CreatedWebhook: CreatedWebhookSchema,
  DeletedWebhook: DeletedWebhookSchema,
  WebhookDeliveryStatus: WebhookDeliveryStatusSchema,
  WebhookDelivery: WebhookDeliverySchema,
  WebhookDeliveryList: WebhookDeliveryListSchema,
  Redelivery: RedeliverySchema,
};
for (const [id, schema] of Object.entries(named)) contractSchemas.add(schema, { id });
