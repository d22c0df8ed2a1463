import Fastify from 'fastify';
import { type Load, load } from '../autocannon-load';
import type { BenchDatabase } from '../bench-database';
import { startBenchServer } from '../bench-server';
import { median } from '../median';
import type { BenchFigure } from '../report';

/** Interleaved bare/conn rounds; each figure is the median of the rounds (runs move ±35 % here). */
const ROUNDS = 5;
/**
 * The fixed offered rate the p99 bars are measured at (autocannon `-R`).
 * autocannon gives each of the 64 connections a budget of rate / 64 requests
 * per second, spent back to back from the start of each second, so the load
 * arrives as one closed-loop burst a second: the p99 is about 64 / capacity.
 */
const FIXED_RATE = 1000;

/**
 * Intents and setup-status under 64 connections closed-loop vs a bare Fastify
 * route returning a constant, round by round, and each route's p99 at a fixed
 * offered 1,000 req/s.
 */
export async function restSuite(options: { db: BenchDatabase }): Promise<BenchFigure[]> {
  const bare = Fastify({ logger: false });
  bare.get('/constant', async () => ({ status: 'ok' }));
  const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });
  const bench = await startBenchServer(options.db, 'conn-bench-rest-');
  const { server, auth } = bench;
  try {
    const id = await bench.draft();
    const routes = {
      intents: {
        url: `${server.url}/v1/owner/connections/intents`,
        method: 'POST' as const,
        headers: auth,
        body: JSON.stringify({ connector: 'codex' }),
      },
      status: { url: `${server.url}/v1/owner/connections/${id}/setup-status`, headers: auth },
    };
    const rounds: { baseline: Load; intents: Load; status: Load }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const baseline = await load(`${bareUrl}/constant`, {});
      const intents = await load(routes.intents.url, routes.intents);
      const status = await load(routes.status.url, routes.status);
      rounds.push({ baseline, intents, status });
      process.stderr.write(
        `bench: rest round ${round + 1}: bare ${Math.round(baseline.rps)}, intents ${Math.round(intents.rps)}, setup-status ${Math.round(status.rps)} req/s\n`,
      );
    }
    const fixedIntents = await load(routes.intents.url, { ...routes.intents, rate: FIXED_RATE });
    const fixedStatus = await load(routes.status.url, { ...routes.status, rate: FIXED_RATE });
    const fixedBare = await load(`${bareUrl}/constant`, { rate: FIXED_RATE });

    // PostgreSQL's bars (issue 15) allow for a round trip to another process per query.
    const ratioBar = options.db === 'postgres' ? 0.25 : 0.4;
    const p99Bar = options.db === 'postgres' ? 30 : 20;
    const bareRps = median(rounds.map((r) => r.baseline.rps));
    const figure = (name: string, of: 'intents' | 'status', fixed: Load): BenchFigure[] => {
      const ratio = median(rounds.map((r) => r[of].rps / r.baseline.rps));
      const errors = rounds.reduce((sum, r) => sum + r[of].errors, 0) + fixed.errors;
      return [
        {
          suite: 'rest',
          name: `${name} / bare Fastify route (64 connections, median of ${ROUNDS} rounds, ${options.db})`,
          measure: 'requests/s ratio',
          value: ratio,
          unit: '×',
          baseline: Math.round(bareRps),
          bar: `≥ ${ratioBar}×`,
          pass: ratio >= ratioBar && errors === 0,
        },
        {
          suite: 'rest',
          name: `${name} p99 latency at ${FIXED_RATE.toLocaleString('en-US')} req/s offered (${options.db})`,
          measure: 'p99',
          value: fixed.p99,
          unit: 'ms',
          baseline: fixedBare.p99,
          bar: `< ${p99Bar} ms`,
          pass: fixed.p99 < p99Bar && fixed.errors === 0,
        },
      ];
    };
    return [
      ...figure('POST intents', 'intents', fixedIntents),
      ...figure('GET setup-status', 'status', fixedStatus),
    ];
  } finally {
    await bench.dispose();
    await bare.close();
  }
}
