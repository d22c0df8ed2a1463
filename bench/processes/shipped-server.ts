import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const repoRoot = join(import.meta.dirname, '../..');
const main = join(repoRoot, 'apps/server/dist/main.js');

/** conn-server as shipped, in its own process: its URL, its pid (to read its memory) and a stop. */
export interface ShippedServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts the built `apps/server/dist/main.js` exactly as `pnpm start` and the
 * `conn-server` bin do — plain `node`, no V8 flags — and waits for its
 * console announcement. Throws when the server is not built.
 */
export async function startShippedServer(env: Record<string, string>): Promise<ShippedServer> {
  if (!existsSync(main)) throw new Error(`${main} is missing: run pnpm build first`);
  const output: string[] = [];
  const child: ChildProcess = spawn(process.execPath, [main], {
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
