import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConnClient, type SetupStatus } from '@conn/sdk';
import { openStore } from '@conn/store';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FakeGithub,
  startFakeGithub,
} from '../../../packages/connectors/test/github/fake-github';
import { type ServerProcess, startServerProcess } from './server-process';
import { ownerPassword, postgresTestUrl, serverDialects } from './test-server';

/**
 * The `fault` suite: a real conn-server process killed with SIGKILL mid-sync
 * and mid-upload, and stopped with SIGTERM mid-sync, on each database. After
 * the restart the owner finds the truth within seconds: the sync resumed
 * under the same run from its checkpoint with exact counts, the upload
 * `interrupted` with its partial file gone, and no phantom connection.
 */
const token = 'ghp_FAULTfaultFAULTfaultFAULTfault00000001';
// 40 pages of 2 repositories, each page slow: a first sync that takes seconds.
const pages = 40;
const pageDelayMs = 120;
// 80 repositories, the fake's 2 starred ones and the account's profile.
const distinctRecords = pages * 2 + 2 + 1;
// Short recovery settings, so the suite runs in seconds (the defaults are minutes-safe).
const recoveryEnv = {
  CONN_RUN_STALE_AFTER_MS: '2000',
  CONN_UPLOAD_LEASE_MS: '1500',
  CONN_SHUTDOWN_GRACE_MS: '2000',
};

