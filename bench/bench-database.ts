import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Which database a suite's server runs on: `pnpm bench rest --db postgres`. */
export type BenchDatabase = 'sqlite' | 'postgres';

/** The PostgreSQL the benchmarks use; override with CONN_BENCH_POSTGRES_URL. */
const postgresUrl =
  process.env.CONN_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh schema for one run (its URL for `CONN_DATABASE_URL`) and a way to drop it. */
export async function freshPostgresSchema(): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `conn_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  try {
    await admin.query(`create schema ${schema}`);
  } finally {
    await admin.end();
  }
  return {
    url: `${postgresUrl}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: postgresUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
