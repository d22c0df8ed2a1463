import { type FuzzFinding, fuzzServer } from '../../apps/server/test/fuzz/fuzz-server';
import { prepareFuzzTarget } from '../../apps/server/test/fuzz/fuzz-target';
import { serverDialects, startTestServer } from '../../apps/server/test/test-server';
import type { BenchFigure } from '../report';

/** Cases per database; the bar is 10,000. `CONN_FUZZ_RUNS` and `CONN_FUZZ_SEED` override. */
const CASES = Number(process.env.CONN_FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.CONN_FUZZ_SEED ?? Date.now() % 1_000_000);

/** Probes, token exchanges and webhook deliveries are refused at once: no case leaves the machine. */
const refusingFetch = async () => new Response('{"message":"fuzz"}', { status: 401 });

/**
 * The `fuzz` suite at full size: the CI suite's cases (every contract route's
 * bodies, params, query and headers, and raw bytes on the socket) against a
 * real conn-server on each database, reporting how many ran and what broke a
 * property (a 5xx, a stack, a 4xx outside the one error shape, a write on a 4xx).
 */
export async function fuzzSuite(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  for (const dialect of await serverDialects()) {
    const t = await startTestServer({
      dialect,
      fetch: refusingFetch,
      // No sweep during the run: its writes would be taken for a refused case's.
      timings: { pollMs: 25, staleAfterMs: 60_000, sweepMs: 3_600_000 },
      env: { CONN_WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', CONN_LOG_LEVEL: 'warn' },
    });
    const target = await prepareFuzzTarget(t);
    try {
      const started = Date.now();
      const run = await fuzzServer(target, { numRuns: CASES, seed: SEED });
      const seconds = (Date.now() - started) / 1000;
      process.stderr.write(
        `bench: fuzz ${dialect}: ${run.cases} cases (seed ${SEED}) in ${seconds.toFixed(0)} s, ${run.findings.length} findings, statuses ${JSON.stringify(run.statuses)}\n`,
      );
      for (const finding of distinct(run.findings).slice(0, 20))
        process.stderr.write(
          `  ${finding.problem}: ${finding.request} → ${finding.status} ${finding.body}\n`,
        );
      figures.push(
        {
          suite: 'fuzz',
          name: `cases (${dialect}, seed ${SEED})`,
          measure: 'fuzz cases run against one server',
          value: run.cases,
          unit: 'cases',
          baseline: null,
          bar: '≥ 10,000',
          pass: run.cases >= 10_000,
        },
        {
          suite: 'fuzz',
          name: `findings (${dialect})`,
          measure: 'cases that broke a property',
          value: run.findings.length,
          unit: 'findings',
          baseline: null,
          bar: '0',
          pass: run.findings.length === 0,
        },
      );
    } finally {
      await target.close();
      await t.dispose();
    }
  }
  return figures;
}

/** One finding per problem and route, so a flood of one kind does not hide the others. */
function distinct(findings: readonly FuzzFinding[]): FuzzFinding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = `${finding.problem} ${finding.request.split('?')[0]?.slice(0, 60)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
