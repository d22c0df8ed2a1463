import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';

/** Concurrent connections and seconds of every load run. */
export const CONNECTIONS = 64;
const DURATION_S = 5;

/** What one load run measured. */
export interface Load {
  rps: number;
  p99: number;
  errors: number;
}

const autocannonCli = createRequire(import.meta.url).resolve('autocannon');

/** Runs autocannon in its own process, so the load generator does not share the servers' event loop. */
export async function load(
  url: string,
  options: {
    method?: 'GET' | 'POST';
    headers?: Record<string, string>;
    body?: string;
    /** Requests per second offered in all (autocannon `-R`); unset, the load is closed-loop. */
    rate?: number;
  },
): Promise<Load> {
  const args = [
    autocannonCli,
    '-c',
    String(CONNECTIONS),
    '-d',
    String(DURATION_S),
    '-j',
    '-m',
    options.method ?? 'GET',
  ];
  for (const [name, value] of Object.entries(options.headers ?? {}))
    args.push('-H', `${name}=${value}`);
  if (options.body) args.push('-b', options.body);
  if (options.rate !== undefined) args.push('-R', String(options.rate));
  args.push(url);
  const { stdout } = await promisify(execFile)(process.execPath, args, {
    maxBuffer: 16 * 1024 * 1024,
  });
  const result = JSON.parse(stdout) as {
    requests: { average: number };
    latency: { p99: number };
    errors: number;
    non2xx: number;
  };
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}
