import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { startServer } from '@conn/server';
import Fastify from 'fastify';
import type { BenchFigure } from '../report';

const CONNECTIONS = 64;
const DURATION_S = 5;

interface Load {
  rps: number;
  p99: number;
  errors: number;
}

const autocannonCli = createRequire(import.meta.url).resolve('autocannon');

/** Runs autocannon in its own process, so the load generator does not share the servers' event loop. */
async function load(
  url: string,
  options: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string },
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

/** Intents and setup-status under 64 connections vs a bare Fastify route returning a constant. */
export async function restSuite(): Promise<BenchFigure[]> {
  const bare = Fastify({ logger: false });
  bare.get('/constant', async () => ({ status: 'ok' }));
  const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });
  const dataDir = await mkdtemp(join(tmpdir(), 'conn-bench-rest-'));
  const server = await startServer({
    env: {
      CONN_DATA_DIR: dataDir,
      CONN_PORT: '0',
      CONN_OWNER_PASSWORD: 'benchmark-owner-password',
      CONN_LOG_LEVEL: 'warn',
    },
    announce: () => {},
    logStream: new Writable({ write: (_c, _e, done) => done() }),
  });
  try {
    const login = await fetch(`${server.url}/v1/owner/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'benchmark-owner-password', mode: 'token' }),
    });
    const { session_token: token } = (await login.json()) as { session_token: string };
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const draft = await fetch(`${server.url}/v1/owner/connections/drafts`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ connector: 'github', fields: {} }),
    });
    const { connection_id: id } = (await draft.json()) as { connection_id: string };

    const baseline = await load(`${bareUrl}/constant`, {});
    const intents = await load(`${server.url}/v1/owner/connections/intents`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ connector: 'codex' }),
    });
    const status = await load(`${server.url}/v1/owner/connections/${id}/setup-status`, {
      headers: auth,
    });
    const figure = (name: string, measured: Load): BenchFigure[] => [
      {
        suite: 'rest',
        name: `${name} / bare Fastify route (64 connections)`,
        measure: 'requests/s ratio',
        value: measured.rps / baseline.rps,
        unit: '×',
        baseline: Math.round(baseline.rps),
        bar: '≥ 0.4×',
        pass: measured.rps / baseline.rps >= 0.4 && measured.errors === 0,
      },
      {
        suite: 'rest',
        name: `${name} p99 latency`,
        measure: 'p99',
        value: measured.p99,
        unit: 'ms',
        baseline: baseline.p99,
        bar: '< 20 ms',
        pass: measured.p99 < 20,
      },
    ];
    return [...figure('POST intents', intents), ...figure('GET setup-status', status)];
  } finally {
    await server.close();
    await bare.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
