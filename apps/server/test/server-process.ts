import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const repoRoot = join(import.meta.dirname, '../../..');

/** A conn-server in its own OS process: its output, and ways to stop it. */
export interface ServerProcess {
  url: string;
  output: string[];
  /** Resolves with the exit code (or the signal's name) once the process is gone. */
  exited: Promise<number | string>;
  /** SIGTERM, as an orchestrator stops it gracefully; resolves once it exited. */
  stop(): Promise<number | string>;
  /** SIGKILL (`kill -9`): no shutdown code runs; resolves once it is gone. */
  kill(): Promise<number | string>;
}

/**
 * Starts conn-server in its own OS process, the way an operator runs one
 * (from source via tsx), and resolves once it announced its console URL.
 *
 * @example
 * const server = await startServerProcess({ CONN_DATA_DIR: dir, CONN_PORT: '0' });
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const output: string[] = [];
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(repoRoot, 'node_modules/tsx/dist/cli.mjs'),
      '--conditions=@conn/source',
      join(repoRoot, 'apps/server/src/main.ts'),
    ],
    {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (chunk) => output.push(String(chunk)));
  child.stderr?.on('data', (chunk) => output.push(String(chunk)));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const deadline = Date.now() + 30_000;
  let url: string | undefined;
  while (url === undefined) {
    const text = output.join('');
    // Ready once it announced its console; reached where it listens, which is
    // not the console's origin when a public origin (a load balancer) is set.
    const announced = /Console: (http:\/\/[^/\s]+)\/console\//.exec(text)?.[1];
    const listening = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1];
    url = announced === undefined ? undefined : (listening ?? announced);
    if (child.exitCode !== null) throw new Error(`conn-server exited:\n${output.join('')}`);
    if (Date.now() > deadline) throw new Error(`conn-server not up:\n${output.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const signal = (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      // The whole group: tsx runs the server in a child of its own.
      process.kill(-child.pid, name);
    }
    return exited;
  };
  return { url, output, exited, stop: () => signal('SIGTERM'), kill: () => signal('SIGKILL') };
}
