import Fastify from 'fastify';
import { type Load, load } from '../autocannon-load';
import type { BenchDatabase } from '../bench-database';
import { startBenchServer } from '../bench-server';
import type { BenchFigure } from '../report';

/** Intents and setup-status under 64 connections vs a bare Fastify route returning a constant. */
export async function restSuite(options: { db: BenchDatabase }): Promise<BenchFigure[]> {
  const bare = Fastify({ logger: false });
  bare.get('/constant', async () => ({ status: 'ok' }));
  const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });
  const bench = await startBenchServer(options.db, 'conn-bench-rest-');
  const { server, auth } = bench;
  try {
    const id = await bench.draft();

    const baseline = await load(`${bareUrl}/constant`, {});
    const intents = await load(`${server.url}/v1/owner/connections/intents`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ connector: 'codex' }),
    });
    const status = await load(`${server.url}/v1/owner/connections/${id}/setup-status`, {
      headers: auth,
    });
    // PostgreSQL's bars (issue 15) allow for a round trip to another process per query.
    const ratioBar = options.db === 'postgres' ? 0.25 : 0.4;
    const p99Bar = options.db === 'postgres' ? 30 : 20;
    const figure = (name: string, measured: Load): BenchFigure[] => [
      {
        suite: 'rest',
        name: `${name} / bare Fastify route (64 connections, ${options.db})`,
        measure: 'requests/s ratio',
        value: measured.rps / baseline.rps,
        unit: '×',
        baseline: Math.round(baseline.rps),
        bar: `≥ ${ratioBar}×`,
        pass: measured.rps / baseline.rps >= ratioBar && measured.errors === 0,
      },
      {
        suite: 'rest',
        name: `${name} p99 latency (${options.db})`,
        measure: 'p99',
        value: measured.p99,
        unit: 'ms',
        baseline: baseline.p99,
        bar: `< ${p99Bar} ms`,
        pass: measured.p99 < p99Bar,
      },
    ];
    return [...figure('POST intents', intents), ...figure('GET setup-status', status)];
  } finally {
    await bench.dispose();
    await bare.close();
  }
}
