import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { type RunningServer, startServer } from '@conn/server';
import { type BenchDatabase, freshPostgresSchema } from './bench-database';

const password = 'benchmark-owner-password';

/** A conn-server for one suite, signed in as the owner, and a way to remove it all. */
export interface BenchServer {
  server: RunningServer;
  dataDir: string;
  /** The PostgreSQL URL it runs on; undefined on SQLite (the file is `dataDir/conn.sqlite`). */
  postgresUrl: string | undefined;
  /** Headers of an owner session: bearer token and JSON body. */
  auth: Record<string, string>;
  /** Creates a GitHub draft and resolves its connection id. */
  draft(): Promise<string>;
  dispose(): Promise<void>;
}

/**
 * Starts conn-server in this process on a fresh data directory (and a fresh
 * PostgreSQL schema with `db: 'postgres'`), quiet, and logs in as the owner.
 *
 * @example
 * const bench = await startBenchServer('sqlite');
 * try { await load(`${bench.server.url}/…`, { headers: bench.auth }); } finally { await bench.dispose(); }
 */
export async function startBenchServer(db: BenchDatabase, prefix: string): Promise<BenchServer> {
  const dataDir = await mkdtemp(join(tmpdir(), prefix));
  const postgres = db === 'postgres' ? await freshPostgresSchema() : undefined;
  const server = await startServer({
    env: {
      CONN_DATA_DIR: dataDir,
      CONN_PORT: '0',
      CONN_OWNER_PASSWORD: password,
      CONN_LOG_LEVEL: 'warn',
      ...(postgres ? { CONN_DATABASE_URL: postgres.url } : {}),
    },
    announce: () => {},
    logStream: new Writable({ write: (_c, _e, done) => done() }),
  });
  const login = await fetch(`${server.url}/v1/owner/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ password, mode: 'token' }),
  });
  const { session_token: token } = (await login.json()) as { session_token: string };
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  return {
    server,
    dataDir,
    postgresUrl: postgres?.url,
    auth,
    async draft() {
      const response = await fetch(`${server.url}/v1/owner/connections/drafts`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ connector: 'github', fields: {} }),
      });
      return ((await response.json()) as { connection_id: string }).connection_id;
    },
    async dispose() {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
      await postgres?.drop();
    },
  };
}
