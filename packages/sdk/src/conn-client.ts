import {
  type AuthorizeRequest,
  contract,
  type DraftRequest,
  type FinishRunRequest,
  type ImportRequest,
  type ImportTarget,
  type IntentRequest,
  type ProgressRequest,
  type ProviderAppRequest,
  type Secret,
  type WebhookRequest,
} from '@conn/setup-engine';
import type { CallOptions } from './call-options';
import { ConnResponseError } from './conn-response-error';
import type { EventPageOptions } from './events/event-page-options';
import type { EventStreamOptions } from './events/event-stream-options';
import { followEvents } from './events/follow-events';
import { readEventPage } from './events/read-event-page';
import type { FetchLike } from './fetch-like';
import { type CsrfTokenSource, HttpTransport } from './http-transport';
import type {
  AgentToken,
  Artifact,
  AuthorizationStart,
  CancelledRun,
  CatalogEntry,
  CollectorDevice,
  CollectorEnrollment,
  CollectorHeartbeat,
  ConnEvent,
  ConnectionPage,
  CreatedAgentToken,
  CreatedWebhook,
  DeletedConnection,
  DeploymentReadiness,
  EventPage,
  IngestResult,
  Intent,
  OwnerPasswordChanged,
  ProviderApp,
  ProviderAppList,
  ReconnectResult,
  RecordPage,
  RunList,
  RunSummary,
  SetupPlan,
  SetupStatus,
  StreamCounts,
  UndoneRun,
  Webhook,
  WebhookDelivery,
} from './response-types';
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
  /**
   * In a browser on a console cookie session: reads the CSRF token (the
   * `conn_csrf` cookie) sent with every mutation. Leave it out with a token.
   */
  csrfToken?: CsrfTokenSource;
}

/** A credential or client-secret value: a plain string or the engine's redacting `Secret`. */
export type SecretValue = string | Secret;

export type { ImportTarget };

/** Options of `authorize`: the request's fields in camelCase. */
export interface AuthorizeOptions extends CallOptions {
  label?: string;
  /** The owner confirmed an attempt on a path with no recorded proof on this server. */
  unproven?: boolean;
  /** Re-authorize this connection (a reconnect) instead of adding a new one. */
  connectionId?: string;
}

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

const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

function reveal(value: SecretValue): string {
  return typeof value === 'string' ? value : value.reveal();
}

function revealAll(fields: Readonly<Record<string, SecretValue>>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, reveal(value)]));
}

