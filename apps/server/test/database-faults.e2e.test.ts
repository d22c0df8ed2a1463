import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { ConnApiError, ConnClient } from '@conn/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../src/free-port';
import { startTestServer, type TestServer } from './test-server';

const run = promisify(execFile);
const version = '15';

/**
 * The `database-faults` suite: a PostgreSQL cluster of the test's own (never
 * the shared server), stopped and started under a conn-server that keeps
 * running: 503 `database_unavailable` while it is down, service again once it
 * is back without restarting conn, and every acknowledged write kept once.
 */
describe('a PostgreSQL server that goes away and comes back', () => {
  const cluster = `connfault${randomBytes(4).toString('hex')}`;
  let port: number;
  let t: TestServer;
  let owner: ConnClient;

  const ctl = (action: 'start' | 'stop') =>
    run('pg_ctlcluster', [version, cluster, action, ...(action === 'stop' ? ['-m', 'fast'] : [])]);

  beforeAll(async () => {
    port = await freePort('127.0.0.1');
    await run('pg_createcluster', [version, cluster, '-p', String(port), '--', '--auth=trust']);
    await ctl('start');
    t = await startTestServer({
      dialect: 'sqlite',
      env: { CONN_DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/postgres` },
    });
    owner = new ConnClient({ baseUrl: t.url, token: await t.login() });
  }, 120_000);
  afterAll(async () => {
    await t?.dispose();
    await run('pg_dropcluster', [version, cluster, '--stop']).catch(() => {});
  });

  it('answers 503 while it is down, recovers by itself, and loses or doubles nothing', async () => {
    const acknowledged: string[] = [];
    const refusals: Array<{ status: number; code: string }> = [];
    const write = async () => {
      try {
        acknowledged.push(
          (await owner.createDraft({ connector: 'github', fields: {} })).connection_id,
        );
      } catch (error) {
        if (!(error instanceof ConnApiError)) throw error;
        refusals.push({ status: error.status, code: error.code });
      }
    };
    for (let i = 0; i < 5; i++) await write();
    expect(acknowledged).toHaveLength(5);

    await ctl('stop');
    for (let i = 0; i < 5; i++) await write();
    const ready = await fetch(`${t.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { error: { code: string } }).error.code).toBe(
      'database_unavailable',
    );
    expect(refusals.length).toBeGreaterThan(0);
    expect(new Set(refusals.map((r) => `${r.status} ${r.code}`))).toEqual(
      new Set(['503 database_unavailable']),
    );

    await ctl('start');
    const deadline = Date.now() + 20_000;
    while ((await fetch(`${t.url}/readyz`)).status !== 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect((await fetch(`${t.url}/readyz`)).status).toBe(200);
    for (let i = 0; i < 5; i++) await write();
    expect(acknowledged.length).toBe(15 - refusals.length);

    // Every acknowledged draft exists exactly once; nothing refused was written.
    const listed = new Set<string>();
    let cursor: string | null = null;
    do {
      const page = await owner.connections({ includePending: true, cursor });
      for (const item of page.items) listed.add(item.connection_id);
      cursor = page.next_cursor;
    } while (cursor !== null);
    expect([...listed].sort()).toEqual([...acknowledged].sort());
    expect(t.logs.join('')).not.toContain('"level":50');
  }, 120_000);
});
