import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '../../..');
const sourceEntry = join(repoRoot, 'packages/cli/src/conn.ts');

/** How `conn` is started: from its TypeScript sources (most tests) or the built binary. */
export type Launch = 'source' | { built: string };

/** What a finished `conn` run printed and returned. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The command line that starts `conn` with these arguments. */
export function connArgv(args: readonly string[], launch: Launch = 'source'): string[] {
  if (launch === 'source') {
    return [process.execPath, '--conditions=@conn/source', '--import', 'tsx', sourceEntry, ...args];
  }
  return [process.execPath, launch.built, ...args];
}

/** A clean environment: nothing from the developer's shell leaks into the CLI under test. */
export function cliEnv(extra: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: extra.HOME ?? tmpdir(),
    LANG: 'C.UTF-8',
    ...extra,
  };
}

/** A running `conn`, its output so far, and a way to wait for a piece of it. */
export interface RunningCli {
  child: ChildProcessWithoutNullStreams;
  output(): { stdout: string; stderr: string };
  /**
   * Resolves with the match once `pattern` appears in stdout after the previous
   * match (rejects after `timeoutMs`), so a prompt asked twice is waited for twice.
   */
  waitFor(pattern: RegExp | string, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Writes to stdin. */
  send(text: string): void;
  done: Promise<CliResult>;
}

/**
 * Starts `conn` as a child process (cwd: the repo root, so `tsx` resolves).
 * With `pty`, it runs under a pseudo-terminal (`script` from util-linux), so
 * @clack/prompts draws real prompts and hidden input works as for an owner.
 */
export function startConn(
  args: readonly string[],
  options: { env: Record<string, string>; pty?: boolean; launch?: Launch },
): RunningCli {
  const argv = connArgv(args, options.launch);
  const child = options.pty
    ? // A pty made from a pipe has no size: give it one, or prompts wrap at every character.
      spawn(
        'script',
        ['-qfec', `stty cols 120 rows 40; exec ${argv.map(shellQuote).join(' ')}`, '/dev/null'],
        {
          cwd: repoRoot,
          env: { ...options.env, TERM: 'xterm-256color', COLUMNS: '120', LINES: '40' },
        },
      )
    : spawn(argv[0] as string, argv.slice(1), { cwd: repoRoot, env: options.env });
  let stdout = '';
  let stderr = '';
  let cursor = 0;
  const waiters = new Set<() => void>();
  child.stdout.on('data', (chunk) => {
    stdout += String(chunk);
    for (const check of waiters) check();
  });
  child.stderr.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      for (const check of waiters) check();
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
  return {
    child,
    output: () => ({ stdout, stderr }),
    send: (text) => child.stdin.write(text),
    done,
    waitFor(pattern, timeoutMs = 30_000) {
      const regex =
        typeof pattern === 'string'
          ? new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          : pattern;
      return new Promise<RegExpExecArray>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`timed out waiting for ${pattern}; stdout:\n${stdout}\nstderr:\n${stderr}`),
          );
        }, timeoutMs);
        const check = () => {
          const match = regex.exec(stdout.slice(cursor));
          if (match !== null) {
            cursor += match.index + match[0].length;
            clearTimeout(timer);
            waiters.delete(check);
            resolve(match);
          } else if (child.exitCode !== null) {
            clearTimeout(timer);
            waiters.delete(check);
            reject(
              new Error(
                `conn exited ${child.exitCode} before ${pattern}; stdout:\n${stdout}\nstderr:\n${stderr}`,
              ),
            );
          }
        };
        waiters.add(check);
        check();
      });
    },
  };
}

/** Runs `conn` to the end with `input` on stdin. */
export async function conn(
  args: readonly string[],
  options: { env: Record<string, string>; input?: string; launch?: Launch },
): Promise<CliResult> {
  const running = startConn(args, options);
  running.child.stdin.end(options.input ?? '');
  return running.done;
}

function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** A temporary directory, removed by `dispose`. */
export async function tempDir(prefix: string): Promise<{ path: string; dispose(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, dispose: () => rm(path, { recursive: true, force: true }) };
}

/** Every file under a directory with its text and mode (for secret and permission checks). */
export async function filesUnder(
  dir: string,
): Promise<{ path: string; text: string; mode: number }[]> {
  const found: { path: string; text: string; mode: number }[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    found.push({ path, text: await readFile(path, 'utf8'), mode: (await stat(path)).mode & 0o777 });
  }
  return found;
}

/** Logs `conn` in as the owner through `--password-stdin`. */
export async function loginWithStdin(env: Record<string, string>, password: string): Promise<void> {
  const result = await conn(['login', '--password-stdin'], { env, input: `${password}\n` });
  if (result.code !== 0) throw new Error(`conn login failed: ${result.stderr}`);
}
