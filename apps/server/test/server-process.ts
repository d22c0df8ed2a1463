import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const repoRoot = join(import.meta.dirname, '../../..');

/** A conn-server in its own OS process, started the way an operator runs one (from source via tsx). */
export async function startServerProcess(env: Record<string, string>) {
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
  const deadline = Date.now() + 30_000;
  let url: string | undefined;
  while (url === undefined) {
    url = /Console: (http:\/\/[^/\s]+)\/console\//.exec(output.join(''))?.[1];
    if (child.exitCode !== null) throw new Error(`conn-server exited:\n${output.join('')}`);
    if (Date.now() > deadline) throw new Error(`conn-server not up:\n${output.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.pid === undefined) return resolve();
        child.once('exit', () => resolve());
        process.kill(-child.pid, 'SIGTERM');
      }),
  };
}
