import { EventPageSchema } from '../events/connection-event-schema';
import { SetupPlanSchema } from '../plan';
import { RunSummarySchema, SetupStatusSchema } from '../setup-status';
import {
  AgentTokenListSchema,
  CreatedAgentTokenSchema,
  RevokedAgentTokenSchema,
} from './agent-token-schema';
import { ArtifactListSchema, ArtifactViewSchema } from './artifact-schema';
import {
  AuthorizationCallbackQuerySchema,
  AuthorizationCallbackResultSchema,
  AuthorizationStartSchema,
  AuthorizeRequestSchema,
} from './authorization-schema';
import { CatalogSchema } from './catalog-entry-schema';
import { CollectorEnrollmentSchema } from './collector-enrollment-schema';
import {
  EnrollRequestSchema,
  FinishRunRequestSchema,
  IngestRequestSchema,
  ProgressRequestSchema,
} from './collector-request-schemas';
import { ConnectionPageSchema } from './connection-page-schema';
import { type ContractRoute, defineRoute } from './contract-route';
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
import { RecordPageSchema } from './record-page-schema';
import {
  ConnectionDeleteQuerySchema,
  ConnectionListQuerySchema,
  ConnectorParamsSchema,
  CredentialQuerySchema,
  EventListQuerySchema,
  EventStreamHeadersSchema,
  IdempotencyHeadersSchema,
  IdParamsSchema,
  ProviderAppParamsSchema,
  RecordListQuerySchema,
  RunListQuerySchema,
  RunParamsSchema,
  UploadHeadersSchema,
  UploadListQuerySchema,
  UploadQuerySchema,
  WebhookDeliveryParamsSchema,
} from './route-inputs';
import { RunListSchema } from './run-list-schema';
import {
  BrowserShellRequestSchema,
  CredentialRequestSchema,
  DraftRequestSchema,
  ImportRequestSchema,
} from './setup-request-schemas';
import { StreamCountsSchema } from './stream-counts-schema';
import { WebhookDeliveryListQuerySchema, WebhookRequestSchema } from './webhook-request-schemas';
import {
  CreatedWebhookSchema,
  DeletedWebhookSchema,
  RedeliverySchema,
  WebhookDeliveryListSchema,
  WebhookListSchema,
} from './webhook-schema';

const owner = ['owner'] as const;
const ownerOrAgent = ['owner', 'agent'] as const;
const collector = ['collector'] as const;
const open = [] as const;

/**
 * The REST contract of `surfaces.md` as one table: every route's method,
 * path, accepted principals and schemas. `@conn/rest` registers its handlers
 * from it, `@conn/sdk` builds its requests from it, and `/openapi.json` is
 * generated from what REST registered — so a path or a shape is written here
 * and nowhere else.
 *
 * @example
 * const route = contract.getSetupStatus;
 * fillPath(route.path, { id: connectionId }); // '/v1/owner/connections/con_…/setup-status'
 */
