import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './test-server';

/** Runs a shell command as an owner would paste it, in `cwd`, with only the given environment. */
function run(command: string, cwd: string, env: Record<string, string>) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += String(chunk);
    });
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('the CLI this server serves', () => {
  let server: TestServer;
  let scratch: string;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer({ dialect: 'sqlite' });
    scratch = await mkdtemp(join(tmpdir(), 'conn-served-cli-'));
    token = await server.login();
  });
  afterAll(async () => {
    await server?.dispose();
    await rm(scratch, { recursive: true, force: true });
  });

  it('is an npm tarball of one bundled file with no dependency and no native module', async () => {
    const response = await fetch(`${server.url}/cli/conn-cli.tgz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/gzip');
    const file = join(scratch, 'served.tgz');
    await writeFile(file, new Uint8Array(await response.arrayBuffer()));
    const listing = await run(`tar -tzf ${file}`, scratch, { PATH: '/usr/bin:/bin' });
    expect(listing.stdout.split('\n').filter(Boolean).sort()).toEqual([
      'package/',
      'package/conn.js',
      'package/package.json',
    ]);
    const manifest = await run(`tar -xzOf ${file} package/package.json`, scratch, {
      PATH: '/usr/bin:/bin',
    });
    const pkg = JSON.parse(manifest.stdout) as Record<string, unknown>;
    expect(pkg).toMatchObject({ name: '@conn/cli', bin: { conn: './conn.js' } });
    expect(pkg.dependencies).toBeUndefined();
    const bundle = await run(`tar -xzOf ${file} package/conn.js`, scratch, {
      PATH: '/usr/bin:/bin',
    });
    expect(bundle.stdout).not.toMatch(/better-sqlite3|\.node['"]/);
  });

  it('runs the enrollment command a plan quotes, verbatim, on a fresh device without the registry', async () => {
    const created = await fetch(`${server.url}/v1/owner/connections/intents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ connector: 'claude-code' }),
    });
    const intent = (await created.json()) as {
      next_step: { command: string; connection_id: string };
    };
    const { command, connection_id } = intent.next_step;
    expect(command).toMatch(
      new RegExp(
        `^npx -y ${server.url}/cli/conn-cli\\.tgz collector enroll --server ${server.url} --code \\S+$`,
      ),
    );
    const device = join(scratch, 'device');
    const home = join(scratch, 'home');
    const cache = join(scratch, 'npm-cache');
    await Promise.all([device, home, cache].map((dir) => mkdir(dir, { recursive: true })));
    // Only what a fresh device has: Node and npm on PATH, a home, an empty npm cache, and a
    // registry nobody answers at, so the test fails if the served CLI needed the registry.
    const env = {
      PATH: `${dirname(process.execPath)}:/usr/bin:/bin`,
      HOME: home,
      npm_config_cache: cache,
      npm_config_registry: 'http://127.0.0.1:9/',
      npm_config_update_notifier: 'false',
    };
    const enrolled = await run(command, device, env);
    expect(enrolled.code, enrolled.stderr).toBe(0);
    expect(enrolled.stdout).toContain(`(connection ${connection_id})`);
    expect(await readdir(device)).toEqual([]);
    const status = await fetch(`${server.url}/v1/owner/connections/${connection_id}/setup-status`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(((await status.json()) as { credential: { present: boolean } }).credential.present).toBe(
      true,
    );
  }, 120_000);
});
