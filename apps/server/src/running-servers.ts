import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** The folder of the data directory where each running server leaves a marker. */
const folder = 'running';

/** A server that marked a data directory as in use. */
export interface RunningServerMark {
  readonly host: string;
  readonly pid: number;
}

/**
 * Marks the data directory as used by this process until `release` runs, so
 * operator commands that must not run beside a server (restore, rotate-key)
 * can refuse. The marker is one empty file named after host and pid.
 *
 * @example
 * const release = await markServerRunning(config.dataDir);
 * process.once('exit', release);
 */
export async function markServerRunning(dataDir: string): Promise<() => Promise<void>> {
  const dir = join(dataDir, folder);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, `${hostname()}.${process.pid}`);
  await writeFile(file, '', { mode: 0o600 });
  return () => rm(file, { force: true });
}

/**
 * The servers using this data directory now. A marker from this host whose
 * process is gone (a killed server) is removed; one from another host is
 * believed, since its process cannot be checked from here.
 *
 * @example
 * const running = await runningServers(config.dataDir); // [{ host: 'box', pid: 4242 }]
 */
export async function runningServers(dataDir: string): Promise<RunningServerMark[]> {
  const dir = join(dataDir, folder);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const running: RunningServerMark[] = [];
  for (const name of names) {
    const at = name.lastIndexOf('.');
    const host = name.slice(0, at);
    const pid = Number(name.slice(at + 1));
    if (at <= 0 || !Number.isInteger(pid)) continue;
    if (host === hostname() && !isAlive(pid)) await rm(join(dir, name), { force: true });
    else running.push({ host, pid });
  }
  return running;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it just belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
