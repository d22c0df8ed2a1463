import { mkdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import {
  type ConnectorRegistry,
  createBundledRegistry,
  type FetchFunction,
} from '@conn/connectors';
import {
  clientErrorHandler,
  connRest,
  contractOpenApi,
  frameworkErrors,
  hostHeaderRequired,
  ignoreUnknownExpectations,
  installErrorHandler,
  installNotFoundHandler,
  sendError,
} from '@conn/rest';
import { createServices } from '@conn/services';
import { ConnError } from '@conn/setup-engine';
import { createVault, openStore, resolveKeyProvider } from '@conn/store';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import packageJson from '../package.json' with { type: 'json' };
import { type BackgroundTimings, defaultTimings, startBackgroundWork } from './background-work';
import { installBodyDeadline } from './body-deadline';
import { freePort } from './free-port';
import { ownerConsole } from './owner-console';
import { markServerRunning } from './running-servers';
import { servedCli } from './served-cli';
import { loadServerConfig, type ServerConfig, withPort } from './server-config';
import { serverLoggerOptions } from './server-logger';
import { startWebhookWork } from './webhook-work';

/** What `startServer` takes; everything but `env` has a default. */
export interface StartServerOptions {
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** Where the first-boot notice (console URL, one-time password) is written. Default: stdout. */
  announce?: (text: string) => void;
  /** Where pino writes. Default: stdout. */
  logStream?: NodeJS.WritableStream;
  /** The connector catalog; default: the bundled one. */
  registry?: ConnectorRegistry;
  /** The fetch handed to probes and collectors; default: global fetch. */
  fetch?: FetchFunction;
  timings?: BackgroundTimings;
}

/** A running conn-server. */
export interface RunningServer {
  readonly url: string;
  readonly config: ServerConfig;
  readonly app: FastifyInstance;
  /**
   * Stops accepting and claiming, stops the running run and hands it back to
   * the queue (it resumes from its checkpoint) within the shutdown grace,
   * and closes the store.
   */
  close(): Promise<void>;
}

/**
 * Boots conn-server: validates the instance settings, opens and migrates the
 * store, resolves the credential key, creates the owner on first boot, mounts
 * REST and the console, listens, and starts the background worker, the
 * sweeper and the webhook deliveries.
 *
 * @example
 * const server = await startServer({ env: process.env });
 * process.on('SIGTERM', () => server.close());
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const loaded = loadServerConfig(options.env, options.cwd ?? process.cwd());
  const config = loaded.port === 0 ? withPort(loaded, await freePort(loaded.host)) : loaded;
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  const keys = await resolveKeyProvider({ env: config.keyEnv, dataDir: config.dataDir });
  const store = openStore({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    ...(config.databasePoolSize === null ? {} : { maxConnections: config.databasePoolSize }),
  });
  await store.migrate();

  const app = Fastify({
    logger: {
      ...serverLoggerOptions(config.logLevel),
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    // Only the operator's proxies may say who the client is: guess limits key on `request.ip`.
    trustProxy: config.trustedProxies.length === 0 ? false : [...config.trustedProxies],
    // Router and HTTP parser failures leave in the one error shape too, quoting nothing.
    frameworkErrors,
    clientErrorHandler,
    // A request without Host is refused by `hostHeaderRequired`, in the one error shape.
    http: {
      requireHostHeader: false,
      headersTimeout: config.timeouts.headersMs,
      // Node checks header deadlines on this tick; keep it well under the deadline.
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, config.timeouts.headersMs / 4)),
    },
    // No total request deadline (it would cut a slow but progressing upload):
    // `installBodyDeadline` bounds buffered bodies per route, the idle timeout the rest.
    requestTimeout: 0,
    connectionTimeout: config.timeouts.idleMs,
    keepAliveTimeout: config.timeouts.keepAliveMs,
  });
  installBodyDeadline(app, config.timeouts.bodyMs);
  app.addHook('onRequest', hostHeaderRequired);
  ignoreUnknownExpectations(app.server);
  for (const warning of keys.warnings) app.log.warn(warning);

  const { publicOrigin } = config;
  const services = createServices({
    store,
    vault: createVault(keys.keys),
    registry: options.registry ?? createBundledRegistry(),
    deployment: {
      credential_key_provider: keys.provider,
      provider_apps: [],
      public_origin: config.publicOrigin,
    },
    ...(options.fetch ? { fetch: options.fetch } : {}),
    dataDir: config.dataDir,
    webhooks: config.webhooks,
    uploadLeaseMs: config.recovery.uploadLeaseMs,
    ...(config.syncIntervalMs === null ? {} : { syncIntervalMs: config.syncIntervalMs }),
    attempts: config.attempts,
  });
  const owner = await services.ensureOwner(config.ownerPassword);

  await app.register(
    fastifySwagger,
    contractOpenApi({
      version: packageJson.version,
      servers: [config.publicOrigin],
      hostTags: { operations: 'Probes for the operator: liveness and readiness.' },
    }),
  );
  installErrorHandler(app);
  installNotFoundHandler(app);
  const probe = (operationId: string, summary: string, properties: Record<string, object>) => ({
    schema: {
      operationId,
      summary,
      tags: ['operations'],
      security: [],
      response: {
        200: {
          description: summary,
          type: 'object',
          properties,
          required: Object.keys(properties),
        },
      },
    },
  });
  app.get(
    '/healthz',
    probe('getHealth', 'Liveness: the process answers', { status: { type: 'string' } }),
    async () => ({
      status: 'ok',
    }),
  );
  app.get(
    '/readyz',
    probe('getReadiness', 'Readiness: the database answers and is migrated', {
      status: { type: 'string' },
      credential_key_provider: { type: 'string' },
    }),
    async (_request, reply) => {
      if (await store.ready()) return { status: 'ready', credential_key_provider: keys.provider };
      return sendError(
        reply,
        new ConnError('database_unavailable', 'The database is not reachable or not migrated.'),
      );
    },
  );
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(connRest, {
    services,
    publicOrigin: config.publicOrigin,
    eventHeartbeatMs: config.events.heartbeatMs,
  });
  await app.register(servedCli);
  await app.register(ownerConsole);

  const address = await app.listen({ host: config.host, port: config.port });
  // Operator commands that must not run beside a server (restore, rotate-key) look for this.
  const unmark = await markServerRunning(config.dataDir);
  const workerId = `${hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;
  const timings: BackgroundTimings = options.timings ?? {
    ...defaultTimings,
    staleAfterMs: config.recovery.runStaleAfterMs,
    // Often enough to see a lapsed upload lease within about a third of it.
    recoverMs: Math.min(config.recovery.runStaleAfterMs, config.recovery.uploadLeaseMs) / 3,
  };
  const worker = startBackgroundWork(services, {
    workerId,
    log: app.log,
    timings,
    shutdownGraceMs: config.recovery.shutdownGraceMs,
  });
  const webhooks = startWebhookWork(services, {
    workerId,
    log: app.log,
    pollMs: (options.timings ?? defaultTimings).pollMs,
  });

  const announce = options.announce ?? ((text: string) => process.stdout.write(text));
  announce(`conn-server is running. Console: ${publicOrigin}/console/\n`);
  if (owner.generatedPassword !== null) {
    // Printed once, to the terminal only (never to the log): the owner's first login.
    announce(
      `First boot: the owner password is ${owner.generatedPassword}\nSign in at ${publicOrigin}/console/ (or with \`conn login\`), then choose your own password on the console's Settings page.\n`,
    );
  }
  if (keys.created) {
    announce(
      `A credential key was created at ${keys.location}. Back it up: without it, stored credentials cannot be opened.\n`,
    );
  }

  let closing: Promise<void> | null = null;
  return {
    url: address,
    config,
    app,
    close() {
      closing ??= (async () => {
        // Requests still in flight (a slow upload) get the same grace as the run; then the store closes under them.
        const grace = new Promise<void>((resolve) =>
          setTimeout(resolve, config.recovery.shutdownGraceMs).unref(),
        );
        await Promise.all([Promise.race([app.close(), grace]), worker.stop(), webhooks.stop()]);
        await store.close();
        await unmark();
      })();
      return closing;
    },
  };
}
