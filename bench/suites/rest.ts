import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { startServer } from '@conn/server';
import Fastify from 'fastify';
import { type Load, load } from '../autocannon-load';
import type { BenchFigure } from '../report';

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
