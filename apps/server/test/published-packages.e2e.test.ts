import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../src/free-port';
import { waitFor } from './wait-for';

const run = promisify(execFile);
const repoRoot = join(import.meta.dirname, '../../..');

/** The publishable packages, by folder: the libraries, and the operator's server. */
const publishable = [
  'packages/setup-engine',
  'packages/connectors',
  'packages/store',
  'packages/services',
  'packages/rest',
  'packages/sdk',
  'packages/cli',
  'apps/server',
] as const;

async function sh(command: string, args: string[], cwd: string) {
  return run(command, args, { cwd, maxBuffer: 32 * 1024 * 1024, timeout: 400_000 });
}

interface Packed {
  name: string;
  tarball: string;
  files: string[];
  manifest: { exports?: Record<string, unknown>; bin?: Record<string, string> };
}

/**
 * Every package as npm would publish it: built, packed with pnpm (which
 * applies `publishConfig`), checked by publint and attw, then installed from
 * the tarballs alone into an empty directory and imported there with ESM and
 * with `require`, the CLI's `--help` run, and the installed `conn-server`
 * started on a fresh data directory with its console.
 */
describe('the packages as published', () => {
  let scratch: string;
  const packed: Packed[] = [];

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'conn-packages-'));
    await sh(
      'pnpm',
      [
        'exec',
        'turbo',
        'run',
        'build',
        ...publishable.map((folder) => `--filter=./${folder}`),
        '--output-logs=errors-only',
      ],
      repoRoot,
    );
    for (const folder of publishable) {
      const dir = join(repoRoot, folder);
      const tarball = join(scratch, `${folder.replace('/', '-')}.tgz`);
      await sh('pnpm', ['pack', '--out', tarball], dir);
      const { stdout } = await sh('tar', ['-tzf', tarball], scratch);
      const manifest = JSON.parse(
        (await sh('tar', ['-xzOf', tarball, 'package/package.json'], scratch)).stdout,
      ) as Packed['manifest'] & { name: string };
      packed.push({ name: manifest.name, tarball, files: stdout.trim().split('\n'), manifest });
    }
  }, 600_000);
  afterAll(async () => {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('ship built code, types, README and LICENSE — no sources, no tests, no build logs, no workspace-only condition', () => {
    for (const { name, files, manifest } of packed) {
      expect(
        files.filter((f) => f.includes('.turbo') || f.includes('node_modules')),
        name,
      ).toEqual([]);
      expect(files, name).toContain('package/LICENSE');
      expect(files, name).toContain('package/README.md');
      expect(
        files.filter((f) => f.startsWith('package/src/')),
        name,
      ).toEqual([]);
      expect(
        files.filter((f) => /\.test\.|\/test\//.test(f)),
        name,
      ).toEqual([]);
      expect(JSON.stringify(manifest.exports ?? {}), name).not.toContain('@conn/source');
      expect(JSON.stringify(manifest), name).not.toContain('workspace:');
    }
    // The server carries what other packages built for it: the console and the served CLI.
    const server = packed.find((p) => p.name === '@conn/server');
    expect(server?.manifest.bin).toEqual({ 'conn-server': './dist/main.js' });
    expect(server?.files).toContain('package/dist/console/index.html');
    expect(server?.files).toContain('package/dist/cli/conn-cli.tgz');
    expect(server?.files).toContain('package/dist/index.d.ts');
  });

  it('declare every dependency they use and no other, and export nothing unused (knip)', async () => {
    const knip = join(repoRoot, 'node_modules/knip/bin/knip.js');
    const { stdout } = await run(process.execPath, [knip, '--no-progress', '--reporter', 'json'], {
      cwd: repoRoot,
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const report = JSON.parse(stdout) as {
      files: string[];
      issues: Array<Record<string, unknown> & { file: string }>;
    };
    const findings = [
      ...report.files.map((file) => `unused file ${file}`),
      ...report.issues.flatMap((issue) =>
        Object.entries(issue)
          .filter(
            ([kind, list]) =>
              kind !== 'file' &&
              (Array.isArray(list)
                ? list.length > 0
                : typeof list === 'object' && list !== null && Object.keys(list).length > 0),
          )
          .map(([kind, list]) => `${issue.file}: ${kind} ${JSON.stringify(list)}`),
      ),
    ];
    expect(findings).toEqual([]);
  }, 120_000);

  it('pass publint (strict) on their tarballs', async () => {
    for (const { name, tarball } of packed) {
      const bytes = await readFile(tarball);
      const { messages } = await publint({
        pack: {
          tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
        },
        strict: true,
      });
      expect(
        messages.map((m) => `${m.code} ${m.path.join('.')}`),
        name,
      ).toEqual([]);
    }
  }, 120_000);

  it('pass attw with the ESM-only profile (require works through require(esm) on Node ≥ 22.12)', async () => {
    const attw = join(repoRoot, 'node_modules/@arethetypeswrong/cli/dist/index.js');
    for (const { name, tarball } of packed) {
      const result = await run(
        process.execPath,
        [attw, tarball, '--profile', 'esm-only', '--format', 'ascii'],
        {
          maxBuffer: 16 * 1024 * 1024,
        },
      ).catch((error: { stdout: string; code: number }) => ({
        stdout: error.stdout,
        failed: true,
      }));
      expect('failed' in result ? result.stdout : '', name).toBe('');
    }
  }, 300_000);

  it('install from the tarballs alone and import with ESM and require; conn --help runs', async () => {
    const app = join(scratch, 'app');
    await mkdir(app);
    await writeFile(
      join(app, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
    );
    // Install scripts are skipped: better-sqlite3 ships its native builds in its package.
    await sh(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        ...packed.map((p) => p.tarball),
        'fastify@^5',
      ],
      app,
    );
    for (const { name, manifest } of packed) {
      const entries = Object.keys(manifest.exports ?? {})
        .filter((entry) => entry !== './package.json')
        .map((entry) => (entry === '.' ? name : `${name}/${entry.slice(2)}`));
      for (const entry of entries) {
        const esm = await run(
          process.execPath,
          [
            '--input-type=module',
            '-e',
            `const m = await import(${JSON.stringify(entry)}); if (Object.keys(m).length === 0) process.exit(3);`,
          ],
          { cwd: app },
        );
        expect(esm.stderr, entry).toBe('');
        const cjs = await run(
          process.execPath,
          [
            '-e',
            `const m = require(${JSON.stringify(entry)}); if (Object.keys(m).length === 0) process.exit(3);`,
          ],
          { cwd: app },
        );
        expect(cjs.stderr, entry).toBe('');
      }
    }
    const help = await run(join(app, 'node_modules/.bin/conn'), ['--help'], { cwd: app });
    expect(help.stdout).toContain('Usage: conn');
    expect(help.stdout).toContain('events');
  }, 600_000);

  it('the installed conn-server answers --help and --version, starts on a fresh data directory with its console, and stops on SIGTERM', async () => {
    const app = join(scratch, 'app');
    const server = packed.find((p) => p.name === '@conn/server');
    const version = JSON.parse(
      (await sh('tar', ['-xzOf', server?.tarball ?? '', 'package/package.json'], scratch)).stdout,
    ).version;
    // A clean environment: no npm settings of the npx this test suite may run under.
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
    const help = await run('npx', ['--no-install', 'conn-server', '--help'], { cwd: app, env });
    for (const command of ['rotate-key', 'backup', 'restore', 'doctor', 'reset-password']) {
      expect(help.stdout).toContain(command);
    }
    const printed = await run('npx', ['--no-install', 'conn-server', '--version'], {
      cwd: app,
      env,
    });
    expect(printed.stdout.trim()).toBe(version);

    const dataDir = join(scratch, 'data');
    const port = await freePort('127.0.0.1');
    const output: string[] = [];
    const child = spawn(join(app, 'node_modules/.bin/conn-server'), [], {
      cwd: app,
      env: {
        ...env,
        CONN_DATA_DIR: dataDir,
        CONN_HOST: '127.0.0.1',
        CONN_PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk) => output.push(String(chunk)));
    child.stderr.on('data', (chunk) => output.push(String(chunk)));
    const exited = new Promise<number | string>((resolve) =>
      child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
    );
    const url = `http://127.0.0.1:${port}`;
    try {
      const ready = await waitFor(
        () =>
          fetch(`${url}/readyz`).then(
            (r) => r.status,
            () => 0,
          ),
        (status) => status === 200 || child.exitCode !== null,
        60_000,
      );
      expect(ready, output.join('')).toBe(200);
      // The server answers /readyz as soon as it listens; its banner follows once background work has started.
      const banner = `Console: ${url}/console/`;
      const announced = await waitFor(
        async () => output.join(''),
        (text) => text.includes(banner) || child.exitCode !== null,
        10_000,
      );
      expect(announced).toContain(banner);
      const page = await fetch(`${url}/console/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      const html = await page.text();
      expect(html).toContain('/console/assets/');
      expect(html).not.toContain('built without its web console');
      const spec = await fetch(`${url}/openapi.json`);
      expect(spec.status).toBe(200);
      const document = (await spec.json()) as { openapi: string; info: { version: string } };
      expect(document.openapi).toMatch(/^3\./);
      expect(document.info.version).toBe(version);
      const cli = await fetch(`${url}/cli/conn-cli.tgz`);
      expect(cli.status).toBe(200);
      await cli.arrayBuffer();
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 120_000);
});
