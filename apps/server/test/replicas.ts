import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type ServerProcess, startServerProcess } from './server-process';
import { ownerPassword, postgresTestUrl } from './test-server';

/** Two conn-server processes on one fresh PostgreSQL schema, and a way to remove it all. */
export interface Replicas {
  servers: [ServerProcess, ServerProcess];
  dispose(): Promise<void>;
}

/**
 * Starts two conn-server processes sharing one new schema of the test
 * PostgreSQL server and one credential key, one after the other (the first
 * creates the owner, the second finds it). `dispose` stops both and drops
 * the schema and data directories.
 *
 * @example
 * const replicas = await startReplicas({ CONN_LOG_LEVEL: 'info' });
 */
export async function startReplicas(env: Record<string, string> = {}): Promise<Replicas> {
  const schema = `conn_replicas_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresTestUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const databaseUrl = `${postgresTestUrl}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const key = randomBytes(32).toString('base64');
  const dirs: string[] = [];
  const servers: ServerProcess[] = [];
  for (let i = 0; i < 2; i++) {
    const dataDir = await mkdtemp(join(tmpdir(), 'conn-replica-'));
    dirs.push(dataDir);
    servers.push(
      await startServerProcess({
        CONN_DATA_DIR: dataDir,
        CONN_DATABASE_URL: databaseUrl,
        CONN_PORT: '0',
        CONN_OWNER_PASSWORD: ownerPassword,
        CONN_CREDENTIAL_KEY: key,
        CONN_LOG_LEVEL: 'info',
        ...env,
      }),
    );
  }
  return {
    servers: servers as [ServerProcess, ServerProcess],
    async dispose() {
      await Promise.all(servers.map((server) => server.stop()));
      const cleanup = new pg.Client({ connectionString: postgresTestUrl });
      await cleanup.connect();
      await cleanup.query(`drop schema if exists ${schema} cascade`);
      await cleanup.end();
      await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}
