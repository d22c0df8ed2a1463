import { isIP } from 'node:net';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';

/** Instance-level settings only: nothing per connector, nothing per connection. */
const EnvSchema = z.object({
  CONN_DATA_DIR: z.string().min(1).default('./.conn'),
  CONN_DATABASE_URL: z.string().min(1).optional(),
  /** PostgreSQL: connections in the pool; unset, twice the cores plus one, at most 10. */
  CONN_DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).optional(),
  CONN_HOST: z.string().min(1).default('127.0.0.1'),
  CONN_PORT: z.coerce.number().int().min(0).max(65_535).default(7777),
  CONN_PUBLIC_ORIGIN: z
    .url({ protocol: /^https?$/ })
    .refine(
      (value) => new URL(value).origin === value.replace(/\/$/, ''),
      'give an origin only, like https://conn.example.org',
    )
    .optional(),
  CONN_OWNER_PASSWORD: z.string().min(12, 'use at least 12 characters').optional(),
  CONN_CREDENTIAL_KEY: z.string().min(1).optional(),
  CONN_CREDENTIAL_KEY_FILE: z.string().min(1).optional(),
  CONN_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  /** Let webhooks point at loopback, private, link-local and unique-local addresses. */
  CONN_WEBHOOK_ALLOW_PRIVATE_TARGETS: z.stringbool().default(false),
  /** The first webhook retry's delay; it doubles per failure up to an hour. */
  CONN_WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  /** How often an open event stream gets a heartbeat (shorter than any proxy's idle timeout). */
  CONN_EVENT_HEARTBEAT_MS: z.coerce.number().int().min(100).max(300_000).default(15_000),
  /** A running sync with no heartbeat for this long lost its server: it is re-queued and resumed. */
  CONN_RUN_STALE_AFTER_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
  /** An upload whose server stopped renewing its lease this long is `interrupted` (renewed every third). */
  CONN_UPLOAD_LEASE_MS: z.coerce.number().int().min(1_000).max(30_000).default(10_000),
  /** On SIGTERM, how long the running sync may take to stop before it is handed back anyway. */
  CONN_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  /** A client must finish sending its request headers within this long. */
  CONN_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
  /** A buffered (JSON) body must arrive whole within this long; streamed uploads are exempt. */
  CONN_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  /** A connection with no bytes either way for this long is closed (uploads and event streams too). */
  CONN_IDLE_TIMEOUT_MS: z.coerce.number().int().min(200).max(3_600_000).default(60_000),
  /** How long a kept-alive connection may wait for its next request. */
  CONN_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(5_000),
  /** One sync interval for every connector, overriding each manifest's (6 h for most). */
  CONN_SYNC_INTERVAL_MS: z.coerce.number().int().min(1_000).max(2_592_000_000).optional(),
  /**
   * Proxies whose `X-Forwarded-For` is believed (addresses, CIDR ranges, or
   * `loopback` / `linklocal` / `uniquelocal`), so guess limits count the real
   * client; off by default.
   */
  CONN_TRUSTED_PROXIES: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? '')
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry !== ''),
    )
    .pipe(
      z.array(
        z
          .string()
          .refine(
            isProxyEntry,
            'list addresses or CIDR ranges (or loopback, linklocal, uniquelocal), comma-separated',
          ),
      ),
    ),
  /** Owner password guesses (login and password change) per minute per client address. */
  CONN_PASSWORD_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000).default(10),
  /** Enrollment-code guesses per minute per client address. */
  CONN_ENROLLMENT_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000).default(20),
});