/**
 * A typed client over the conn REST surface, built from the engine's route
 * table: each method calls one contract route, and every answer is read
 * with that route's schema, forward-compatibly (fields this SDK does not
 * know are dropped; enum values it does not know read `'unknown'`). Failures are `ConnApiError` (the server's error code), `ConnNetworkError`
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
  readonly #csrfToken: CsrfTokenSource | undefined;

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
    this.#csrfToken = options.csrfToken;
    this.#http = new HttpTransport(
      baseUrl,
      options.token ?? null,
      this.#fetch,
      options.csrfToken ?? null,
    );
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
    return new ConnClient({
      baseUrl: this.baseUrl,
      token,
      fetch: this.#fetch,
      ...(this.#csrfToken === undefined ? {} : { csrfToken: this.#csrfToken }),
    });
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
    const body = await this.#http.call(contract.listConnectors, {
      signal: options.signal,
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
    return this.#http.call(contract.getSetupPlan, {
      params: { key },
      signal: options.signal,
    });
  }

  /** The instance's blockers and key provider. `GET /v1/owner/deployment/readiness` */
  readiness(options: CallOptions = {}): Promise<DeploymentReadiness> {
    return this.#http.call(contract.getDeploymentReadiness, {
      signal: options.signal,
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
    return this.#http.call(contract.createIntent, {
      json: input,
      headers:
        options.idempotencyKey === undefined ? {} : { 'idempotency-key': options.idempotencyKey },
      signal: options.signal,
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
    return this.#http.call(contract.getIntent, {
      params: { id },
      signal: options.signal,
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
    return this.#http.call(contract.listConnections, {
      query: {
        include: query.includePending === true ? 'pending' : undefined,
        cursor: query.cursor ?? undefined,
        limit: query.limit,
      },
      signal: options.signal,
    });
  }

  /** The durable status of a connection, draft or live. `GET /v1/owner/connections/:id/setup-status` */
  setupStatus(id: string, options: CallOptions = {}): Promise<SetupStatus> {
    return this.#http.call(contract.getSetupStatus, {
      params: { id },
      signal: options.signal,
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

  /**
   * The owner's lifecycle events as they commit (Server-Sent Events): an
   * async iterator that reconnects by itself with `Last-Event-ID`, so it
   * misses and repeats nothing. Without `after` it starts with events from
   * now on. `GET /v1/owner/events`
   *
   * @example
   * for await (const event of client.events({ connectionId })) {
   *   if (event.type === 'connection_activated') break;
   * }
   */
  events(options: EventStreamOptions = {}): AsyncGenerator<ConnEvent, never> {
    return followEvents(this.#http, options);
  }

  /**
   * One JSON page of events after `after` (default 0, the beginning), oldest
   * first; pass `next_after` back for the next. With `before`, the newest
   * events below that id (paging back: pass the first item's id next).
   * Events of a type newer than this SDK are left out. `GET /v1/owner/events?after=ID`
   *
   * @example
   * const { items, next_after } = await client.eventPage({ after: lastSeen });
   */
  async eventPage(options: EventPageOptions = {}): Promise<EventPage> {
    const route = contract.listEvents;
    const response = await this.#http.open(route, {
      query: {
        after: options.after,
        before: options.before,
        connection_id: options.connectionId,
        limit: options.limit,
      },
      signal: options.signal,
    });
    return readEventPage(await this.#http.json(response, `GET ${route.path}`, options.signal));
  }

  /** Stops collection and keeps the records. `POST /v1/owner/connections/:id/revoke` */
  revoke(id: string, options: CallOptions = {}): Promise<SetupStatus> {
    return this.#http.call(contract.revokeConnection, {
      params: { id },
      signal: options.signal,
    });
  }

  /**
   * Sync now: queues a sync of a server-collected connection (or answers the
   * one already queued or running). `POST /v1/owner/connections/:id/sync`
   *
   * @example
   * const status = await client.syncNow(id);
   * await client.waitForActive(id);
   */
  syncNow(id: string, options: CallOptions = {}): Promise<SetupStatus> {
    return this.#http.call(contract.syncConnection, {
      params: { id },
      signal: options.signal,
    });
  }

  /**
   * Deletes a connection with everything it holds (records, media, uploads,
   * credential, runs); `confirm` repeats its label or id. Owner session only.
   * `DELETE /v1/owner/connections/:id`
   *
   * @example
   * await client.deleteConnection(id, { confirm: 'Family chat' });
   */
  deleteConnection(
    id: string,
    input: { confirm: string },
    options: CallOptions = {},
  ): Promise<DeletedConnection> {
    return this.#http.call(contract.deleteConnection, {
      params: { id },
      query: { confirm: input.confirm },
      signal: options.signal,
    });
  }

  /**
   * Undoes one import: deletes the records that run added, nothing else.
   * Owner session only. `POST /v1/owner/connections/:id/runs/:run_id/undo`
   */
  undoImport(id: string, runId: string, options: CallOptions = {}): Promise<UndoneRun> {
    return this.#http.call(contract.undoImport, {
      params: { id, run_id: runId },
      signal: options.signal,
    });
  }

  /** Cancels a queued or running run. `POST /v1/owner/connections/:id/runs/:run_id/cancel` */
  cancelRun(id: string, runId: string, options: CallOptions = {}): Promise<CancelledRun> {
    return this.#http.call(contract.cancelRun, {
      params: { id, run_id: runId },
      signal: options.signal,
    });
  }

  /**
   * The devices enrolled for a local-collector connection, newest first,
   * with their last heartbeat and pass. `GET /v1/owner/connections/:id/devices`
   *
   * @example
   * const devices = await client.devices(connectionId);
   */
  async devices(id: string, options: CallOptions = {}): Promise<CollectorDevice[]> {
    const body = await this.#http.call(contract.listDevices, {
      params: { id },
      signal: options.signal,
    });
    return body.devices;
  }

  /**
   * Revokes one enrolled device: its collector token stops working at once.
   * `POST /v1/owner/connections/:id/devices/:device_id/revoke`
   *
   * @example
   * await client.revokeDevice(connectionId, devices[0].id);
   */
  revokeDevice(id: string, deviceId: string, options: CallOptions = {}): Promise<CollectorDevice> {
    return this.#http.call(contract.revokeDevice, {
      params: { id, device_id: deviceId },
      signal: options.signal,
    });
  }

  /** Repairs a connection in place and says where the owner lands. `POST /v1/owner/connections/:id/reconnect` */
  reconnect(id: string, options: CallOptions = {}): Promise<ReconnectResult> {
    return this.#http.call(contract.reconnectConnection, {
      params: { id },
      signal: options.signal,
    });
  }

  /** One page of collected records. `GET /v1/owner/connections/:id/records` */
  records(
    id: string,
    query: { stream?: string; cursor?: string | null; limit?: number } = {},
    options: CallOptions = {},
  ): Promise<RecordPage> {
    return this.#http.call(contract.listRecords, {
      params: { id },
      query: { stream: query.stream, cursor: query.cursor ?? undefined, limit: query.limit },
      signal: options.signal,
    });
  }

  /** The connection's newest runs, newest first (20 unless `limit` says). `GET /v1/owner/connections/:id/runs` */
  runs(id: string, query: { limit?: number } = {}, options: CallOptions = {}): Promise<RunList> {
    return this.#http.call(contract.listRuns, {
      params: { id },
      query: { limit: query.limit },
      signal: options.signal,
    });
  }

  /** The connection's records counted by stream. `GET /v1/owner/connections/:id/streams` */
  streamCounts(id: string, options: CallOptions = {}): Promise<StreamCounts> {
    return this.#http.call(contract.countStreamRecords, {
      params: { id },
      signal: options.signal,
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
  createDraft(input: DraftRequest, options: CallOptions = {}): Promise<SetupStatus> {
    return this.#http.call(contract.createDraft, {
      json: input,
      signal: options.signal,
    });
  }

  /**
   * Submits the secret fields: probed, stored sealed or rejected
   * (`credential_rejected`, nothing stored). A first setup of an account
   * another connection already holds is `same_account` (`details.connection_id`)
   * unless `sameAccount: 'keep'`. `PUT /v1/owner/connections/:id/credential`
   */
  submitCredential(
    id: string,
    fields: Readonly<Record<string, SecretValue>>,
    options: CallOptions & { sameAccount?: 'keep' } = {},
  ): Promise<SetupStatus> {
    return this.#http.call(contract.submitCredential, {
      params: { id },
      ...(options.sameAccount === undefined
        ? {}
        : { query: { same_account: options.sameAccount } }),
      json: revealAll(fields),
      signal: options.signal,
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
    const body = await this.#http.call(contract.login, {
      json: { password: reveal(password), mode: 'token' },
      signal: options.signal,
    });
    if (body.session_token === undefined) {
      throw new ConnResponseError('The login answer carries no session token.', {
        status: 200,
        route: 'POST /v1/owner/login',
      });
    }
    return body.session_token;
  }

  /**
   * Logs in as the owner on a console cookie session: the server sets the
   * HttpOnly session cookie and the CSRF cookie; no token comes back to
   * script. Use it in a browser with `csrfToken`. `POST /v1/owner/login`
   *
   * @example
   * const client = new ConnClient({ baseUrl: location.origin, csrfToken: () => readCookie('conn_csrf') });
   * await client.loginWithCookie(password);
   */
  async loginWithCookie(password: SecretValue, options: CallOptions = {}): Promise<string> {
    const body = await this.#http.call(contract.login, {
      json: { password: reveal(password), mode: 'cookie' },
      authenticated: false,
      signal: options.signal,
    });
    return body.expires_at;
  }

  /** Ends this owner session. `POST /v1/owner/logout` */
  logout(options: CallOptions = {}): Promise<undefined> {
    return this.#http.call(contract.logout, {
      signal: options.signal,
    });
  }

  /**
   * Changes the owner password (owner session only). Every other owner
   * session ends; this one stays signed in, agent tokens keep working.
   * A wrong current password is `current_password_incorrect`. `POST /v1/owner/password`
   *
   * @example
   * const { ended_sessions } = await owner.changePassword(current, next);
   */
  changePassword(
    currentPassword: SecretValue,
    newPassword: SecretValue,
    options: CallOptions = {},
  ): Promise<OwnerPasswordChanged> {
    return this.#http.call(contract.changeOwnerPassword, {
      json: { current_password: reveal(currentPassword), new_password: reveal(newPassword) },
      signal: options.signal,
    });
  }

  /**
   * A new owner-agent token, shown this once; with `expiresInDays` (1–365) it
   * stops working by itself then. `POST /v1/owner/agent-tokens`
   */
  createAgentToken(
    name: string,
    options: CallOptions & { expiresInDays?: number } = {},
  ): Promise<CreatedAgentToken> {
    return this.#http.call(contract.createAgentToken, {
      json:
        options.expiresInDays === undefined
          ? { name }
          : { name, expires_in_days: options.expiresInDays },
      signal: options.signal,
    });
  }

  /** The owner's agent tokens (metadata only). `GET /v1/owner/agent-tokens` */
  async agentTokens(options: CallOptions = {}): Promise<AgentToken[]> {
    const body = await this.#http.call(contract.listAgentTokens, {
      signal: options.signal,
    });
    return body.agent_tokens;
  }

  /** Revokes an agent token. `DELETE /v1/owner/agent-tokens/:id` */
  async revokeAgentToken(id: string, options: CallOptions = {}): Promise<AgentToken> {
    const body = await this.#http.call(contract.revokeAgentToken, {
      params: { id },
      signal: options.signal,
    });
    return body.agent_token;
  }

  /**
   * Registers a webhook (owner session only). The signing secret comes back
   * this once: keep it for `verifyWebhookSignature`. `POST /v1/owner/webhooks`
   */
  createWebhook(
    input: { url: string; eventTypes?: WebhookRequest['event_types']; description?: string },
    options: CallOptions = {},
  ): Promise<CreatedWebhook> {
    return this.#http.call(contract.createWebhook, {
      json: {
        url: input.url,
        event_types: input.eventTypes ?? [],
        ...(input.description === undefined ? {} : { description: input.description }),
      },
      signal: options.signal,
    });
  }

  /** The owner's webhooks, without their secrets. `GET /v1/owner/webhooks` */
  async webhooks(options: CallOptions = {}): Promise<Webhook[]> {
    const body = await this.#http.call(contract.listWebhooks, { signal: options.signal });
    return body.webhooks;
  }

  /** Deletes a webhook; its pending deliveries are cancelled. `DELETE /v1/owner/webhooks/:id` */
  async deleteWebhook(id: string, options: CallOptions = {}): Promise<Webhook> {
    const body = await this.#http.call(contract.deleteWebhook, {
      params: { id },
      signal: options.signal,
    });
    return body.webhook;
  }

  /** A webhook's delivery log, newest first. `GET /v1/owner/webhooks/:id/deliveries` */
  async webhookDeliveries(
    id: string,
    query: { limit?: number } = {},
    options: CallOptions = {},
  ): Promise<WebhookDelivery[]> {
    const body = await this.#http.call(contract.listWebhookDeliveries, {
      params: { id },
      query: { limit: query.limit },
      signal: options.signal,
    });
    return body.deliveries;
  }

  /**
   * Queues a fresh delivery of a delivery's event to its webhook.
   * `POST /v1/owner/webhooks/:id/deliveries/:delivery_id/redeliver`
   */
  async redeliver(
    webhookId: string,
    deliveryId: string,
    options: CallOptions = {},
  ): Promise<WebhookDelivery> {
    const body = await this.#http.call(contract.redeliverWebhookDelivery, {
      params: { id: webhookId, delivery_id: deliveryId },
      signal: options.signal,
    });
    return body.delivery;
  }

  /** A browser enrollment shell (a draft with a 2-hour life). `POST /v1/owner/connectors/:key/browser-enrollment-shell` */
  browserEnrollmentShell(
    key: string,
    input: { label?: string } = {},
    options: CallOptions = {},
  ): Promise<SetupStatus> {
    return this.#http.call(contract.createBrowserShell, {
      params: { key },
      json: input,
      signal: options.signal,
    });
  }

  /** Abandons an unfinished attempt; it never shows up again. `POST /v1/owner/connections/:id/abandon-enrollment` */
  abandonEnrollment(id: string, options: CallOptions = {}): Promise<SetupStatus> {
    return this.#http.call(contract.abandonEnrollment, {
      params: { id },
      signal: options.signal,
    });
  }

  /**
   * Starts an OAuth authorization; open `authorization_url`. A proof-gated
   * path needs `unproven: true` (the owner's confirmation).
   * `POST /v1/owner/connectors/:key/authorize`
   *
   * @example
   * const { authorization_url } = await owner.authorize(plan.connector.key, { unproven: plan.proof_gate !== null });
   */
  authorize(key: string, options: AuthorizeOptions = {}): Promise<AuthorizationStart> {
    const json: AuthorizeRequest = {};
    if (options.label !== undefined) json.label = options.label;
    if (options.unproven !== undefined) json.unproven = options.unproven;
    if (options.connectionId !== undefined) json.connection_id = options.connectionId;
    return this.#http.call(contract.startAuthorization, {
      params: { key },
      json,
      signal: options.signal,
    });
  }

  /** The operator enters a provider OAuth app (secret sealed on the server). `PUT /v1/owner/deployment/provider-apps/:group` */
  putProviderApp(
    group: string,
    input: Omit<ProviderAppRequest, 'client_secret'> & { client_secret: SecretValue },
    options: CallOptions = {},
  ): Promise<ProviderApp> {
    return this.#http.call(contract.putProviderApp, {
      params: { group },
      json: { ...input, client_secret: reveal(input.client_secret) },
      signal: options.signal,
    });
  }

  /** The configured provider OAuth apps, never their secrets. `GET /v1/owner/deployment/provider-apps` */
  async providerApps(options: CallOptions = {}): Promise<ProviderApp[]> {
    const body: ProviderAppList = await this.#http.call(contract.listProviderApps, {
      signal: options.signal,
    });
    return body.items;
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
    const artifact = await this.#http.call(contract.uploadArtifact, {
      query: { connector },
      body: sent,
      headers: {
        'content-type': 'application/octet-stream',
        'x-conn-file-name': encodeURIComponent(options.fileName),
      },
      signal: options.signal,
    });
    if (!(body instanceof ReadableStream) && size !== null && size > 0) {
      onProgress?.({ bytesSent: size, totalBytes: size });
    }
    return artifact;
  }

  /**
   * The owner's recent uploads, newest first (default 50, at most 100), each
   * with its status: also an upload whose server died before it answered.
   * `GET /v1/owner/uploads`
   */
  async uploads(query: { limit?: number } = {}, options: CallOptions = {}): Promise<Artifact[]> {
    const body = await this.#http.call(contract.listArtifacts, {
      query: { limit: query.limit },
      signal: options.signal,
    });
    return body.uploads;
  }

  /** An uploaded file's status and validation. `GET /v1/owner/uploads/:id` */
  artifact(id: string, options: CallOptions = {}): Promise<Artifact> {
    return this.#http.call(contract.getArtifact, {
      params: { id },
      signal: options.signal,
    });
  }

  /**
   * Imports staged files into a new source or an existing connection, and
   * returns that connection's setup status. `readings` picks another way to
   * read the files where their validation guessed (each of
   * `artifact.validation.readings` names its options); left out, the guesses
   * stand. `POST /v1/owner/uploads/import`
   *
   * @example
   * const status = await owner.importArtifacts({ artifact_ids: [artifact.id], target: { new: { label: 'Family' } } });
   * await waitForActive(owner, status.connection_id);
   * await owner.importArtifacts({ artifact_ids: [id], target: { new: {} }, readings: { date_order: 'month_first' } });
   */
  importArtifacts(input: ImportRequest, options: CallOptions = {}): Promise<SetupStatus> {
    return this.#http.call(contract.importArtifacts, {
      json: input,
      signal: options.signal,
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
    return this.#http.call(contract.enrollCollector, {
      json: { code, device_name: deviceName },
      signal: options.signal,
    });
  }

  /** Sends one batch of a stream's records (collector token). `POST /v1/collector/records` */
  ingest(
    stream: string,
    records: readonly Readonly<Record<string, unknown>>[],
    options: CallOptions & { runId?: string } = {},
  ): Promise<IngestResult> {
    return this.#http.call(contract.ingestRecords, {
      json:
        options.runId === undefined
          ? { stream, records }
          : { stream, records, run_id: options.runId },
      signal: options.signal,
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
    progress: ProgressRequest,
    options: CallOptions = {},
  ): Promise<undefined> {
    return this.#http.call(contract.reportRunProgress, {
      params: { id: runId },
      json:
        progress.counts === undefined
          ? { stage: progress.stage }
          : { stage: progress.stage, counts: progress.counts },
      signal: options.signal,
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
    return this.#http.call(contract.openCollectorRun, {
      signal: options.signal,
    });
  }

  /**
   * Says this device's collector is running (collector token), between
   * passes too, so a quiet collector is not taken for a silent one.
   * `POST /v1/collector/heartbeat`
   *
   * @example
   * const { interval_seconds } = await collector.heartbeat();
   */
  heartbeat(options: CallOptions = {}): Promise<CollectorHeartbeat> {
    return this.#http.call(contract.collectorHeartbeat, { signal: options.signal });
  }

  /** Ends a collector's run (collector token). `POST /v1/collector/runs/:id/finish` */
  finishRun(
    runId: string,
    outcome: FinishRunRequest,
    options: CallOptions = {},
  ): Promise<RunSummary> {
    return this.#http.call(contract.finishCollectorRun, {
      params: { id: runId },
      json: outcome,
      signal: options.signal,
    });
  }
}
