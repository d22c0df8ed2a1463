import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../src/open-store';
import { preparedInsert, preparedQuery } from '../src/prepared-query';
import type { Store } from '../src/store';
import { auditRow as audit } from './audit-row';
import { postgresTestUrl } from './dialects';

const auditOf = preparedQuery((db, actor: string) =>
  db.selectFrom('audit_events').selectAll().where('actor', '=', actor).orderBy('id'),
);
const insertAudit = preparedInsert('audit_events');

/** The named statements of the one backend a one-connection store talks to. */
async function namedOnBackend(store: Store) {
  const { rows } = await sql<{
    name: string;
    statement: string;
  }>`select name, statement from pg_prepared_statements order by name`.execute(store.db);
  return rows;
}

describe('repeated statements on postgres', () => {
  const schema = `conn_test_${randomBytes(8).toString('hex')}`;
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    const admin = new pg.Client({ connectionString: postgresTestUrl });
    await admin.connect();
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  });

  it('run as named prepared statements, and fall back to unnamed ones once a migration changes their columns', async () => {
    store = openStore({ url: postgresTestUrl, schema, maxConnections: 1 });
    await store.migrate();
    await insertAudit(store.db, [audit('aud_1', 'owner')]);
    await insertAudit(store.db, [audit('aud_2', 'owner')]);
    expect((await auditOf(store.db, 'owner')).map((row) => row.id)).toEqual(['aud_1', 'aud_2']);
    expect((await auditOf(store.db, 'nobody')).length).toBe(0);

    const named = await namedOnBackend(store);
    const select = named.filter((row) => /^select \* from "audit_events"/.test(row.statement));
    const insert = named.filter((row) => /^insert into "audit_events"/.test(row.statement));
    // One statement each, prepared once and run again: the name is kept per text.
    expect(select).toHaveLength(1);
    expect(insert).toHaveLength(1);
    expect(select[0]?.name).toMatch(/^conn_\d+$/);
    // Ad hoc texts stay unnamed.
    expect(named.some((row) => row.statement.includes('pg_prepared_statements'))).toBe(false);

    // A newer replica's migration adds a column: `select *` of the prepared statement changes shape.
    await sql`alter table audit_events add column later_column text`.execute(store.db);
    const after = await auditOf(store.db, 'owner');
    expect(after.map((row) => row.id)).toEqual(['aud_1', 'aud_2']);
    expect(after[0]).toHaveProperty('later_column', null);
    await insertAudit(store.db, [audit('aud_3', 'owner')]);
    expect((await auditOf(store.db, 'owner')).map((row) => row.id)).toEqual([
      'aud_1',
      'aud_2',
      'aud_3',
    ]);
  });
});