async function until<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(`not reached in ${timeoutMs} ms: ${JSON.stringify(value)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each(await serverDialects())('fault suite on %s', (dialect) => {
  const key = randomBytes(32).toString('base64');
  let dataDir: string;
  let databaseUrl: string;
  let dropSchema = async () => {};
  let server: ServerProcess | undefined;
  const fakes: FakeGithub[] = [];

  /** (Re)starts the one server of this suite: one process at a time, like a single-replica deployment. */
  const boot = async () => {
    await server?.stop();
    server = await startServerProcess({
      CONN_DATA_DIR: dataDir,
      CONN_DATABASE_URL: databaseUrl,
      CONN_PORT: '0',
      CONN_OWNER_PASSWORD: ownerPassword,
      CONN_CREDENTIAL_KEY: key,
      CONN_LOG_LEVEL: 'info',
      ...recoveryEnv,
    });
    const anonymous = new ConnClient({ baseUrl: server.url });
    return new ConnClient({ baseUrl: server.url, token: await anonymous.login(ownerPassword) });
  };

  const slowGithub = async () => {
    const github = await startFakeGithub({
      token,
      repositoryPages: Array(pages).fill(2),
      pageDelayMs,
    });
    fakes.push(github);
    return github;
  };

  /** A GitHub draft whose first sync is running, once it stored `atLeast` records. */
  const syncing = async (owner: ConnClient, github: FakeGithub, atLeast: number) => {
    const draft = await owner.createDraft({
      connector: 'github',
      fields: { api_url: github.apiUrl },
    });
    // Each test's source is the fake's one account again: a second connection on purpose.
    await owner.submitCredential(draft.connection_id, { token }, { sameAccount: 'keep' });
    const status = await until(
      () => owner.setupStatus(draft.connection_id),
      (s) => (s.run?.records_accepted ?? 0) >= atLeast,
      20_000,
    );
    return { id: draft.connection_id, runId: status.run?.id };
  };

  const repositoryPagesRead = (github: FakeGithub, from = 0) =>
    github.requests
      .slice(from)
      .filter((r) => r.path === '/user/repos')
      .map((r) => r.page);

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'conn-fault-'));
    databaseUrl = join(dataDir, 'conn.sqlite');
    if (dialect === 'postgres') {
      const schema = `conn_fault_${randomBytes(6).toString('hex')}`;
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
  });
  afterAll(async () => {
    await server?.stop();
    await Promise.all(fakes.map((fake) => fake.close()));
    await dropSchema();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('kill -9 mid first sync: after a restart the same run resumes from its checkpoint within 10 s and counts every record once', async () => {
    const github = await slowGithub();
    let owner = await boot();
    const { id, runId } = await syncing(owner, github, 20);
    await server?.kill();
    const readBeforeKill = github.requests.length;
    const pagesBeforeKill = Math.max(...repositoryPagesRead(github));

    owner = await boot();
    // Counted from the moment the restarted server answers (its boot time is the host's, not conn's).
    const restarted = Date.now();
    const resumed = await until(
      () => owner.setupStatus(id),
      () => repositoryPagesRead(github, readBeforeKill).length > 0,
      10_000,
    );
    expect(Date.now() - restarted).toBeLessThan(10_000);
    expect(resumed.run?.id).toBe(runId);
    // Resumed at its checkpoint (at most the page in flight is read again), not from page 1.
    expect(repositoryPagesRead(github, readBeforeKill)[0]).toBeGreaterThanOrEqual(pagesBeforeKill);

    const done: SetupStatus = await until(
      () => owner.setupStatus(id),
      (s) => s.run?.status === 'succeeded',
      30_000,
    );
    expect(done).toMatchObject({
      status: 'active',
      records_total: distinctRecords,
      run: { id: runId, status: 'succeeded', records_accepted: distinctRecords },
    });
    // No phantom connection: the one draft became the one connection.
    const page = await owner.connections({ includePending: true });
    expect(page.items.map((item) => item.connection_id)).toEqual([id]);
  }, 90_000);

  it('kill -9 mid upload: after a restart the owner finds it interrupted within 10 s, its partial file gone, no connection made', async () => {
    let owner = await boot();
    const before = (await owner.connections({ includePending: true })).items.length;
    // The client streams part of a 10 MB body, then the server dies before answering.
    const url = new URL('/v1/owner/uploads?connector=whatsapp', server!.url);
    const session = await new ConnClient({ baseUrl: server!.url }).login(ownerPassword);
    const request = httpRequest(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${session}`,
        'content-type': 'application/octet-stream',
        'content-length': String(10 * 1024 * 1024),
        'x-conn-file-name': encodeURIComponent('WhatsApp Chat with Family.txt'),
      },
    });
    request.on('error', () => {});
    request.write(Buffer.alloc(256 * 1024, 'a'));
    const receiving = await until(
      () => owner.uploads(),
      (list) => list.length > 0 && list[0]?.status === 'uploaded',
      10_000,
    );
    const artifactId = receiving[0]!.id;
    await until(
      async () => existsSync(join(dataDir, 'artifacts', artifactId)),
      (present) => present,
      5_000,
    );
    await server?.kill();
    request.destroy();

    owner = await boot();
    // Counted from the moment the restarted server answers (its boot time is the host's, not conn's).
    const restarted = Date.now();
    // The sweep marks the upload first and removes its file just after: wait for both.
    const after = await until(
      () => owner.uploads(),
      (list) =>
        list.find((a) => a.id === artifactId)?.status === 'interrupted' &&
        !existsSync(join(dataDir, 'artifacts', artifactId)),
      10_000,
    );
    expect(Date.now() - restarted).toBeLessThan(10_000);
    expect(after.find((a) => a.id === artifactId)).toMatchObject({
      status: 'interrupted',
      validation: { details: { reason: 'upload_interrupted' } },
    });
    expect(existsSync(join(dataDir, 'artifacts', artifactId))).toBe(false);
    expect((await owner.artifact(artifactId)).status).toBe('interrupted');
    expect((await owner.connections({ includePending: true })).items).toHaveLength(before);
  }, 60_000);

  it('SIGTERM mid first sync: exits within its grace, the run queued at its checkpoint; the next server finishes it with exact counts', async () => {
    const github = await slowGithub();
    let owner = await boot();
    const { id, runId } = await syncing(owner, github, 20);
    const stopping = Date.now();
    await server?.stop();
    // The grace (2 s) plus the process's own start and stop, far less than the rest of the sync.
    expect(Date.now() - stopping).toBeLessThan(5_000);

    const store = openStore({ url: databaseUrl, dataDir });
    try {
      const run = await store.db
        .selectFrom('runs')
        .selectAll()
        .where('id', '=', runId ?? '')
        .executeTakeFirstOrThrow();
      expect(run).toMatchObject({ status: 'queued', claimed_by: null, attempts: 0 });
      expect(run.checkpoint_cursor).not.toBeNull();
      expect(run.checkpoint_accepted).toBeGreaterThanOrEqual(20);
    } finally {
      await store.close();
    }
    const readBeforeStop = github.requests.length;
    const pagesBeforeStop = Math.max(...repositoryPagesRead(github));

    owner = await boot();
    const done = await until(
      () => owner.setupStatus(id),
      (s) => s.run?.status === 'succeeded',
      30_000,
    );
    expect(done).toMatchObject({
      status: 'active',
      records_total: distinctRecords,
      run: { id: runId, status: 'succeeded', records_accepted: distinctRecords },
    });
    expect(repositoryPagesRead(github, readBeforeStop)[0]).toBeGreaterThanOrEqual(pagesBeforeStop);
  }, 90_000);
});
