import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { startServer } from '@conn/server';
import { CONNECTIONS, type Load, load } from '../autocannon-load';
import { type BenchDatabase, freshPostgresSchema } from '../bench-database';
import { seedRecords } from '../fixtures/seed-records';
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
  const dataDir = await mkdtemp(join(tmpdir(), 'conn-bench-records-'));
  const postgres = options.db === 'postgres' ? await freshPostgresSchema() : undefined;
  const server = await startServer({
    env: {
      CONN_DATA_DIR: dataDir,
      CONN_PORT: '0',
      CONN_OWNER_PASSWORD: 'benchmark-owner-password',
      CONN_LOG_LEVEL: 'warn',
      ...(postgres ? { CONN_DATABASE_URL: postgres.url } : {}),
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
    const draft = async () => {
      const response = await fetch(`${server.url}/v1/owner/connections/drafts`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ connector: 'github', fields: {} }),
      });
      return ((await response.json()) as { connection_id: string }).connection_id;
    };
    const smallId = await draft();
    const largeId = await draft();
    const target = postgres
      ? { postgresUrl: postgres.url }
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
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
    await postgres?.drop();
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
