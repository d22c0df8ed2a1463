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
  /** The database URL both use (to read the tables afterwards). */
  databaseUrl: string;
  dispose(): Promise<void>;
}

/**
 * Starts two conn-server processes sharing one new schema of the test
 * PostgreSQL server and one credential key: one after the other (the first
 * migrates and creates the owner, the second finds them), or with
 * `together` both at once, racing to migrate the empty schema and create the
 * owner. `dispose` stops both and drops the schema and data directories.
 *
 * @example
 * const replicas = await startReplicas({ CONN_LOG_LEVEL: 'info' });
 */
export async function startReplicas(
  env: Record<string, string> = {},
  options: { together?: boolean } = {},
): Promise<Replicas> {
  const schema = `conn_replicas_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresTestUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const databaseUrl = `${postgresTestUrl}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const key = randomBytes(32).toString('base64');
  const dirs = [
    await mkdtemp(join(tmpdir(), 'conn-replica-')),
    await mkdtemp(join(tmpdir(), 'conn-replica-')),
  ];
  const start = (dataDir: string) =>
    startServerProcess({
      CONN_DATA_DIR: dataDir,
      CONN_DATABASE_URL: databaseUrl,
      CONN_PORT: '0',
      CONN_OWNER_PASSWORD: ownerPassword,
      CONN_CREDENTIAL_KEY: key,
      CONN_LOG_LEVEL: 'info',
      ...env,
    });
  const servers: ServerProcess[] = [];
  if (options.together) {
    const started = await Promise.allSettled(dirs.map(start));
    for (const result of started) if (result.status === 'fulfilled') servers.push(result.value);
    const failed = started.find((result) => result.status === 'rejected');
    if (failed !== undefined) {
      await Promise.all(servers.map((server) => server.stop()));
      throw (failed as PromiseRejectedResult).reason;
    }
  } else {
    for (const dataDir of dirs) servers.push(await start(dataDir));
  }
  return {
    servers: servers as [ServerProcess, ServerProcess],
    databaseUrl,
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
