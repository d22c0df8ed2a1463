import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { ConnectorRegistry, FetchFunction } from '@conn/connectors';
import pg from 'pg';
import type { BackgroundTimings } from '../src/background-work';
import { type RunningServer, startServer } from '../src/start-server';

export const postgresTestUrl =
  process.env.CONN_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const ownerPassword = 'owner-password-for-tests';

/** Which databases the black-box suites run on: SQLite always; PostgreSQL when reachable, and always under CI. */
export async function serverDialects(): Promise<Array<'sqlite' | 'postgres'>> {
  const client = new pg.Client({
    connectionString: postgresTestUrl,
    connectionTimeoutMillis: 2000,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
    return ['sqlite', 'postgres'];
  } catch (error) {
    // Under CI the PostgreSQL half must run: keep it, so its tests fail loudly.
    if (process.env.CI) return ['sqlite', 'postgres'];
    console.warn(
      `[server tests] PostgreSQL not reachable (${(error as Error).message}); running SQLite only.`,
    );
    return ['sqlite'];
  } finally {
    await client.end().catch(() => {});
  }
}

/** A real conn-server on a free loopback port, with its log lines and announcements captured. */
export interface TestServer {
  server: RunningServer;
  url: string;
  logs: string[];
  announced: string[];
  dataDir: string;
  /** The database URL the server uses (to scan every table afterwards). */
  databaseUrl: string;
  /** Logs in as the owner and returns a bearer session token. */
  login(): Promise<string>;
  /** Stops this server and boots another on the same data directory and database. */
  restart(env?: Record<string, string>): Promise<TestServer>;
  dispose(): Promise<void>;
}

export async function startTestServer(options: {
  dialect: 'sqlite' | 'postgres';
  env?: Record<string, string>;
  registry?: ConnectorRegistry;
  fetch?: FetchFunction;
  /** The background work's pace; default: fast polls, sweeps once a minute. */
  timings?: BackgroundTimings;
  /** Fills the data directory or the (empty) PostgreSQL schema before the server first boots on it. */
  prepare?: (target: {
    dataDir: string;
    databaseUrl: string;
    schema: string | null;
  }) => Promise<void>;
}): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'conn-server-'));
  let databaseUrl = join(dataDir, 'conn.sqlite');
  let dropSchema = async () => {};
  let schema: string | null = null;
  if (options.dialect === 'postgres') {
    schema = `conn_srv_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: postgresTestUrl });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    databaseUrl = `${postgresTestUrl}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    dropSchema = async () => {
      const cleanup = new pg.Client({ connectionString: postgresTestUrl });
      await cleanup.connect();
      await cleanup.query(`drop schema ${schema} cascade`);
      await cleanup.end();
    };
  }
  await options.prepare?.({ dataDir, databaseUrl, schema });
  return bootTestServer({ ...options, dataDir, databaseUrl }, async () => {
    await dropSchema();
    await rm(dataDir, { recursive: true, force: true });
  });
}

/** A conn-server over a data directory and database that outlive it (see `TestServer.restart`). */
async function bootTestServer(
  options: {
    dataDir: string;
    databaseUrl: string;
    env?: Record<string, string>;
    registry?: ConnectorRegistry;
    fetch?: FetchFunction;
    timings?: BackgroundTimings;
  },
  dropData: () => Promise<void>,
): Promise<TestServer> {
  const { dataDir, databaseUrl } = options;
  const logs: string[] = [];
  const announced: string[] = [];
  const server = await startServer({
    env: {
      CONN_DATA_DIR: dataDir,
      CONN_DATABASE_URL: databaseUrl,
      CONN_HOST: '127.0.0.1',
      CONN_PORT: '0',
      CONN_OWNER_PASSWORD: ownerPassword,
      CONN_LOG_LEVEL: 'info',
      ...options.env,
    },
    announce: (text) => announced.push(text),
    logStream: new Writable({
      write(chunk, _encoding, done) {
        logs.push(String(chunk));
        done();
      },
    }),
    timings: options.timings ?? { pollMs: 25, staleAfterMs: 60_000, sweepMs: 60_000 },
    ...(options.registry ? { registry: options.registry } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return {
    server,
    url: server.url,
    logs,
    announced,
    dataDir,
    databaseUrl,
    async login() {
      const response = await fetch(`${server.url}/v1/owner/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ password: ownerPassword, mode: 'token' }),
      });
      if (response.status !== 200)
        throw new Error(`login failed: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { session_token: string }).session_token;
    },
    async restart(env) {
      await server.close();
      return bootTestServer({ ...options, env: { ...options.env, ...env } }, dropData);
    },
    async dispose() {
      await server.close();
      await dropData();
    },
  };
}
