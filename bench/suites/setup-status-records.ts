import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBundledRegistry } from '@conn/connectors';
import { createServices } from '@conn/services';
import { createVault, openStore } from '@conn/store';
import Database from 'better-sqlite3';
import type { BenchFigure } from '../report';

const SMALL = 1_000;
const LARGE = 1_000_000;
const ROUNDS = 5;
const READS_PER_ROUND = 400;

/**
 * Seeds one active GitHub connection holding `records` records in one stream,
 * straight into SQLite in one transaction of prepared inserts (1M rows in
 * seconds), with the count row the store's writer keeps alongside them.
 */
function seed(db: Database.Database, connectionId: string, records: number): void {
  const at = '2030-01-01T00:00:00.000Z';
  const insertRecord = db.prepare(
    `insert into records (connection_id, stream, record_key, data_json, run_id, created_at, updated_at)
     values (?, 'repositories', ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    db.prepare(
      `insert into connections (id, owner_id, connector, modality, status, label, account_id, account_label, fields_json,
         source_binding, unproven, expires_at, retired_at, retired_reason, activated_at, revoked_at, created_at, updated_at)
       values (?, 'own_bench', 'github', 'static_secret', 'active', ?, null, null, '{}', null, 0, null, null, null, ?, null, ?, ?)`,
    ).run(connectionId, connectionId, at, at, at);
    db.prepare(
      `insert into runs (id, connection_id, kind, status, stage, records_accepted, records_rejected, error_code, error_message,
         payload_json, claimed_by, claimed_at, heartbeat_at, attempts, created_at, started_at, finished_at)
       values (?, ?, 'sync', 'succeeded', 'done', ?, 0, null, null, '{}', null, null, null, 1, ?, ?, ?)`,
    ).run(`run_${connectionId}`, connectionId, records, at, at, at);
    for (let i = 0; i < records; i++) {
      insertRecord.run(connectionId, String(i), `{"id":${i}}`, `run_${connectionId}`, at, at);
    }
    db.prepare(
      `insert into record_counts (connection_id, stream, records) values (?, 'repositories', ?)`,
    ).run(connectionId, records);
  })();
}

/** Mean milliseconds of `reads` setup-status reads of one connection. */
async function meanReadMs(
  read: (connectionId: string) => Promise<unknown>,
  connectionId: string,
  reads: number,
): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < reads; i++) await read(connectionId);
  return (performance.now() - started) / reads;
}

/**
 * setup-status of a connection holding 1,000,000 records vs one holding 1,000,
 * in the same store and run (bar: ≤ 1.2× the time): the median of interleaved
 * rounds, so machine noise falls on both sides alike.
 */
export async function setupStatusRecordsSuite(): Promise<BenchFigure[]> {
  const dir = await mkdtemp(join(tmpdir(), 'conn-bench-records-'));
  const store = openStore({ url: 'records.sqlite', dataDir: dir });
  try {
    await store.migrate();
    const db = new Database(join(dir, 'records.sqlite'));
    db.prepare(
      `insert into owners (id, password_hash, created_at) values ('own_bench', 'x', ?)`,
    ).run('2030-01-01T00:00:00.000Z');
    const seedStarted = performance.now();
    seed(db, 'con_small', SMALL);
    seed(db, 'con_large', LARGE);
    db.close();
    process.stderr.write(
      `bench: seeded ${(SMALL + LARGE).toLocaleString('en-US')} records in ${Math.round(performance.now() - seedStarted)} ms\n`,
    );
    const services = createServices({
      store,
      vault: createVault(null),
      registry: createBundledRegistry(),
      deployment: { credential_key_provider: null, provider_apps: [], public_origin: null },
    });
    const read = (connectionId: string) => services.getSetupStatus('own_bench', connectionId);
    const [small, large] = await Promise.all([read('con_small'), read('con_large')]);
    if (small.records_total !== SMALL || large.records_total !== LARGE) {
      throw new Error(
        `setup-status counts ${small.records_total} / ${large.records_total} records, not ${SMALL} / ${LARGE}`,
      );
    }
    await meanReadMs(read, 'con_small', 200);
    await meanReadMs(read, 'con_large', 20);
    const ratios: number[] = [];
    const smallMs: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const smallRound = await meanReadMs(read, 'con_small', READS_PER_ROUND);
      const largeRound = await meanReadMs(read, 'con_large', READS_PER_ROUND);
      smallMs.push(smallRound);
      ratios.push(largeRound / smallRound);
    }
    const ratio = median(ratios);
    return [
      {
        suite: 'setup-status',
        name: 'read of a connection with 1,000,000 records vs one with 1,000',
        measure: 'time ratio',
        value: ratio,
        unit: '×',
        baseline: median(smallMs),
        bar: '≤ 1.2×',
        pass: ratio <= 1.2,
      },
    ];
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
