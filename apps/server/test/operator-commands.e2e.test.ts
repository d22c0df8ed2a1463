import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { openStore, sealedKeyCounts, vaultKeyId } from '@conn/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FakeGithub,
  startFakeGithub,
} from '../../../packages/connectors/test/github/fake-github';
import { freePort } from '../src/free-port';
import { startServer } from '../src/start-server';
import { httpClient } from './http-client';
import { runServerCommand } from './run-server-command';
import { ownerPassword, serverDialects, startTestServer, type TestServer } from './test-server';
import { waitFor } from './wait-for';

const TOKEN = 'ghp_operatorCommandsT0ken0123456789abcdef';

/** A GitHub connection through the REST flow, active after its first sync. */
async function activeGithub(url: string, owner: string, apiUrl: string): Promise<string> {
  const http = httpClient(url);
  const draft = await http.call('POST', '/v1/owner/connections/drafts', {
    token: owner,
    body: { connector: 'github', fields: { api_url: apiUrl } },
  });
  const id = draft.json.connection_id as string;
  const captured = await http.call('PUT', `/v1/owner/connections/${id}/credential`, {
    token: owner,
    body: { token: TOKEN },
  });
  expect(captured.status).toBe(200);
  const active = await waitFor(
    () => http.call('GET', `/v1/owner/connections/${id}/setup-status`, { token: owner }),
    (r) => r.json.setup_state === 'active' && r.json.run?.status === 'succeeded',
  );
  expect(active.json.setup_state).toBe('active');
  return id;
}

/** Sync now, and the run's final status: `succeeded` only if the stored credential opened. */
async function syncNow(url: string, owner: string, id: string): Promise<string> {
  const http = httpClient(url);
  const queued = await http.call('POST', `/v1/owner/connections/${id}/sync`, { token: owner });
  expect(queued.status).toBe(202);
  const runId = queued.json.run.id as string;
  const runs = await waitFor(
    () => http.call('GET', `/v1/owner/connections/${id}/runs?limit=10`, { token: owner }),
    (r) =>
      r.json.items.some(
        (run: { id: string; status: string }) =>
          run.id === runId && ['succeeded', 'failed'].includes(run.status),
      ),
  );
  return runs.json.items.find((run: { id: string }) => run.id === runId)?.status ?? 'missing';
}

/** The key ids a key file holds, newest first (its comment lines skipped). */
async function keyFileIds(path: string): Promise<string[]> {
  return (await readFile(path, 'utf8'))
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => vaultKeyId(Buffer.from(line, 'base64')));
}

async function sealedUnder(databaseUrl: string): Promise<Record<string, number>> {
  const store = openStore({ url: databaseUrl });
  try {
    return await sealedKeyCounts(store);
  } finally {
    await store.close();
  }
}

const commandEnv = (t: TestServer, extra: Record<string, string> = {}) => ({
  CONN_DATA_DIR: t.dataDir,
  CONN_DATABASE_URL: t.databaseUrl,
  ...extra,
});

