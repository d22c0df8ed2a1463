import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBundledRegistry } from '@conn/connectors';
import { createServices } from '@conn/services';
import { createVault, newId, openStore } from '@conn/store';
import Database from 'better-sqlite3';
import type { BenchFigure } from '../report';

const RECORDS = 100_000;
const BATCH = 1_000;

function repository(i: number) {
  return {
    id: i,
    full_name: `owner/repo-${i}`,
    private: false,
    description: `Repository number ${i}`,
    language: 'TypeScript',
    stargazers_count: i % 97,
  };
}

/** Raw baseline: one prepared insert per record inside one transaction. */
function rawInsert(path: string): number {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.exec(
    'create table records (id integer primary key, connection_id text, stream text, record_key text, data_json text, unique (connection_id, stream, record_key))',
  );
  const insert = db.prepare(
    'insert into records (connection_id, stream, record_key, data_json) values (?, ?, ?, ?)',
  );
  const started = performance.now();
  db.transaction(() => {
    for (let i = 0; i < RECORDS; i++)
      insert.run('con_raw', 'repositories', String(i), JSON.stringify(repository(i)));
  })();
  const ms = performance.now() - started;
  db.close();
  return ms;
}

/** 100,000 records through `ingestRecords` (the collector path) in batches of 1,000, vs the raw loop. */
export async function ingestSuite(): Promise<BenchFigure[]> {
  const dir = await mkdtemp(join(tmpdir(), 'conn-bench-ingest-'));
  try {
    const rawMs = rawInsert(join(dir, 'raw.sqlite'));
    const store = openStore({ url: 'conn.sqlite', dataDir: dir });
    await store.migrate();
    const services = createServices({
      store,
      vault: createVault(null),
      registry: createBundledRegistry(),
      deployment: { credential_key_provider: null, provider_apps: [], public_origin: null },
    });
    const now = new Date().toISOString();
    const connectionId = newId('con');
    await store.db
      .insertInto('owners')
      .values({ id: 'own_bench', password_hash: 'x', created_at: now })
      .execute();
    await store.db
      .insertInto('connections')
      .values({
        id: connectionId,
        owner_id: 'own_bench',
        connector: 'github',
        modality: 'static_secret',
        status: 'active',
        label: 'bench',
        account_id: null,
        account_label: null,
        fields_json: '{}',
        source_binding: null,
        unproven: 0,
        expires_at: null,
        retired_at: null,
        retired_reason: null,
        activated_at: now,
        revoked_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const started = performance.now();
    for (let offset = 0; offset < RECORDS; offset += BATCH) {
      const records = Array.from({ length: BATCH }, (_, i) => repository(offset + i));
      await services.ingestRecords({ connectionId, stream: 'repositories', records });
    }
    const connMs = performance.now() - started;
    await store.close();
    const rawRate = (RECORDS * 1000) / rawMs;
    const connRate = (RECORDS * 1000) / connMs;
    const ratio = connRate / rawRate;
    return [
      {
        suite: 'ingest',
        name: '100,000 records in batches of 1,000 (SQLite) / raw prepared insert loop',
        measure: 'records/s ratio',
        value: ratio,
        unit: '×',
        baseline: Math.round(rawRate),
        bar: '≥ 0.5×',
        pass: ratio >= 0.5,
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
