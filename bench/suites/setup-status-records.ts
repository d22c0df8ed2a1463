import { join } from 'node:path';
import { CONNECTIONS, type Load, load } from '../autocannon-load';
import type { BenchDatabase } from '../bench-database';
import { startBenchServer } from '../bench-server';
import { seedRecords } from '../fixtures/seed-records';
import { median } from '../median';
import type { BenchFigure } from '../report';

const SMALL = 1_000;
const LARGE = 1_000_000;
const PAIRS = 5;

/**
 * `GET …/setup-status` of a connection holding 1,000,000 records vs one
 * holding 1,000, on one server in the same run (bar: ≤ 1.2× the requests/s):
 * the median of interleaved pairs, so machine noise falls on both
 * sides alike. The records are seeded straight into the server's database.
 */
export async function setupStatusRecordsSuite(options: {
  db: BenchDatabase;
}): Promise<BenchFigure[]> {
  const bench = await startBenchServer(options.db, 'conn-bench-records-');
  const { server, dataDir } = bench;
  try {
    const { auth, draft } = bench;
    const smallId = await draft();
    const largeId = await draft();
    const target = bench.postgresUrl
      ? { postgresUrl: bench.postgresUrl }
      : { sqlitePath: join(dataDir, 'conn.sqlite') };
    const seedStarted = performance.now();
    await seedRecords(target, smallId, 'repositories', SMALL);
    await seedRecords(target, largeId, 'repositories', LARGE);
    process.stderr.write(
      `bench: seeded ${(SMALL + LARGE).toLocaleString('en-US')} records in ${Math.round(performance.now() - seedStarted)} ms\n`,
    );
    // SQLite's seed held this event loop: let the server close the sockets it timed out meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const statusUrl = async (id: string, records: number) => {
      const url = `${server.url}/v1/owner/connections/${id}/setup-status`;
      const status = (await (await fetch(url, { headers: auth })).json()) as {
        records_total: number;
      };
      if (status.records_total !== records) {
        throw new Error(`setup-status counts ${status.records_total} records, not ${records}`);
      }
      return url;
    };
    const smallUrl = await statusUrl(smallId, SMALL);
    const largeUrl = await statusUrl(largeId, LARGE);

    const pairs: { small: Load; large: Load }[] = [];
    for (let pair = 0; pair < PAIRS; pair++) {
      const small = await load(smallUrl, { headers: auth });
      const large = await load(largeUrl, { headers: auth });
      pairs.push({ small, large });
      process.stderr.write(
        `bench: setup-status ${Math.round(small.rps)} req/s at ${SMALL.toLocaleString('en-US')} records, ${Math.round(large.rps)} at ${LARGE.toLocaleString('en-US')}\n`,
      );
    }
    const errors = pairs.reduce((sum, p) => sum + p.small.errors + p.large.errors, 0);
    const rpsRatio = median(pairs.map((p) => p.small.rps / p.large.rps));
    const name = `GET setup-status of a connection with 1,000,000 records vs one with 1,000 (${CONNECTIONS} connections, ${options.db})`;
    return [
      {
        suite: 'setup-status',
        name,
        measure: 'requests/s ratio (1,000 / 1,000,000)',
        value: rpsRatio,
        unit: '×',
        baseline: Math.round(median(pairs.map((p) => p.small.rps))),
        bar: '≤ 1.2×',
        pass: rpsRatio <= 1.2 && errors === 0,
      },
    ];
  } finally {
    await bench.dispose();
  }
}
