import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzServer } from './fuzz/fuzz-server';
import { type FuzzTarget, prepareFuzzTarget } from './fuzz/fuzz-target';
import { serverDialects, startTestServer, type TestServer } from './test-server';

/**
 * The `fuzz` suite, seeded and bounded for CI: fast-check over every route of
 * the contract's route table (bodies, params, query, headers) and raw bytes
 * on the socket, against a real server on each database. `pnpm bench fuzz`
 * runs the same cases at ≥ 10,000 per database.
 */
const numRuns = Number(process.env.CONN_FUZZ_RUNS ?? 300);
const seed = Number(process.env.CONN_FUZZ_SEED ?? 14);

/** Probes, token exchanges and webhook deliveries get a refusal at once: no case leaves the machine. */
const refusingFetch = async () => new Response('{"message":"fuzz"}', { status: 401 });

describe.each(await serverDialects())('fuzz (%s)', (dialect) => {
  let t: TestServer;
  let target: FuzzTarget;

  beforeAll(async () => {
    t = await startTestServer({
      dialect,
      fetch: refusingFetch,
      // No sweep during the run: its writes would be taken for a refused case's.
      timings: { pollMs: 25, staleAfterMs: 60_000, sweepMs: 3_600_000 },
      // Webhooks aimed at loopback, so registering one needs no DNS; deliveries meet refusingFetch.
      env: { CONN_WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' },
    });
    target = await prepareFuzzTarget(t);
  });
  afterAll(async () => {
    await target?.close();
    await t?.dispose();
  });

  it(`${numRuns} seeded cases: no 5xx, no stack, one error shape for every 4xx, no write on a 4xx`, async () => {
    const run = await fuzzServer(target, { numRuns, seed });
    console.info(
      `[fuzz ${dialect}] ${run.cases} cases, ${run.findings.length} findings`,
      run.statuses,
    );
    expect(run.cases).toBe(numRuns);
    expect(run.findings).toEqual([]);
    // The cases got past the front door: some succeeded and some were refused.
    expect(run.statuses['2xx'] ?? 0).toBeGreaterThan(0);
    expect(run.statuses['4xx'] ?? 0).toBeGreaterThan(0);
  }, 120_000);
});