// Each command is a Node process of its own (a second or two each): generous timeouts.
describe.each(await serverDialects())(
  'conn-server operator commands (%s)',
  { timeout: 60_000 },
  (dialect) => {
    let github: FakeGithub;
    let t: TestServer;
    let owner: string;
    let connectionId: string;

    beforeAll(async () => {
      github = await startFakeGithub({ token: TOKEN });
      t = await startTestServer({ dialect, env: { CONN_WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' } });
      owner = await t.login();
      connectionId = await activeGithub(t.url, owner, github.apiUrl);
      // A webhook too: its signing secret is sealed, in another table.
      const webhook = await httpClient(t.url).call('POST', '/v1/owner/webhooks', {
        token: owner,
        body: { url: 'http://127.0.0.1:9/hook' },
      });
      expect(webhook.status).toBe(201);
    });

    afterAll(async () => {
      await t?.dispose();
      await github?.close();
    });

    it('doctor passes on a working installation, one line per check, and says so in JSON', async () => {
      const env = commandEnv(t, { CONN_PUBLIC_ORIGIN: t.url });
      const lines = await runServerCommand(['doctor'], env);
      expect(lines.code, lines.stderr).toBe(0);
      const byCheck = lines.stdout.trim().split('\n');
      expect(byCheck).toHaveLength(5);
      expect(byCheck[0]).toMatch(/^ok\s+config/);
      expect(byCheck[1]).toMatch(/^ok\s+database\s+.*every migration applied/);
      expect(byCheck[2]).toMatch(
        /^ok\s+credential key\s+key [0-9a-f]{8} .*opens a stored credential/,
      );
      expect(byCheck[3]).toMatch(/^ok\s+disk\s+.* free in /);
      expect(byCheck[4]).toMatch(/^ok\s+public origin\s+.*reaches conn-server/);
      expect(lines.stdout).not.toContain(TOKEN);

      const json = await runServerCommand(['doctor', '--json'], env);
      const report = JSON.parse(json.stdout);
      expect(report.ok).toBe(true);
      expect(report.checks.map((c: { check: string }) => c.check)).toEqual([
        'config',
        'database',
        'credential_key',
        'disk',
        'public_origin',
      ]);
    });

    it('doctor fails, with a non-zero exit, on an unreachable database and an unreachable public origin', async () => {
      const closed = await freePort('127.0.0.1');
      const result = await runServerCommand(['doctor'], {
        CONN_DATA_DIR: t.dataDir,
        CONN_DATABASE_URL: `postgres://postgres@127.0.0.1:${closed}/test`,
        CONN_PUBLIC_ORIGIN: `http://127.0.0.1:${closed}`,
      });
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/^fail\s+database\s+PostgreSQL is not reachable/m);
      expect(result.stdout).toMatch(/^fail\s+public origin\s+.*not reachable/m);
      expect(result.stdout).toMatch(/^ok\s+config/m);
      const bad = await runServerCommand(['doctor', '--json'], { CONN_PORT: 'not-a-port' });
      expect(bad.code).toBe(1);
      expect(JSON.parse(bad.stdout).checks).toEqual([
        expect.objectContaining({ check: 'config', status: 'fail' }),
      ]);
    });

    it('rotate-key refuses while a server runs on the data directory, then re-seals every secret under a new key and retires the old one', async () => {
      const keyFile = join(t.dataDir, 'credential.key');
      const [oldId] = await keyFileIds(keyFile);
      const refused = await runServerCommand(['rotate-key'], commandEnv(t));
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('A server is running on');
      expect(await keyFileIds(keyFile)).toEqual([oldId]);

      await t.server.close();
      expect(await sealedUnder(t.databaseUrl)).toEqual({ [oldId as string]: 2 });
      const rotated = await runServerCommand(['rotate-key', '--json'], commandEnv(t));
      expect(rotated.code, rotated.stderr).toBe(0);
      const report = JSON.parse(rotated.stdout);
      expect(report).toMatchObject({
        key_provider: 'generated',
        resumed: false,
        resealed: 2,
        unopenable: 0,
        retired_key_ids: [oldId],
      });
      expect(report.key_id).not.toBe(oldId);
      expect(await keyFileIds(keyFile)).toEqual([report.key_id]);
      expect(await sealedUnder(t.databaseUrl)).toEqual({ [report.key_id]: 2 });
      expect(rotated.stdout).not.toContain(TOKEN);

      t = await t.restart();
      owner = await t.login();
      expect(await syncNow(t.url, owner, connectionId)).toBe('succeeded');
    });

    it('rotate-key finishes a rotation an interrupted run left half done', async () => {
      const keyFile = join(t.dataDir, 'credential.key');
      const [currentId] = await keyFileIds(keyFile);
      await t.server.close();
      // As a run that stopped right after adding its new key: new first, current behind it.
      const added = Buffer.alloc(32, 7);
      await writeFile(
        keyFile,
        `${added.toString('base64')}\n${(await readFile(keyFile, 'utf8')).split('\n').find((l) => l !== '' && !l.startsWith('#'))}\n`,
        { mode: 0o600 },
      );
      const resumed = await runServerCommand(['rotate-key'], commandEnv(t));
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(resumed.stdout).toContain(
        `Resuming the rotation to credential key ${vaultKeyId(added)}`,
      );
      expect(resumed.stdout).toContain(`Retired key ${currentId}`);
      expect(await keyFileIds(keyFile)).toEqual([vaultKeyId(added)]);
      expect(await sealedUnder(t.databaseUrl)).toEqual({ [vaultKeyId(added)]: 2 });

      t = await t.restart();
      owner = await t.login();
      expect(await syncNow(t.url, owner, connectionId)).toBe('succeeded');
    });

    it('rotate-key with the key in CONN_CREDENTIAL_KEY re-seals once the operator put the new key first', async () => {
      const oldKey = Buffer.alloc(32, 1).toString('base64');
      const newKey = Buffer.alloc(32, 2).toString('base64');
      let current = await startTestServer({ dialect, env: { CONN_CREDENTIAL_KEY: oldKey } });
      try {
        const id = await activeGithub(current.url, await current.login(), github.apiUrl);
        const alone = await runServerCommand(
          ['rotate-key'],
          commandEnv(current, { CONN_CREDENTIAL_KEY: oldKey }),
        );
        expect(alone.code).toBe(1);
        expect(alone.stderr).toContain('cannot change');
        // The servers run with both keys (new first) and may keep running meanwhile.
        const both = `${newKey},${oldKey}`;
        current = await current.restart({ CONN_CREDENTIAL_KEY: both });
        const rotated = await runServerCommand(
          ['rotate-key', '--json'],
          commandEnv(current, { CONN_CREDENTIAL_KEY: both }),
        );
        expect(rotated.code, rotated.stderr).toBe(0);
        const newId = vaultKeyId(Buffer.from(newKey, 'base64'));
        expect(JSON.parse(rotated.stdout)).toMatchObject({
          key_provider: 'env',
          key_id: newId,
          retired_key_ids: [vaultKeyId(Buffer.from(oldKey, 'base64'))],
        });
        expect(await sealedUnder(current.databaseUrl)).toEqual({ [newId]: 1 });
        current = await current.restart({ CONN_CREDENTIAL_KEY: newKey });
        expect(await syncNow(current.url, await current.login(), id)).toBe('succeeded');
      } finally {
        await current.dispose();
      }
    });

    // Backups are the database's own business on PostgreSQL, conn-server's on SQLite.
    if (dialect === 'postgres') {
      it('backup points to pg_dump on PostgreSQL', async () => {
        const result = await runServerCommand(
          ['backup', join(tmpdir(), 'unused.backup')],
          commandEnv(t),
        );
        expect(result.code).toBe(1);
        expect(result.stderr).toContain('pg_dump');
      });
    } else {
      it('backup copies a live database (and the key file with --with-key); restore puts it in a fresh data directory where credentials open and records are there', async () => {
        const scratch = await mkdtemp(join(tmpdir(), 'conn-backup-'));
        const restoredDir = join(scratch, 'restored');
        let restored: Awaited<ReturnType<typeof startServer>> | undefined;
        try {
          const withKey = join(scratch, 'conn.backup');
          const live = await runServerCommand(['backup', withKey, '--with-key'], commandEnv(t));
          expect(live.code, live.stderr).toBe(0);
          expect(live.stdout).toContain(`The credential key is in ${withKey}.key`);
          const keyless = await runServerCommand(
            ['backup', join(scratch, 'keyless.backup'), '--json'],
            commandEnv(t),
          );
          expect(JSON.parse(keyless.stdout)).toMatchObject({
            key_file: null,
            key_source: join(t.dataDir, 'credential.key'),
          });
          const again = await runServerCommand(['backup', withKey], commandEnv(t));
          expect(again.code).toBe(1);
          expect(again.stderr).toContain('--force');

          const onLive = await runServerCommand(['restore', withKey, '--force'], commandEnv(t));
          expect(onLive.code).toBe(1);
          expect(onLive.stderr).toContain('A server is running on');
          const notBackup = await runServerCommand(['restore', `${withKey}.key`], {
            CONN_DATA_DIR: join(scratch, 'other'),
          });
          expect(notBackup.code).toBe(1);
          expect(notBackup.stderr).toContain('is not a conn-server backup');

          const done = await runServerCommand(['restore', withKey], { CONN_DATA_DIR: restoredDir });
          expect(done.code, done.stderr).toBe(0);
          expect(done.stdout).toContain("Put the backup's credential key in");
          const twice = await runServerCommand(['restore', withKey], {
            CONN_DATA_DIR: restoredDir,
          });
          expect(twice.code).toBe(1);
          expect(twice.stderr).toContain('already holds a database');

          restored = await startServer({
            env: {
              CONN_DATA_DIR: restoredDir,
              CONN_HOST: '127.0.0.1',
              CONN_PORT: '0',
              CONN_LOG_LEVEL: 'silent',
            },
            announce: () => {},
            logStream: new Writable({ write: (_c, _e, done) => done() }),
            timings: { pollMs: 25, staleAfterMs: 60_000, sweepMs: 60_000 },
          });
          const login = await fetch(`${restored.url}/v1/owner/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ password: ownerPassword, mode: 'token' }),
          });
          const token = ((await login.json()) as { session_token: string }).session_token;
          const records = await httpClient(restored.url).call(
            'GET',
            `/v1/owner/connections/${connectionId}/records?stream=repositories`,
            { token },
          );
          expect(records.json.items).toHaveLength(5);
          expect(await syncNow(restored.url, token, connectionId)).toBe('succeeded');
        } finally {
          await restored?.close();
          await rm(scratch, { recursive: true, force: true });
        }
      }, 60_000);
    }
  },
);
