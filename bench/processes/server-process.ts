import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const repoRoot = join(import.meta.dirname, '../..');

/** A conn-server in its own process, as an operator runs it (from source), with its URL. */
export interface ServerProcess {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts `apps/server/src/main.ts` with `env` and waits for its "Console:"
 * announcement, so load generator, stream client and server each have their
 * own event loop.
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const output: string[] = [];
  const child: ChildProcess = spawn(
    process.execPath,
    ['--conditions=@conn/source', '--import', 'tsx', join(repoRoot, 'apps/server/src/main.ts')],
    {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (chunk) => output.push(String(chunk)));
  child.stderr?.on('data', (chunk) => output.push(String(chunk)));
  const deadline = Date.now() + 60_000;
  let url: string | undefined;
  while (url === undefined) {
    url = /Console: (http:\/\/[^/\s]+)\/console\//.exec(output.join(''))?.[1];
    if (child.exitCode !== null) throw new Error(`conn-server exited:\n${output.join('')}`);
    if (Date.now() > deadline) throw new Error(`conn-server did not start:\n${output.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
