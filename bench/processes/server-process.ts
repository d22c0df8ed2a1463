import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const repoRoot = join(import.meta.dirname, '../..');
const sourceMain = join(repoRoot, 'apps/server/src/main.ts');
const builtMain = join(repoRoot, 'apps/server/dist/main.js');

/** A conn-server in its own process, with its URL and pid (to read its memory from outside). */
export interface ServerProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts conn-server in its own process with `env` and waits for its
 * "Console:" announcement, so load generator, stream client and server each
 * have their own event loop. `from: 'source'` (the default) runs
 * `apps/server/src/main.ts` through tsx; `from: 'build'` runs the built
 * `apps/server/dist/main.js` exactly as `pnpm start` and the `conn-server`
 * bin do — plain `node`, no V8 flags — and throws when it is not built.
 */
export async function startServerProcess(
  env: Record<string, string>,
  options: { from?: 'source' | 'build' } = {},
): Promise<ServerProcess> {
  const fromBuild = options.from === 'build';
  if (fromBuild && !existsSync(builtMain)) {
    throw new Error(`${builtMain} is missing: run pnpm build first`);
  }
  const args = fromBuild
    ? [builtMain]
    : ['--conditions=@conn/source', '--import', 'tsx', sourceMain];
  const output: string[] = [];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
    pid: child.pid ?? 0,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
