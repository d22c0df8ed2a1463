import { statfs } from 'node:fs/promises';
import { formatBytes } from '@conn/setup-engine';
import {
  createVault,
  openStore,
  resolveKeyProvider,
  type Store,
  sealedKeyCounts,
} from '@conn/store';
import {
  isPostgresUrl,
  loadServerConfig,
  type ServerConfig,
  ServerConfigError,
} from '../server-config';
import { credentialKeyLocation } from './credential-key-location';
import { pathExists } from './path-exists';

/** One line of `conn-server doctor`. */
export interface DoctorCheck {
  readonly check: 'config' | 'database' | 'credential_key' | 'disk' | 'public_origin';
  readonly status: 'ok' | 'fail' | 'skipped';
  readonly detail: string;
}

/** Every check, and whether all passed (`--json`). */
export interface DoctorReport {
  readonly ok: boolean;
  readonly checks: readonly DoctorCheck[];
}

/** Below this much free space in the data directory, the disk check fails. */
const minimumFreeBytes = 256 * 1024 * 1024;

/**
 * `conn-server doctor`: checks an installation with the server's own
 * settings, changing nothing (no migration, no generated key): the settings
 * are valid, the database answers with every migration applied, the
 * credential key is there and opens a stored credential, the data directory
 * has free space, and the public origin (when set) reaches a conn-server.
 *
 * @example
 * const report = await doctorCommand({ env: process.env });
 * process.exitCode = report.ok ? 0 : 1;
 */
export async function doctorCommand(options: {
  env: NodeJS.ProcessEnv;
  cwd?: string;
}): Promise<DoctorReport> {
  const checks: DoctorCheck[] = [];
  let config: ServerConfig;
  try {
    config = loadServerConfig(options.env, options.cwd ?? process.cwd());
    checks.push({ check: 'config', status: 'ok', detail: 'the settings are valid' });
  } catch (error) {
    if (!(error instanceof ServerConfigError)) throw error;
    checks.push({ check: 'config', status: 'fail', detail: error.problems.join('; ') });
    return { ok: false, checks };
  }
  const store = await openDatabase(config, checks);
  try {
    checks.push(await keyCheck(config, store));
  } finally {
    await store?.close();
  }
  checks.push(await diskCheck(config), await originCheck(config));
  return { ok: checks.every((c) => c.status !== 'fail'), checks };
}

async function openDatabase(config: ServerConfig, checks: DoctorCheck[]): Promise<Store | null> {
  const postgres = isPostgresUrl(config.databaseUrl);
  const where = postgres ? 'PostgreSQL' : config.databaseUrl;
  if (!postgres && !(await pathExists(config.databaseUrl))) {
    checks.push({
      check: 'database',
      status: 'fail',
      detail: `no database at ${where} yet: start the server once to create it`,
    });
    return null;
  }
  const store = openStore({ url: config.databaseUrl, connectTimeoutMs: 5000 });
  try {
    await store.db.introspection.getTables();
  } catch (error) {
    await store.close();
    checks.push({
      check: 'database',
      status: 'fail',
      detail: `${where} is not reachable (${describe(error)})`,
    });
    return null;
  }
  const migrated = await store.ready();
  checks.push(
    migrated
      ? { check: 'database', status: 'ok', detail: `${where} answers, every migration applied` }
      : {
          check: 'database',
          status: 'fail',
          detail: `${where} answers but migrations are missing: start the server (of this version) once to apply them`,
        },
  );
  return store;
}

async function keyCheck(config: ServerConfig, store: Store | null): Promise<DoctorCheck> {
  const location = credentialKeyLocation(config);
  const counts = store === null ? {} : await sealedKeyCounts(store).catch(() => ({}));
  const stored = Object.values(counts).reduce((sum, n) => sum + n, 0);
  if (location.provider === 'generated' && !(await pathExists(location.path))) {
    return stored === 0
      ? { check: 'credential_key', status: 'ok', detail: 'none yet: created on first start' }
      : {
          check: 'credential_key',
          status: 'fail',
          detail: `${location.path} is missing and ${stored} stored secrets need it: restore it from a backup`,
        };
  }
  let resolved: Awaited<ReturnType<typeof resolveKeyProvider>>;
  try {
    resolved = await resolveKeyProvider({ env: config.keyEnv, dataDir: config.dataDir });
  } catch (error) {
    return { check: 'credential_key', status: 'fail', detail: describe(error) };
  }
  if (resolved.keys === null) throw new Error('unreachable: a data directory is always set');
  const vault = createVault(resolved.keys);
  const source = resolved.location;
  const held = new Set([resolved.keys.primary, ...resolved.keys.previous].map((key) => key.id));
  const unheld = Object.entries(counts).filter(([id]) => !held.has(id));
  if (unheld.length > 0) {
    return {
      check: 'credential_key',
      status: 'fail',
      detail: `${unheld.reduce((s, [, n]) => s + n, 0)} stored secrets are sealed under keys not in ${source} (${unheld.map(([id]) => id).join(', ')})`,
    };
  }
  const sample =
    store === null
      ? undefined
      : await store.db
          .selectFrom('credentials')
          .select(['connection_id', 'sealed'])
          .limit(1)
          .executeTakeFirst();
  if (sample === undefined) {
    return {
      check: 'credential_key',
      status: 'ok',
      detail: `key ${vault.primaryKeyId} from ${source}; no stored credential to open yet`,
    };
  }
  try {
    vault.open(sample.sealed, { connectionId: sample.connection_id });
  } catch (error) {
    return { check: 'credential_key', status: 'fail', detail: describe(error) };
  }
  return {
    check: 'credential_key',
    status: 'ok',
    detail: `key ${vault.primaryKeyId} from ${source} opens a stored credential`,
  };
}

async function diskCheck(config: ServerConfig): Promise<DoctorCheck> {
  try {
    const fs = await statfs(config.dataDir);
    const free = fs.bavail * fs.bsize;
    const detail = `${formatBytes(free)} free in ${config.dataDir}`;
    return free < minimumFreeBytes
      ? { check: 'disk', status: 'fail', detail: `only ${detail}` }
      : { check: 'disk', status: 'ok', detail };
  } catch (error) {
    return { check: 'disk', status: 'fail', detail: `${config.dataDir}: ${describe(error)}` };
  }
}

async function originCheck(config: ServerConfig): Promise<DoctorCheck> {
  if (!config.publicOriginConfigured) {
    return {
      check: 'public_origin',
      status: 'skipped',
      detail: 'not set: the server uses its own address',
    };
  }
  const url = `${config.publicOrigin}/healthz`;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    const body = (await response.json().catch(() => null)) as { status?: unknown } | null;
    return response.ok && body?.status === 'ok'
      ? {
          check: 'public_origin',
          status: 'ok',
          detail: `${config.publicOrigin} reaches conn-server`,
        }
      : {
          check: 'public_origin',
          status: 'fail',
          detail: `${url} answered ${response.status}, not conn-server's health check`,
        };
  } catch (error) {
    return {
      check: 'public_origin',
      status: 'fail',
      detail: `${config.publicOrigin} is not reachable (${describe(error)})`,
    };
  }
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause?.code;
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  return cause ?? (code !== undefined && !message.includes(code) ? `${code}: ${message}` : message);
}
