import {
  type AgentToken,
  AgentTokenListSchema,
  type Artifact,
  ArtifactSchema,
  type AuthorizationStart,
  AuthorizationStartSchema,
  type CatalogEntry,
  CatalogSchema,
  type CollectorEnrollment,
  CollectorEnrollmentSchema,
  type ConnectionPage,
  ConnectionPageSchema,
  type CreatedAgentToken,
  CreatedAgentTokenSchema,
  type DeploymentReadiness,
  DeploymentReadinessSchema,
  type IngestResult,
  IngestResultSchema,
  type Intent,
  type IntentRequest,
  IntentSchema,
  LoginResponseSchema,
  type ProviderApp,
  ProviderAppSchema,
  type ReconnectResult,
  ReconnectResultSchema,
  type RecordPage,
  RecordPageSchema,
  RevokedAgentTokenSchema,
  type RunSummary,
  RunSummarySchema,
  type Secret,
  type SetupPlan,
  SetupPlanSchema,
  type SetupStatus,
  SetupStatusSchema,
} from '@conn/setup-engine';
import type { CallOptions } from './call-options';
import { ConnResponseError } from './conn-response-error';
import type { FetchLike } from './fetch-like';
import { HttpTransport } from './http-transport';
import { trackUploadProgress } from './track-upload-progress';
import type { UploadProgressListener } from './upload-progress';
import { type WaitForActiveOptions, waitForActive } from './wait-for-active';

/** How to reach a conn server and who is calling. */
export interface ConnClientOptions {
  /** The server's base URL, e.g. `http://127.0.0.1:7777` (a path prefix is kept). */
  baseUrl: string | URL;
  /**
   * An owner session token (`cos_…`, from `login`), an owner-agent token
   * (`coa_…`), or a collector token for the collector methods. Never shown
   * in an error message.
   */
  token?: string | null;
  /** Defaults to the global `fetch`. */
  fetch?: FetchLike;
}

/** A credential or client-secret value: a plain string or the engine's redacting `Secret`. */
export type SecretValue = string | Secret;

/** Where imported files go: a new source (label suggested by the validator) or an existing connection. */
export type ImportTarget = { new: { label?: string } } | { connection_id: string };

/** A raw upload body. Pass a `File`/`Blob` in browsers; request streams need HTTP/2 there. */
export type UploadBody = Blob | ArrayBuffer | Uint8Array | ReadableStream<Uint8Array>;

/** Options of `upload`. */
export interface UploadOptions extends CallOptions {
  /** The file's name as the owner knows it; sent percent-encoded in `X-Conn-File-Name`. */
  fileName: string;
  /** Called as bytes go out: per chunk for streams, at start and end for blobs and buffers. */
  onProgress?: UploadProgressListener;
  /** A stream's size when known, for `onProgress`. */
  totalBytes?: number | null;
}

/** Options of `createIntent`. */
export interface CreateIntentOptions extends CallOptions {
  /** Retries with the same key and body return the same intent (header `Idempotency-Key`). */
  idempotencyKey?: string;
}

/** Options of `connect`: the intent's fields in camelCase plus the idempotency key. */
export interface ConnectOptions extends CreateIntentOptions {
  label?: string;
  /** The owner confirmed an attempt on a path with no recorded proof on this server. */
  unproven?: boolean;
  reconnectConnectionId?: string;
}

const segment = encodeURIComponent;
const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

function reveal(value: SecretValue): string {
  return typeof value === 'string' ? value : value.reveal();
}

function revealAll(fields: Readonly<Record<string, SecretValue>>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, reveal(value)]));
}

/**
 * A typed client over the conn REST surface. Every answer is validated with
 * the engine's schemas (or the SDK's, for shapes the engine does not own);
 * failures are `ConnApiError` (the server's error code), `ConnNetworkError`
 * or `ConnResponseError` (an answer off the contract). The token never
 * appears in an error message, `toString`, `JSON.stringify` or `util.inspect`.
 *
 * @example
 * const client = new ConnClient({ baseUrl: 'http://127.0.0.1:7777', token: process.env.CONN_TOKEN });
 * const plan = await client.plan(connectorKey);
 * const intent = await client.createIntent({ connector: plan.connector.key });
 * console.log(renderNextStep(intent));
 */
export class ConnClient {
  readonly #http: HttpTransport;
  readonly #fetch: FetchLike;

