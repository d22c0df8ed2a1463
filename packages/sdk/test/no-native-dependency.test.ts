import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const sdkDir = join(import.meta.dirname, '..');
const engineDir = join(sdkDir, '..', 'setup-engine');
const repoDir = join(sdkDir, '..', '..');

let scratch: string | null = null;
afterAll(async () => {
  if (scratch !== null) await rm(scratch, { recursive: true, force: true });
});

async function sh(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  return run(command, args, {
    cwd,
    env: { ...process.env, ...env },
    maxBuffer: 16 * 1024 * 1024,
    timeout: 240_000,
  });
}

/**
 * The published shape: build and pack @conn/setup-engine and @conn/sdk, install
 * the tarballs (and zod, tarred from the workspace so no registry is needed)
 * into an empty app, and import the SDK there as a user would.
 */
describe('@conn/sdk as published', () => {
  it('installs and imports without better-sqlite3 or any native module', {
    timeout: 300_000,
  }, async () => {
    scratch = await mkdtemp(join(tmpdir(), 'conn-sdk-pack-'));
    const tarballs = join(scratch, 'tarballs');
    const app = join(scratch, 'app');
    await mkdir(tarballs);
    await mkdir(app);

    await sh('pnpm', ['--filter', '@conn/setup-engine', 'build'], repoDir);
    await sh('pnpm', ['--filter', '@conn/sdk', 'build'], repoDir);
    await sh('pnpm', ['pack', '--out', join(tarballs, 'engine.tgz')], engineDir);
    await sh('pnpm', ['pack', '--out', join(tarballs, 'sdk.tgz')], sdkDir);
    // zod as the registry ships it (a `package/` folder in a gzipped tar), from the workspace copy.
    const stage = join(scratch, 'zod');
    await cp(await realpath(join(sdkDir, 'node_modules', 'zod')), join(stage, 'package'), {
      recursive: true,
      dereference: true,
    });
    await sh('tar', ['-czf', join(tarballs, 'zod.tgz'), '-C', stage, 'package'], scratch);
    const packed = (await readdir(tarballs)).map((name) => join(tarballs, name));
    expect(packed).toHaveLength(3);

    await writeFile(
      join(app, 'package.json'),
      JSON.stringify({ name: 'app', private: true, type: 'module' }),
    );
    const install = ['install', '--no-audit', '--no-fund', '--ignore-scripts', ...packed];
    const env = { npm_config_cache: join(scratch, 'npm-cache') };
    try {
      await sh('npm', [...install, '--offline'], app, env);
    } catch {
      // The workspace's zod tarball should satisfy everything; fall back to the registry if not.
      await sh('npm', install, app, env);
    }

    const installed = JSON.parse(
      await readFile(join(app, 'node_modules', '@conn', 'sdk', 'package.json'), 'utf8'),
    ) as { dependencies: Record<string, string> };
    expect(Object.keys(installed.dependencies).sort()).toEqual([
      '@conn/setup-engine',
      'eventsource-parser',
      'zod',
    ]);
    expect(installed.dependencies['@conn/setup-engine']).not.toContain('workspace:');

    const probe = `
      const sdk = await import('@conn/sdk');
      const node = await import('@conn/sdk/node');
      const client = new sdk.ConnClient({ baseUrl: 'http://127.0.0.1:7777' });
      const natives = process.report.getReport().sharedObjects.filter((path) => path.endsWith('.node'));
      console.log(JSON.stringify({
        waitForActive: typeof sdk.waitForActive,
        uploadFile: typeof node.uploadFile,
        renderNextStep: typeof sdk.renderNextStep,
        client: String(client),
        natives,
      }));
    `;
    const { stdout } = await sh(process.execPath, ['--input-type=module', '-e', probe], app);
    const seen = JSON.parse(stdout) as {
      waitForActive: string;
      uploadFile: string;
      renderNextStep: string;
      client: string;
      natives: string[];
    };
    expect(seen.waitForActive).toBe('function');
    expect(seen.uploadFile).toBe('function');
    expect(seen.renderNextStep).toBe('function');
    expect(seen.client).toBe('ConnClient(http://127.0.0.1:7777)');
    expect(seen.natives).toEqual([]);

    const modules = join(app, 'node_modules');
    expect(existsSync(join(modules, 'better-sqlite3'))).toBe(false);
    expect(existsSync(join(modules, '@conn', 'store'))).toBe(false);
    expect((await readdir(modules)).filter((name) => !name.startsWith('.')).sort()).toEqual([
      '@conn',
      'eventsource-parser',
      'pretty-bytes',
      'zod',
    ]);

    // The browser entry imports no Node built-in, with or without the `node:` prefix.
    const mainEntry = await readFile(join(modules, '@conn', 'sdk', 'dist', 'index.js'), 'utf8');
    const specifiers = [...mainEntry.matchAll(/from\s+"([^"]+)"/g)].map((match) => match[1]!);
    const builtins = new Set(builtinModules);
    expect(specifiers.filter((s) => s.startsWith('node:') || builtins.has(s))).toEqual([]);
  });
});