const proxyNames = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address, an address/prefix, or one of proxy-addr's names. */
function isProxyEntry(entry: string): boolean {
  if (proxyNames.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

/** Variables the CLI reads; allowed in the same shell, ignored by the server. */
const clientVariables = new Set(['CONN_SERVER', 'CONN_TOKEN']);

/** The server's resolved settings, frozen. */
export interface ServerConfig {
  readonly dataDir: string;
  readonly databaseUrl: string;
  /** PostgreSQL pool size; null sizes it for the machine. */
  readonly databasePoolSize: number | null;
  readonly host: string;
  readonly port: number;
  readonly publicOrigin: string;
  /** True when the operator gave a public origin (else it is derived from host and port). */
  readonly publicOriginConfigured: boolean;
  readonly ownerPassword: string | null;
  readonly logLevel: z.infer<typeof EnvSchema>['CONN_LOG_LEVEL'];
  /** The environment the credential key providers read. */
  readonly keyEnv: { CONN_CREDENTIAL_KEY?: string; CONN_CREDENTIAL_KEY_FILE?: string };
  /** Webhook target rules and retry timing. */
  readonly webhooks: { readonly allowPrivateTargets: boolean; readonly retryBaseMs: number };
  /** Live event streams: the heartbeat (and outbox re-read) interval. */
  readonly events: { readonly heartbeatMs: number };
  /** Slow-client limits, so a trickling or silent connection cannot hold the server. */
  readonly timeouts: {
    readonly headersMs: number;
    readonly bodyMs: number;
    readonly idleMs: number;
    readonly keepAliveMs: number;
  };
  /** The operator's sync interval for every connector; null keeps each manifest's. */
  readonly syncIntervalMs: number | null;
  /** Proxies whose `X-Forwarded-For` is believed; empty trusts none. */
  readonly trustedProxies: readonly string[];
  /** Guesses per minute per client address. */
  readonly attempts: {
    readonly ownerPasswordPerMinute: number;
    readonly enrollmentCodePerMinute: number;
  };
  /** How work a dead or stopping server held is found and handed on. */
  readonly recovery: {
    readonly runStaleAfterMs: number;
    readonly uploadLeaseMs: number;
    readonly shutdownGraceMs: number;
  };
}

/** A start-up error that names the setting and never echoes a secret value. */
export class ServerConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`conn-server cannot start:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ServerConfigError';
    this.problems = problems;
  }
}

/** True for a `postgres://` or `postgresql://` database URL (else it is a SQLite path). */
export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//.test(url);

/**
 * Reads and validates the instance settings from an environment.
 *
 * @example
 * const config = loadServerConfig(process.env, process.cwd());
 */
export function loadServerConfig(env: NodeJS.ProcessEnv, cwd: string): ServerConfig {
  const unknown = Object.keys(env).filter(
    (name) =>
      name.startsWith('CONN_') &&
      !(name in EnvSchema.shape) &&
      !clientVariables.has(name) &&
      !name.startsWith('CONN_TEST_'),
  );
  const parsed = EnvSchema.safeParse(env);
  const problems = unknown.map(
    (name) => `${name} is not a conn-server setting (settings are instance-level only)`,
  );
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      problems.push(`${issue.path.join('.')}: ${issue.message}`);
  }
  if (!parsed.success || problems.length > 0) throw new ServerConfigError(problems);
  const e = parsed.data;
  if (e.CONN_CREDENTIAL_KEY !== undefined && e.CONN_CREDENTIAL_KEY_FILE !== undefined) {
    throw new ServerConfigError(['set CONN_CREDENTIAL_KEY or CONN_CREDENTIAL_KEY_FILE, not both']);
  }
  // An open event stream is kept alive only by its heartbeat: it must beat before the idle cut.
  if (e.CONN_EVENT_HEARTBEAT_MS >= e.CONN_IDLE_TIMEOUT_MS) {
    throw new ServerConfigError([
      'CONN_EVENT_HEARTBEAT_MS must be shorter than CONN_IDLE_TIMEOUT_MS, or event streams are cut',
    ]);
  }
  const dataDir = isAbsolute(e.CONN_DATA_DIR) ? e.CONN_DATA_DIR : resolve(cwd, e.CONN_DATA_DIR);
  const databaseUrl =
    e.CONN_DATABASE_URL === undefined
      ? join(dataDir, 'conn.sqlite')
      : isPostgresUrl(e.CONN_DATABASE_URL) ||
          isAbsolute(e.CONN_DATABASE_URL) ||
          e.CONN_DATABASE_URL === ':memory:'
        ? e.CONN_DATABASE_URL
        : resolve(cwd, e.CONN_DATABASE_URL);
  const keyEnv: ServerConfig['keyEnv'] = {};
  if (e.CONN_CREDENTIAL_KEY !== undefined) keyEnv.CONN_CREDENTIAL_KEY = e.CONN_CREDENTIAL_KEY;
  if (e.CONN_CREDENTIAL_KEY_FILE !== undefined)
    keyEnv.CONN_CREDENTIAL_KEY_FILE = resolve(cwd, e.CONN_CREDENTIAL_KEY_FILE);
  return Object.freeze({
    dataDir,
    databaseUrl,
    databasePoolSize: e.CONN_DATABASE_POOL_SIZE ?? null,
    host: e.CONN_HOST,
    port: e.CONN_PORT,
    publicOrigin: (
      e.CONN_PUBLIC_ORIGIN ??
      `http://${e.CONN_HOST.includes(':') ? `[${e.CONN_HOST}]` : e.CONN_HOST}:${e.CONN_PORT}`
    ).replace(/\/$/, ''),
    publicOriginConfigured: e.CONN_PUBLIC_ORIGIN !== undefined,
    ownerPassword: e.CONN_OWNER_PASSWORD ?? null,
    logLevel: e.CONN_LOG_LEVEL,
    keyEnv: Object.freeze(keyEnv),
    webhooks: Object.freeze({
      allowPrivateTargets: e.CONN_WEBHOOK_ALLOW_PRIVATE_TARGETS,
      retryBaseMs: e.CONN_WEBHOOK_RETRY_BASE_MS,
    }),
    events: Object.freeze({ heartbeatMs: e.CONN_EVENT_HEARTBEAT_MS }),
    timeouts: Object.freeze({
      headersMs: e.CONN_HEADERS_TIMEOUT_MS,
      bodyMs: e.CONN_REQUEST_TIMEOUT_MS,
      idleMs: e.CONN_IDLE_TIMEOUT_MS,
      keepAliveMs: e.CONN_KEEP_ALIVE_TIMEOUT_MS,
    }),
    syncIntervalMs: e.CONN_SYNC_INTERVAL_MS ?? null,
    trustedProxies: Object.freeze(e.CONN_TRUSTED_PROXIES),
    attempts: Object.freeze({
      ownerPasswordPerMinute: e.CONN_PASSWORD_ATTEMPTS_PER_MINUTE,
      enrollmentCodePerMinute: e.CONN_ENROLLMENT_ATTEMPTS_PER_MINUTE,
    }),
    recovery: Object.freeze({
      runStaleAfterMs: e.CONN_RUN_STALE_AFTER_MS,
      uploadLeaseMs: e.CONN_UPLOAD_LEASE_MS,
      shutdownGraceMs: e.CONN_SHUTDOWN_GRACE_MS,
    }),
  });
}

/** The same settings on another port (the derived public origin follows it). */
export function withPort(config: ServerConfig, port: number): ServerConfig {
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return Object.freeze({
    ...config,
    port,
    publicOrigin: config.publicOriginConfigured ? config.publicOrigin : `http://${host}:${port}`,
  });
}