  constructor(options: ConnClientOptions) {
    const base = new URL(options.baseUrl);
    if (base.protocol !== 'http:' && base.protocol !== 'https:') {
      throw new TypeError('The conn server URL must start with http:// or https://.');
    }
    const injected = options.fetch;
    // Called as a plain function: browsers refuse `fetch` invoked with a foreign `this`.
    this.#fetch =
      injected === undefined
        ? (url, init) => globalThis.fetch(url, init)
        : (url, init) => injected(url, init);
    const baseUrl = `${base.origin}${base.pathname}`.replace(/\/+$/, '');
    this.#http = new HttpTransport(baseUrl, options.token ?? null, this.#fetch);
  }

  /** The base URL requests go to, without a trailing slash. */
  get baseUrl(): string {
    return this.#http.baseUrl;
  }

  /**
   * The same server and fetch with another token (after `login`, `enroll`
   * or `createAgentToken`).
   *
   * @example
   * const owner = client.withToken(await client.login(password));
   */
  withToken(token: string | null): ConnClient {
    return new ConnClient({ baseUrl: this.baseUrl, token, fetch: this.#fetch });
  }

  toString(): string {
    return `ConnClient(${this.baseUrl})`;
  }

  toJSON(): { baseUrl: string; authenticated: boolean } {
    return { baseUrl: this.baseUrl, authenticated: this.#http.authenticated };
  }

  [inspectCustom](): string {
    return this.toString();
  }

  // Catalog and plans (owner session or owner-agent token)

  /** Every connector's plan with the owner's holdings of it. `GET /v1/owner/connectors` */
  async connectors(options: CallOptions = {}): Promise<CatalogEntry[]> {
    const body = await this.#http.send({
      method: 'GET',
      path: '/v1/owner/connectors',
      signal: options.signal,
      schema: CatalogSchema,
    });
    return body.connectors;
  }

  /**
   * One connector's setup plan. `GET /v1/owner/connectors/:key/setup-plan`
   *
   * @example
   * const plan = await client.plan(connectorKey);
   * if (plan.support_state !== 'supported') console.log(renderNextStep(plan));
   */
  plan(key: string, options: CallOptions = {}): Promise<SetupPlan> {
    return this.#http.send({
      method: 'GET',
      path: `/v1/owner/connectors/${segment(key)}/setup-plan`,
      signal: options.signal,
      schema: SetupPlanSchema,
    });
  }

  /** The instance's blockers and key provider. `GET /v1/owner/deployment/readiness` */
  readiness(options: CallOptions = {}): Promise<DeploymentReadiness> {
    return this.#http.send({
      method: 'GET',
      path: '/v1/owner/deployment/readiness',
      signal: options.signal,
      schema: DeploymentReadinessSchema,
    });
  }

  // Intents, connections and status (owner session or owner-agent token)

  /**
   * Starts a setup: the plan and the one next step to relay to the owner.
   * A proof-gated path needs `unproven: true` (the owner's confirmation),
   * otherwise the intent comes back `blocked`. `POST /v1/owner/connections/intents`
   *
   * @example
   * const intent = await client.createIntent({ connector: connectorKey }, { idempotencyKey: crypto.randomUUID() });
   * console.log(renderNextStep(intent)); // the code and `conn collector enroll --code …`
   */
  createIntent(input: IntentRequest, options: CreateIntentOptions = {}): Promise<Intent> {
    return this.#http.send({
      method: 'POST',
      path: '/v1/owner/connections/intents',
      json: input,
      headers:
        options.idempotencyKey === undefined ? {} : { 'idempotency-key': options.idempotencyKey },
      signal: options.signal,
      schema: IntentSchema,
    });
  }

  /**
   * `createIntent` with camelCase options: connect a connector.
   *
   * @example
   * const intent = await client.connect(connectorKey, { unproven: true });
   */
  connect(connector: string, options: ConnectOptions = {}): Promise<Intent> {
    const input: IntentRequest = { connector };
    if (options.label !== undefined) input.label = options.label;
    if (options.unproven !== undefined) input.unproven = options.unproven;
    if (options.reconnectConnectionId !== undefined) {
      input.reconnect_connection_id = options.reconnectConnectionId;
    }
    const { idempotencyKey, signal } = options;
    return this.createIntent(input, {
      ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
      ...(signal === undefined ? {} : { signal }),
    });
  }

  /** An intent as it stands now, with its connection id once one exists. `GET /v1/owner/connections/intents/:id` */
  intent(id: string, options: CallOptions = {}): Promise<Intent> {
    return this.#http.send({
      method: 'GET',
      path: `/v1/owner/connections/intents/${segment(id)}`,
      signal: options.signal,
      schema: IntentSchema,
    });
  }

  /**
   * One page of the owner's connections, newest first; pending setups only
   * with `includePending`. `GET /v1/owner/connections`
   *
   * @example
   * for (let page = await client.connections(); ; page = await client.connections({ cursor: page.next_cursor })) {
   *   show(page.items);
   *   if (page.next_cursor === null) break;
   * }
   */
  connections(
    query: { includePending?: boolean; cursor?: string | null; limit?: number } = {},
    options: CallOptions = {},
  ): Promise<ConnectionPage> {
    return this.#http.send({
      method: 'GET',
      path: '/v1/owner/connections',
      query: {
        include: query.includePending === true ? 'pending' : undefined,
        cursor: query.cursor ?? undefined,
        limit: query.limit,
      },
      signal: options.signal,
      schema: ConnectionPageSchema,
    });
  }

  /** The durable status of a connection, draft or live. `GET /v1/owner/connections/:id/setup-status` */
  setupStatus(id: string, options: CallOptions = {}): Promise<SetupStatus> {
    return this.#http.send({
      method: 'GET',
      path: `/v1/owner/connections/${segment(id)}/setup-status`,
      signal: options.signal,
      schema: SetupStatusSchema,
    });
  }

  /**
   * Polls `setupStatus` until the connection is active; see `waitForActive`.
   *
   * @example
   * await client.waitForActive(connectionId, { onProgress: (s) => console.log(renderSetupStatus(s)) });
   */
  waitForActive(id: string, options: WaitForActiveOptions = {}): Promise<SetupStatus> {
    return waitForActive(this, id, options);
  }

  /** Stops collection and keeps the records. `POST /v1/owner/connections/:id/revoke` */
  revoke(id: string, options: CallOptions = {}): Promise<SetupStatus> {
    return this.#http.send({
      method: 'POST',
      path: `/v1/owner/connections/${segment(id)}/revoke`,
      json: {},
      signal: options.signal,
      schema: SetupStatusSchema,
    });
  }

  /** Repairs a connection in place and says where the owner lands. `POST /v1/owner/connections/:id/reconnect` */
  reconnect(id: string, options: CallOptions = {}): Promise<ReconnectResult> {
    return this.#http.send({
      method: 'POST',
      path: `/v1/owner/connections/${segment(id)}/reconnect`,
      json: {},
      signal: options.signal,
      schema: ReconnectResultSchema,
    });
  }

  /** One page of collected records. `GET /v1/owner/connections/:id/records` */
  records(
    id: string,
    query: { stream?: string; cursor?: string | null; limit?: number } = {},
    options: CallOptions = {},
  ): Promise<RecordPage> {
    return this.#http.send({
      method: 'GET',
      path: `/v1/owner/connections/${segment(id)}/records`,
      query: { stream: query.stream, cursor: query.cursor ?? undefined, limit: query.limit },
      signal: options.signal,
      schema: RecordPageSchema,
    });
  }

  // Owner session only (an owner-agent token gets `owner_session_required`)

  /**
   * A static-secret draft with the form's non-secret fields. `POST /v1/owner/connections/drafts`
   *
   * @example
   * const draft = await owner.createDraft({ connector: connectorKey, fields: {} });
   * await owner.submitCredential(draft.connection_id, { token: new Secret(input) });
   */
  createDraft(
    input: { connector: string; label?: string; fields?: Readonly<Record<string, unknown>> },
    options: CallOptions = {},
  ): Promise<SetupStatus> {
    return this.#http.send({
      method: 'POST',
      path: '/v1/owner/connections/drafts',
      json: input,
      signal: options.signal,
      schema: SetupStatusSchema,
    });
  }

  /**
   * Submits the secret fields: probed, stored sealed or rejected
   * (`credential_rejected`, nothing stored). `PUT /v1/owner/connections/:id/credential`
   */
  submitCredential(
    id: string,
    fields: Readonly<Record<string, SecretValue>>,
    options: CallOptions = {},
  ): Promise<SetupStatus> {
    return this.#http.send({
      method: 'PUT',
      path: `/v1/owner/connections/${segment(id)}/credential`,
      json: revealAll(fields),
      signal: options.signal,
      schema: SetupStatusSchema,
    });
  }

  /**
   * Logs in as the owner and returns the owner session token (`cos_…`); use
   * it with `withToken`. Sends no bearer. `POST /v1/owner/login`
   *
   * @example
   * const owner = client.withToken(await client.login(password));
   */
  async login(password: SecretValue, options: CallOptions = {}): Promise<string> {
    const body = await this.#http.send({
      method: 'POST',
      path: '/v1/owner/login',
      json: { password: reveal(password), mode: 'token' },
      authenticated: false,
      signal: options.signal,
      schema: LoginResponseSchema,
    });
    if (body.session_token === undefined) {
      throw new ConnResponseError('The login answer carries no session token.', {
        status: 200,
        route: 'POST /v1/owner/login',
      });
    }
    return body.session_token;
  }

  /** Ends this owner session. `POST /v1/owner/logout` */
  logout(options: CallOptions = {}): Promise<undefined> {
    return this.#http.send({
      method: 'POST',
      path: '/v1/owner/logout',
      json: {},
      signal: options.signal,
      schema: null,
    });
  }

  /** A new owner-agent token, shown this once. `POST /v1/owner/agent-tokens` */
  createAgentToken(name: string, options: CallOptions = {}): Promise<CreatedAgentToken> {
    return this.#http.send({
      method: 'POST',
      path: '/v1/owner/agent-tokens',
      json: { name },
      signal: options.signal,
      schema: CreatedAgentTokenSchema,
    });
  }

  /** The owner's agent tokens (metadata only). `GET /v1/owner/agent-tokens` */
  async agentTokens(options: CallOptions = {}): Promise<AgentToken[]> {
    const body = await this.#http.send({
      method: 'GET',
      path: '/v1/owner/agent-tokens',
      signal: options.signal,
      schema: AgentTokenListSchema,
    });
    return body.agent_tokens;
  }

  /** Revokes an agent token. `DELETE /v1/owner/agent-tokens/:id` */
  async revokeAgentToken(id: string, options: CallOptions = {}): Promise<AgentToken> {
    const body = await this.#http.send({
      method: 'DELETE',
      path: `/v1/owner/agent-tokens/${segment(id)}`,
      signal: options.signal,
      schema: RevokedAgentTokenSchema,
    });
    return body.agent_token;
  }

  /** A browser enrollment shell (a draft with a 2-hour life). `POST /v1/owner/connectors/:key/browser-enrollment-shell` */
  browserEnrollmentShell(
    key: string,
    input: { label?: string } = {},
    options: CallOptions = {},
  ): Promise<SetupStatus> {
    return this.#http.send({
      method: 'POST',
      path: `/v1/owner/connectors/${segment(key)}/browser-enrollment-shell`,
      json: input,
      signal: options.signal,
      schema: SetupStatusSchema,
    });
  }

  /** Abandons an unfinished attempt; it never shows up again. `POST /v1/owner/connections/:id/abandon-enrollment` */
  abandonEnrollment(id: string, options: CallOptions = {}): Promise<SetupStatus> {
    return this.#http.send({
      method: 'POST',
      path: `/v1/owner/connections/${segment(id)}/abandon-enrollment`,
      json: {},
      signal: options.signal,
      schema: SetupStatusSchema,
    });
  }

  /** Starts an OAuth authorization; open `authorization_url`. `POST /v1/owner/connectors/:key/authorize` */
  authorize(key: string, options: CallOptions = {}): Promise<AuthorizationStart> {
    return this.#http.send({
      method: 'POST',
      path: `/v1/owner/connectors/${segment(key)}/authorize`,
      json: {},
      signal: options.signal,
      schema: AuthorizationStartSchema,
    });
  }

  /** The operator enters a provider OAuth app (secret sealed on the server). `PUT /v1/owner/deployment/provider-apps/:group` */
  putProviderApp(
    group: string,
    input: { client_id: string; client_secret: SecretValue; instance_url?: string },
    options: CallOptions = {},
  ): Promise<ProviderApp> {
    return this.#http.send({
      method: 'PUT',
      path: `/v1/owner/deployment/provider-apps/${segment(group)}`,
      json: { ...input, client_secret: reveal(input.client_secret) },
      signal: options.signal,
      schema: ProviderAppSchema,
    });
  }

  /**
   * Uploads one export file as the raw body; the server stages and validates
   * it before anything is imported. In Node, `uploadFile` from
   * `@conn/sdk/node` streams a path with byte progress. `POST /v1/owner/uploads?connector=KEY`
   *
   * @example
   * const artifact = await owner.upload(plan.connector.key, file, { fileName: file.name });
   */
  async upload(connector: string, body: UploadBody, options: UploadOptions): Promise<Artifact> {
    const { onProgress } = options;
    let sent: UploadBody = body;
    let size: number | null = options.totalBytes ?? null;
    if (body instanceof ReadableStream) {
      if (onProgress !== undefined) sent = trackUploadProgress(body, size, onProgress);
    } else {
      size = body instanceof Blob ? body.size : body.byteLength;
      onProgress?.({ bytesSent: 0, totalBytes: size });
    }
    const artifact = await this.#http.send({
      method: 'POST',
      path: '/v1/owner/uploads',
      query: { connector },
      body: sent,
      headers: {
        'content-type': 'application/octet-stream',
        'x-conn-file-name': encodeURIComponent(options.fileName),
      },
      signal: options.signal,
      schema: ArtifactSchema,
    });
    if (!(body instanceof ReadableStream) && size !== null && size > 0) {
      onProgress?.({ bytesSent: size, totalBytes: size });
    }
    return artifact;
  }

  /** An uploaded file's status and validation. `GET /v1/owner/uploads/:id` */
  artifact(id: string, options: CallOptions = {}): Promise<Artifact> {
    return this.#http.send({
      method: 'GET',
      path: `/v1/owner/uploads/${segment(id)}`,
      signal: options.signal,
      schema: ArtifactSchema,
    });
  }

  /**
   * Imports staged files into a new source or an existing connection, and
   * returns that connection's setup status. `POST /v1/owner/uploads/import`
   *
   * @example
   * const status = await owner.importArtifacts({ artifact_ids: [artifact.id], target: { new: { label: 'Family' } } });
   * await waitForActive(owner, status.connection_id);
   */
  importArtifacts(
    input: { artifact_ids: readonly string[]; target: ImportTarget },
    options: CallOptions = {},
  ): Promise<SetupStatus> {
    return this.#http.send({
      method: 'POST',
      path: '/v1/owner/uploads/import',
      json: input,
      signal: options.signal,
      schema: SetupStatusSchema,
    });
  }

  // Collectors

  /**
   * Exchanges a one-time enrollment code for a collector token (sends no
   * bearer). `POST /v1/collector/enroll`
   *
   * @example
   * const { collector_token, run_id } = await client.enroll('7KQ2-M9XD-4T0B', 'laptop');
   * const collector = client.withToken(collector_token);
   */
  enroll(
    code: string,
    deviceName: string,
    options: CallOptions = {},
  ): Promise<CollectorEnrollment> {
    return this.#http.send({
      method: 'POST',
      path: '/v1/collector/enroll',
      json: { code, device_name: deviceName },
      authenticated: false,
      signal: options.signal,
      schema: CollectorEnrollmentSchema,
    });
  }

  /** Sends one batch of a stream's records (collector token). `POST /v1/collector/records` */
  ingest(
    stream: string,
    records: readonly Readonly<Record<string, unknown>>[],
    options: CallOptions & { runId?: string } = {},
  ): Promise<IngestResult> {
    return this.#http.send({
      method: 'POST',
      path: '/v1/collector/records',
      json:
        options.runId === undefined
          ? { stream, records }
          : { stream, records, run_id: options.runId },
      signal: options.signal,
      schema: IngestResultSchema,
    });
  }

  /**
   * Reports a run's stage and record counts so far (collector token).
   * `POST /v1/collector/runs/:id/progress`
   *
   * @example
   * await collector.reportProgress(runId, { stage: 'sessions', counts: { accepted: 120 } });
   */
  reportProgress(
    runId: string,
    progress: { stage: string; counts?: { accepted?: number; rejected?: number } },
    options: CallOptions = {},
  ): Promise<undefined> {
    return this.#http.send({
      method: 'POST',
      path: `/v1/collector/runs/${segment(runId)}/progress`,
      json:
        progress.counts === undefined
          ? { stage: progress.stage }
          : { stage: progress.stage, counts: progress.counts },
      signal: options.signal,
      schema: null,
    });
  }

  /**
   * Opens the run one collector pass reports under (collector token); an open
   * run of the connection is taken over. `POST /v1/collector/runs`
   *
   * @example
   * const run = await collector.openRun();
   * await collector.ingest('sessions', records, { runId: run.id });
   * await collector.finishRun(run.id, { status: 'succeeded' });
   */
  openRun(options: CallOptions = {}): Promise<RunSummary> {
    return this.#http.send({
      method: 'POST',
      path: '/v1/collector/runs',
      json: {},
      signal: options.signal,
      schema: RunSummarySchema,
    });
  }

  /** Ends a collector's run (collector token). `POST /v1/collector/runs/:id/finish` */
  finishRun(
    runId: string,
    outcome: { status: 'succeeded' | 'failed'; error_code?: string },
    options: CallOptions = {},
  ): Promise<RunSummary> {
    return this.#http.send({
      method: 'POST',
      path: `/v1/collector/runs/${segment(runId)}/finish`,
      json: outcome,
      signal: options.signal,
      schema: RunSummarySchema,
    });
  }
}
