import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../src/free-port';

const repoRoot = join(import.meta.dirname, '../../..');

/** The first shell block of the README: the start command a newcomer runs. */
async function readmeStartCommand(): Promise<string> {
  const readme = await readFile(join(repoRoot, 'README.md'), 'utf8');
  const block = /```sh\n(.+?)\n```/s.exec(readme)?.[1];
  if (block === undefined || !block.includes('pnpm start'))
    throw new Error('README has no start command first');
  return block.trim();
}

function run(command: string, cwd: string, env: NodeJS.ProcessEnv) {
  const output: string[] = [];
  const child = spawn('bash', ['-c', command], {
    cwd,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk) => output.push(String(chunk)));
  child.stderr.on('data', (chunk) => output.push(String(chunk)));
  return { child, output };
}

async function untilReady(
  url: string,
  child: ChildProcess,
  output: string[],
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the start command exited ${child.exitCode}:\n${output.join('')}`);
    try {
      const response = await fetch(`${url}/readyz`);
      // /readyz answers once the server listens; the banner follows when background work has started.
      if (response.status === 200 && output.join('').includes('conn-server is running')) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`not ready after ${timeoutMs} ms:\n${output.join('').slice(-3000)}`);
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined)
      return resolve();
    child.once('exit', () => resolve());
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      resolve(); // the group is already gone
    }
  });
}

describe("the README's start command on a fresh clone", () => {
  let workdir: string | undefined;
  const children: ChildProcess[] = [];
  afterAll(async () => {
    await Promise.all(children.map(stop));
    if (workdir) await rm(workdir, { recursive: true, force: true });
  });

  it('installs, builds and serves /readyz on embedded SQLite, printing the owner login once', {
    timeout: 600_000,
  }, async () => {
    workdir = await mkdtemp(join(tmpdir(), 'conn-clone-'));
    const clone = join(workdir, 'conn');
    execFileSync('git', ['clone', '--quiet', '--no-hardlinks', repoRoot, clone]);
    const command = await readmeStartCommand();
    const port = await freePort('127.0.0.1');
    const env: NodeJS.ProcessEnv = { ...process.env, CONN_PORT: String(port) };
    for (const name of Object.keys(env))
      if (name.startsWith('CONN_') && name !== 'CONN_PORT') Reflect.deleteProperty(env, name);
    const url = `http://127.0.0.1:${port}`;

    const first = run(command, clone, env);
    children.push(first.child);
    await untilReady(url, first.child, first.output, 540_000);
    const printed = first.output.join('');
    expect(printed).toMatch(/First boot: the owner password is \S+/);
    expect(printed).toContain(`${url}/console/`);
    const password = /the owner password is (\S+)/.exec(printed)?.[1] ?? '';
    const login = await fetch(`${url}/v1/owner/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password, mode: 'token' }),
    });
    expect(login.status).toBe(200);
    // The start command built the console too: the server serves the app, not a placeholder.
    const consolePage = await fetch(`${url}/console/`);
    expect(consolePage.status).toBe(200);
    expect(await consolePage.text()).toMatch(
      /<script type="module" crossorigin src="\/console\/assets\//,
    );
    await stop(first.child);

    // Second boot on the same data directory: the password is not printed again.
    const second = run(command, clone, env);
    children.push(second.child);
    await untilReady(url, second.child, second.output, 300_000);
    expect(second.output.join('')).not.toMatch(/owner password is/);
    await stop(second.child);
  });
});