export const contract = {
  // Owner account and agent tokens
  login: defineRoute({
    operationId: 'login',
    tag: 'owner',
    errors: ['rate_limited'],
    method: 'POST',
    path: '/v1/owner/login',
    auth: open,
    summary: 'Log in as the owner (a console cookie, or a session token for the CLI)',
    status: 200,
    body: LoginRequestSchema,
    response: LoginResponseSchema,
  }),
  logout: defineRoute({
    operationId: 'logout',
    tag: 'owner',
    method: 'POST',
    path: '/v1/owner/logout',
    auth: owner,
    summary: 'End this owner session',
    status: 204,
    response: null,
  }),
  changeOwnerPassword: defineRoute({
    operationId: 'changeOwnerPassword',
    tag: 'owner',
    // A wrong current password is `current_password_incorrect` (422), and guesses are rate-limited.
    errors: ['rejected', 'rate_limited'],
    method: 'POST',
    path: '/v1/owner/password',
    auth: owner,
    summary: 'Change the owner password; every other owner session ends',
    status: 200,
    body: OwnerPasswordRequestSchema,
    response: OwnerPasswordChangedSchema,
  }),
  createAgentToken: defineRoute({
    operationId: 'createAgentToken',
    tag: 'owner',
    method: 'POST',
    path: '/v1/owner/agent-tokens',
    auth: owner,
    summary: 'Create an owner-agent token (shown once)',
    status: 201,
    body: AgentTokenRequestSchema,
    response: CreatedAgentTokenSchema,
  }),
  listAgentTokens: defineRoute({
    operationId: 'listAgentTokens',
    tag: 'owner',
    method: 'GET',
    path: '/v1/owner/agent-tokens',
    auth: owner,
    summary: "The owner's agent tokens, metadata only",
    status: 200,
    response: AgentTokenListSchema,
  }),
  revokeAgentToken: defineRoute({
    operationId: 'revokeAgentToken',
    tag: 'owner',
    method: 'DELETE',
    path: '/v1/owner/agent-tokens/:id',
    auth: owner,
    summary: 'Revoke an owner-agent token',
    status: 200,
    params: IdParamsSchema,
    response: RevokedAgentTokenSchema,
  }),

  // Lifecycle events: the outbox as JSON pages, or live as Server-Sent Events
  listEvents: defineRoute({
    operationId: 'listEvents',
    tag: 'events',
    method: 'GET',
    path: '/v1/owner/events',
    auth: ownerOrAgent,
    summary:
      'Lifecycle events after an id, oldest first; with Accept: text/event-stream, the live stream (Last-Event-ID resumes)',
    status: 200,
    querystring: EventListQuerySchema,
    headers: EventStreamHeadersSchema,
    response: EventPageSchema,
  }),

  // Webhooks: owner session only (an agent token gets owner_session_required)
  createWebhook: defineRoute({
    operationId: 'createWebhook',
    tag: 'webhooks',
    method: 'POST',
    path: '/v1/owner/webhooks',
    auth: owner,
    summary: 'Register a webhook (its signing secret is shown once)',
    status: 201,
    body: WebhookRequestSchema,
    response: CreatedWebhookSchema,
  }),
  listWebhooks: defineRoute({
    operationId: 'listWebhooks',
    tag: 'webhooks',
    method: 'GET',
    path: '/v1/owner/webhooks',
    auth: owner,
    summary: "The owner's webhooks, without their secrets",
    status: 200,
    response: WebhookListSchema,
  }),
  deleteWebhook: defineRoute({
    operationId: 'deleteWebhook',
    tag: 'webhooks',
    method: 'DELETE',
    path: '/v1/owner/webhooks/:id',
    auth: owner,
    summary: 'Delete a webhook; its pending deliveries are cancelled',
    status: 200,
    params: IdParamsSchema,
    response: DeletedWebhookSchema,
  }),
  listWebhookDeliveries: defineRoute({
    operationId: 'listWebhookDeliveries',
    tag: 'webhooks',
    method: 'GET',
    path: '/v1/owner/webhooks/:id/deliveries',
    auth: owner,
    summary: "A webhook's delivery log, newest first",
    status: 200,
    params: IdParamsSchema,
    querystring: WebhookDeliveryListQuerySchema,
    response: WebhookDeliveryListSchema,
  }),
  redeliverWebhookDelivery: defineRoute({
    operationId: 'redeliverWebhookDelivery',
    tag: 'webhooks',
    method: 'POST',
    path: '/v1/owner/webhooks/:id/deliveries/:delivery_id/redeliver',
    auth: owner,
    summary: 'Queue a fresh delivery of the same event',
    status: 202,
    params: WebhookDeliveryParamsSchema,
    response: RedeliverySchema,
  }),

  // Catalog, plans and readiness
  listConnectors: defineRoute({
    operationId: 'listConnectors',
    tag: 'catalog',
    method: 'GET',
    path: '/v1/owner/connectors',
    auth: ownerOrAgent,
    summary: "Every connector's plan with the owner's holdings of it",
    status: 200,
    response: CatalogSchema,
  }),
  getSetupPlan: defineRoute({
    operationId: 'getSetupPlan',
    tag: 'catalog',
    method: 'GET',
    path: '/v1/owner/connectors/:key/setup-plan',
    auth: ownerOrAgent,
    summary: "One connector's setup plan",
    status: 200,
    params: ConnectorParamsSchema,
    response: SetupPlanSchema,
  }),
  getDeploymentReadiness: defineRoute({
    operationId: 'getDeploymentReadiness',
    tag: 'deployment',
    method: 'GET',
    path: '/v1/owner/deployment/readiness',
    auth: ownerOrAgent,
    summary: "The instance's blockers and credential key provider",
    status: 200,
    response: DeploymentReadinessSchema,
  }),

  // Intents, connections and status
  createIntent: defineRoute({
    operationId: 'createIntent',
    tag: 'intents',
    method: 'POST',
    path: '/v1/owner/connections/intents',
    auth: ownerOrAgent,
    summary: 'Start a setup: the plan and the one next step for the owner',
    status: 201,
    headers: IdempotencyHeadersSchema,
    body: IntentRequestSchema,
    response: IntentSchema,
  }),
  getIntent: defineRoute({
    operationId: 'getIntent',
    tag: 'intents',
    method: 'GET',
    path: '/v1/owner/connections/intents/:id',
    auth: ownerOrAgent,
    summary: 'An intent as it stands, with its connection once one exists',
    status: 200,
    params: IdParamsSchema,
    response: IntentSchema,
  }),
  listConnections: defineRoute({
    operationId: 'listConnections',
    tag: 'connections',
    method: 'GET',
    path: '/v1/owner/connections',
    auth: ownerOrAgent,
    summary: "One page of the owner's connections, newest first",
    status: 200,
    querystring: ConnectionListQuerySchema,
    response: ConnectionPageSchema,
  }),
  getSetupStatus: defineRoute({
    operationId: 'getSetupStatus',
    tag: 'connections',
    method: 'GET',
    path: '/v1/owner/connections/:id/setup-status',
    auth: ownerOrAgent,
    summary: 'The durable setup status of a connection, draft or live',
    status: 200,
    params: IdParamsSchema,
    response: SetupStatusSchema,
  }),
  revokeConnection: defineRoute({
    operationId: 'revokeConnection',
    tag: 'connections',
    method: 'POST',
    path: '/v1/owner/connections/:id/revoke',
    auth: ownerOrAgent,
    summary: 'Stop collection; the records are kept',
    status: 200,
    params: IdParamsSchema,
    response: SetupStatusSchema,
  }),
  reconnectConnection: defineRoute({
    operationId: 'reconnectConnection',
    tag: 'connections',
    method: 'POST',
    path: '/v1/owner/connections/:id/reconnect',
    auth: ownerOrAgent,
    summary: "Repair a connection in place: its own modality's step",
    status: 200,
    params: IdParamsSchema,
    response: ReconnectResultSchema,
  }),
  syncConnection: defineRoute({
    operationId: 'syncConnection',
    tag: 'connections',
    method: 'POST',
    path: '/v1/owner/connections/:id/sync',
    auth: ownerOrAgent,
    // A sync already queued or running is answered, not doubled.
    summary: 'Sync now: queue a sync of a server-collected connection',
    status: 202,
    params: IdParamsSchema,
    response: SetupStatusSchema,
  }),
  cancelRun: defineRoute({
    operationId: 'cancelRun',
    tag: 'connections',
    method: 'POST',
    path: '/v1/owner/connections/:id/runs/:run_id/cancel',
    auth: ownerOrAgent,
    // The worker stops at its next batch; what it stored before stays.
    summary: 'Cancel a queued or running run of a connection',
    status: 200,
    params: RunParamsSchema,
    response: CancelledRunSchema,
  }),
  listRecords: defineRoute({
    operationId: 'listRecords',
    tag: 'connections',
    method: 'GET',
    path: '/v1/owner/connections/:id/records',
    auth: ownerOrAgent,
    summary: 'One page of the records a connection collected',
    status: 200,
    params: IdParamsSchema,
    querystring: RecordListQuerySchema,
    response: RecordPageSchema,
  }),
  listRuns: defineRoute({
    operationId: 'listRuns',
    tag: 'connections',
    method: 'GET',
    path: '/v1/owner/connections/:id/runs',
    auth: ownerOrAgent,
    summary: "A connection's most recent runs, newest first",
    status: 200,
    params: IdParamsSchema,
    querystring: RunListQuerySchema,
    response: RunListSchema,
  }),
  countStreamRecords: defineRoute({
    operationId: 'countStreamRecords',
    tag: 'connections',
    method: 'GET',
    path: '/v1/owner/connections/:id/streams',
    auth: ownerOrAgent,
    summary: "A connection's records counted by stream",
    status: 200,
    params: IdParamsSchema,
    response: StreamCountsSchema,
  }),

  // Owner-session-only: destroying the owner's data (an agent token gets owner_session_required)
  deleteConnection: defineRoute({
    operationId: 'deleteConnection',
    tag: 'connections',
    method: 'DELETE',
    path: '/v1/owner/connections/:id',
    auth: owner,
    summary: 'Delete a connection with everything it holds; `confirm` repeats its label or id',
    status: 200,
    params: IdParamsSchema,
    querystring: ConnectionDeleteQuerySchema,
    response: DeletedConnectionSchema,
  }),
  undoImport: defineRoute({
    operationId: 'undoImport',
    tag: 'connections',
    method: 'POST',
    path: '/v1/owner/connections/:id/runs/:run_id/undo',
    auth: owner,
    summary: 'Undo one import: delete the records that run added, nothing else',
    status: 200,
    params: RunParamsSchema,
    response: UndoneRunSchema,
  }),

  // Owner-session-only setup steps
  createDraft: defineRoute({
    operationId: 'createDraft',
    tag: 'setup',
    method: 'POST',
    path: '/v1/owner/connections/drafts',
    auth: owner,
    summary: "A static-secret draft with the form's non-secret fields",
    status: 201,
    body: DraftRequestSchema,
    response: SetupStatusSchema,
  }),
  submitCredential: defineRoute({
    operationId: 'submitCredential',
    tag: 'setup',
    errors: ['rejected', 'conflict'],
    method: 'PUT',
    path: '/v1/owner/connections/:id/credential',
    auth: owner,
    summary:
      'Probe and store (or reject) the secret fields; also rotation. An account another connection already holds is `same_account` unless `same_account=keep`',
    status: 200,
    params: IdParamsSchema,
    querystring: CredentialQuerySchema,
    body: CredentialRequestSchema,
    response: SetupStatusSchema,
  }),
  createBrowserShell: defineRoute({
    operationId: 'createBrowserShell',
    tag: 'setup',
    method: 'POST',
    path: '/v1/owner/connectors/:key/browser-enrollment-shell',
    auth: owner,
    summary: 'A browser enrollment shell (a draft with a 2-hour life)',
    status: 201,
    params: ConnectorParamsSchema,
    body: BrowserShellRequestSchema.optional(),
    response: SetupStatusSchema,
  }),
  abandonEnrollment: defineRoute({
    operationId: 'abandonEnrollment',
    tag: 'setup',
    method: 'POST',
    path: '/v1/owner/connections/:id/abandon-enrollment',
    auth: owner,
    summary: 'Abandon an unfinished setup attempt',
    status: 200,
    params: IdParamsSchema,
    response: SetupStatusSchema,
  }),
  startAuthorization: defineRoute({
    operationId: 'startAuthorization',
    tag: 'setup',
    method: 'POST',
    path: '/v1/owner/connectors/:key/authorize',
    auth: owner,
    summary: 'Start a provider authorization (OAuth 2.0 + PKCE)',
    status: 201,
    params: ConnectorParamsSchema,
    body: AuthorizeRequestSchema.optional(),
    response: AuthorizationStartSchema,
  }),
  completeAuthorization: defineRoute({
    operationId: 'completeAuthorization',
    tag: 'setup',
    method: 'GET',
    path: '/v1/oauth/callback',
    auth: open,
    summary: 'The registered redirect URI: finishes an authorization the owner started',
    status: 200,
    querystring: AuthorizationCallbackQuerySchema,
    response: AuthorizationCallbackResultSchema,
  }),
  putProviderApp: defineRoute({
    operationId: 'putProviderApp',
    tag: 'deployment',
    method: 'PUT',
    path: '/v1/owner/deployment/provider-apps/:group',
    auth: owner,
    summary: "Enter a provider OAuth app's client id and secret (sealed)",
    status: 200,
    params: ProviderAppParamsSchema,
    body: ProviderAppRequestSchema,
    response: ProviderAppSchema,
  }),
  listProviderApps: defineRoute({
    operationId: 'listProviderApps',
    tag: 'deployment',
    method: 'GET',
    path: '/v1/owner/deployment/provider-apps',
    auth: owner,
    summary: 'The configured provider OAuth apps, never their secrets',
    status: 200,
    response: ProviderAppListSchema,
  }),

  // Uploads
  uploadArtifact: defineRoute({
    operationId: 'uploadArtifact',
    tag: 'uploads',
    errors: ['rejected'],
    method: 'POST',
    path: '/v1/owner/uploads',
    auth: owner,
    summary: 'Upload one export file as the raw body; it is validated before any import',
    status: 201,
    querystring: UploadQuerySchema,
    headers: UploadHeadersSchema,
    bodyKind: 'raw',
    response: ArtifactViewSchema,
  }),
  listArtifacts: defineRoute({
    operationId: 'listArtifacts',
    tag: 'uploads',
    method: 'GET',
    path: '/v1/owner/uploads',
    auth: ownerOrAgent,
    summary: "The owner's recent uploads, newest first, each with its status",
    status: 200,
    querystring: UploadListQuerySchema,
    response: ArtifactListSchema,
  }),
  getArtifact: defineRoute({
    operationId: 'getArtifact',
    tag: 'uploads',
    method: 'GET',
    path: '/v1/owner/uploads/:id',
    auth: ownerOrAgent,
    summary: "An uploaded file's status and validation evidence",
    status: 200,
    params: IdParamsSchema,
    response: ArtifactViewSchema,
  }),
  importArtifacts: defineRoute({
    operationId: 'importArtifacts',
    tag: 'uploads',
    errors: ['rejected'],
    method: 'POST',
    path: '/v1/owner/uploads/import',
    auth: owner,
    summary: 'Import staged files into a new source or an existing connection',
    status: 202,
    body: ImportRequestSchema,
    response: SetupStatusSchema,
  }),

  // Collectors
  enrollCollector: defineRoute({
    operationId: 'enrollCollector',
    tag: 'collector',
    errors: ['rate_limited'],
    method: 'POST',
    path: '/v1/collector/enroll',
    auth: open,
    summary: 'Exchange a one-time enrollment code for a collector token',
    status: 201,
    body: EnrollRequestSchema,
    response: CollectorEnrollmentSchema,
  }),
  ingestRecords: defineRoute({
    operationId: 'ingestRecords',
    tag: 'collector',
    method: 'POST',
    path: '/v1/collector/records',
    auth: collector,
    summary: "Send one batch of a stream's records",
    status: 200,
    body: IngestRequestSchema,
    response: IngestResultSchema,
  }),
  reportRunProgress: defineRoute({
    operationId: 'reportRunProgress',
    tag: 'collector',
    method: 'POST',
    path: '/v1/collector/runs/:id/progress',
    auth: collector,
    summary: "Report a run's stage and record counts so far",
    status: 204,
    params: IdParamsSchema,
    body: ProgressRequestSchema,
    response: null,
  }),
  openCollectorRun: defineRoute({
    operationId: 'openCollectorRun',
    tag: 'collector',
    method: 'POST',
    path: '/v1/collector/runs',
    auth: collector,
    summary: 'Open the run one collector pass reports under',
    status: 201,
    response: RunSummarySchema,
  }),
  finishCollectorRun: defineRoute({
    operationId: 'finishCollectorRun',
    tag: 'collector',
    method: 'POST',
    path: '/v1/collector/runs/:id/finish',
    auth: collector,
    summary: "End a collector's run",
    status: 200,
    params: IdParamsSchema,
    body: FinishRunRequestSchema,
    response: RunSummarySchema,
  }),

  // Model Context Protocol
  mcp: defineRoute({
    operationId: 'mcp',
    tag: 'mcp',
    method: 'ALL',
    path: '/mcp',
    auth: open,
    summary: 'Refuses owner and owner-agent bearers, pointing to the setup surfaces',
    status: 200,
    response: null,
  }),
} as const;

/** The name of a contract route. */
export type OperationId = keyof typeof contract;

/** Every route of the contract, in table order. */
export const contractRoutes: readonly ContractRoute[] = Object.freeze(Object.values(contract));
