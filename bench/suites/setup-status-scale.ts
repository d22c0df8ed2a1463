import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBundledRegistry } from '@conn/connectors';
import { createServices } from '@conn/services';
import { createVault, openStore } from '@conn/store';
import Database from 'better-sqlite3';
import type { BenchFigure } from '../report';

const READS = 3_000;

/** Seeds `connections` active GitHub connections with `runsPer` finished runs each, straight into SQLite. */
function seed(path: string, connections: number, runsPer: number): void {
  const db = new Database(path);
  const now = Date.parse('2030-01-01T00:00:00Z');
  const insertConnection = db.prepare(
    `insert into connections (id, owner_id, connector, modality, status, label, account_id, account_label, fields_json,
       source_binding, unproven, expires_at, retired_at, retired_reason, activated_at, revoked_at, created_at, updated_at)
     values (?, 'own_bench', 'github', 'static_secret', 'active', ?, null, null, '{}', null, 0, null, null, null, ?, null, ?, ?)`,
  );
  const insertRun = db.prepare(
    `insert into runs (id, connection_id, kind, status, stage, records_accepted, records_rejected, error_code, error_message,
       payload_json, claimed_by, claimed_at, heartbeat_at, attempts, created_at, started_at, finished_at)
     values (?, ?, 'sync', 'succeeded', 'done', 10, 0, null, null, '{}', null, null, null, 1, ?, ?, ?)`,
  );
  db.transaction(() => {
    db.prepare(
      `insert into owners (id, password_hash, created_at) values ('own_bench', 'x', ?)`,
    ).run(new Date(now).toISOString());
    for (let c = 0; c < connections; c++) {
      const stamp = new Date(now + c).toISOString();
      insertConnection.run(`con_${c}`, `account ${c}`, stamp, stamp, stamp);
      for (let r = 0; r < runsPer; r++) {
        const at = new Date(now + c * runsPer + r).toISOString();
        insertRun.run(`run_${c}_${r}`, `con_${c}`, at, at, at);
      }
    }
  })();
  db.close();
}

async function meanStatusReadMs(
  dir: string,
  connections: number,
  runsPer: number,
): Promise<number> {
  const store = openStore({ url: `scale-${connections}.sqlite`, dataDir: dir });
  await store.migrate();
  seed(join(dir, `scale-${connections}.sqlite`), connections, runsPer);
  const services = createServices({
    store,
    vault: createVault(null),
    registry: createBundledRegistry(),
    deployment: { credential_key_provider: null, provider_apps: [], public_origin: null },
  });
  for (let i = 0; i < 200; i++)
    await services.getSetupStatus('own_bench', `con_${(i * 7919) % connections}`);
  const started = performance.now();
  for (let i = 0; i < READS; i++)
    await services.getSetupStatus('own_bench', `con_${(i * 104_729) % connections}`);
  const ms = (performance.now() - started) / READS;
  await store.close();
  return ms;
}

/** setup-status at 100,000 connections / 1,000,000 runs vs at 1,000 connections (bar: ≤ 1.5× the time). */
export async function setupStatusScaleSuite(): Promise<BenchFigure[]> {
  const dir = await mkdtemp(join(tmpdir(), 'conn-bench-scale-'));
  try {
    const small = await meanStatusReadMs(dir, 1_000, 10);
    const large = await meanStatusReadMs(dir, 100_000, 10);
    const ratio = large / small;
    return [
      {
        suite: 'setup-status',
        name: 'read at 100,000 connections / 1,000,000 runs vs at 1,000',
        measure: 'time ratio',
        value: ratio,
        unit: '×',
        baseline: small,
        bar: '≤ 1.5×',
        pass: ratio <= 1.5,
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
