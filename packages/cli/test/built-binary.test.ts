import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createBundledRegistry } from '@conn/connectors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ownerPassword,
  startTestServer,
  type TestServer,
} from '../../../apps/server/test/test-server';
import { cliEnv, conn, repoRoot, tempDir } from './cli-harness';

const built = join(repoRoot, 'packages/cli/dist/conn.js');

/** Workspace packages and registry packages `@conn/cli` depends on, transitively through the workspace. */
async function dependencyClosure(): Promise<Set<string>> {
  const folders: Record<string, string> = {
    '@conn/cli': 'packages/cli',
    '@conn/sdk': 'packages/sdk',
    '@conn/setup-engine': 'packages/setup-engine',
    '@conn/connectors': 'packages/connectors',
    '@conn/store': 'packages/store',
  };
  const seen = new Set<string>();
  const visit = async (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const folder = folders[name];
    if (folder === undefined) return;
    const manifest = JSON.parse(await readFile(join(repoRoot, folder, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    for (const dependency of Object.keys(manifest.dependencies ?? {})) await visit(dependency);
  };
  await visit('@conn/cli');
  return seen;
}

describe('the built conn binary', () => {
  let server: TestServer;
  let config: Awaited<ReturnType<typeof tempDir>>;

  beforeAll(async () => {
    // The published shape (tsup output over its dependencies' built dist), built by the project's global setup.
    server = await startTestServer({ dialect: 'sqlite' });
    config = await tempDir('conn-cli-built-');
  });
  afterAll(async () => {
    await server?.dispose();
    await config?.dispose();
  });

  it('is an executable script whose plans match REST byte for byte', async () => {
    const text = await readFile(built, 'utf8');
    expect(text.startsWith('#!/usr/bin/env node\n')).toBe(true);
    const launch = { built };
    const env = cliEnv({
      CONN_SERVER: server.url,
      CONN_CONFIG_DIR: config.path,
      HOME: config.path,
    });
    const login = await conn(['login', '--password-stdin'], {
      env,
      input: `${ownerPassword}\n`,
      launch,
    });
    expect(login.code, login.stderr).toBe(0);
    const token = await server.login();
    for (const key of ['claude-code', 'github']) {
      const body = await (
        await fetch(`${server.url}/v1/owner/connectors/${key}/setup-plan`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).text();
      const printed = await conn(['plan', key, '--json'], { env, launch });
      expect(printed.stdout).toBe(`${body}\n`);
    }
    const help = await conn(['collector', 'run', '--help'], { env, launch });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('conn collector run <collector> --once');
    // The names come from the catalog this CLI bundles, not from help text.
    const bundled = createBundledRegistry()
      .manifests()
      .flatMap((m) => (m.setup.modality === 'local_collector' ? [m.setup.collector.name] : []));
    expect(bundled.length).toBeGreaterThan(0);
    expect(help.stdout).toContain(`Collectors in this CLI: ${bundled.join(', ')}.`);
    const failed = await conn(['plan', 'nope'], { env, launch });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^error: .*\(connector_not_found\)\n$/);
  });

  it('does not depend on the store or a native module', async () => {
    const closure = await dependencyClosure();
    expect(closure.has('@conn/connectors')).toBe(true);
    expect(closure.has('@conn/store')).toBe(false);
    expect(closure.has('better-sqlite3')).toBe(false);
  });
});
