import { chmod, copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createVault, generatedKeyFileName, openStore, resolveKeyProvider } from '@conn/store';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FakeGithub,
  startFakeGithub,
} from '../../../packages/connectors/test/github/fake-github';
import { type Exchange, httpClient } from './http-client';
import { postgresTestUrl, serverDialects, startTestServer, type TestServer } from './test-server';
import { waitFor } from './wait-for';

// Made once by `scripts/make-upgrade-fixture.ts` from the server on main before the release round.
const fixtureDir = join(import.meta.dirname, 'fixtures/upgrade');
const fixture = JSON.parse(await readFile(join(fixtureDir, 'fixture.json'), 'utf8')) as {
  made_from: string;
  token: string;
  api_url: string;
  postgres_schema: string;
  sqlite: { active: string; draft: string };
  postgres: { active: string; draft: string };
};

/** Puts the old server's database and key file where a new server boots. */
async function loadFixture(target: { dataDir: string; schema: string | null }): Promise<void> {
  const key = join(target.dataDir, generatedKeyFileName);
  await copyFile(join(fixtureDir, 'credential.key'), key);
  await chmod(key, 0o600);
  if (target.schema === null) {
    await copyFile(join(fixtureDir, 'conn.sqlite'), join(target.dataDir, 'conn.sqlite'));
    return;
  }
  const dump = (await readFile(join(fixtureDir, 'postgres.sql'), 'utf8')).replaceAll(
    fixture.postgres_schema,
    target.schema,
  );
  const admin = new pg.Client({ connectionString: postgresTestUrl });
  await admin.connect();
  try {
    // The dump creates its schema itself.
    await admin.query(`drop schema ${target.schema} cascade`);
    await admin.query(dump);
  } finally {
    await admin.end();
  }
}

describe.each(await serverDialects())(
  'upgrade from %s made before the release round',
  (dialect) => {
    const ids = dialect === 'sqlite' ? fixture.sqlite : fixture.postgres;
    const seen: Exchange[] = [];
    let github: FakeGithub;
    let t: TestServer;
    let owner: string;
    let http: ReturnType<typeof httpClient>;

    beforeAll(async () => {
      github = await startFakeGithub({ token: fixture.token });
      t = await startTestServer({
        dialect,
        prepare: async (target) => {
          await loadFixture(target);
          // The fixture's GitHub fake is gone: point the connection's API URL at today's.
          const store = openStore({ url: target.databaseUrl, dataDir: target.dataDir });
          try {
            const rows = await store.db
              .selectFrom('connections')
              .select(['id', 'fields_json'])
              .execute();
            for (const row of rows) {
              await store.db
                .updateTable('connections')
                .set({ fields_json: row.fields_json.replaceAll(fixture.api_url, github.apiUrl) })
                .where('id', '=', row.id)
                .execute();
            }
          } finally {
            await store.close();
          }
        },
      });
      http = httpClient(t.url, seen);
      owner = await t.login();
    });

    afterAll(async () => {
      await t?.dispose();
      await github?.close();
    });

    it('migrates to the current schema and is ready', async () => {
      const ready = await http.call('GET', '/readyz');
      expect(ready.status).toBe(200);
    });

    it('keeps the owner, the active connection with its records, and the waiting draft', async () => {
      const active = await http.call('GET', `/v1/owner/connections/${ids.active}/setup-status`, {
        token: owner,
      });
      expect(active.json).toMatchObject({ setup_state: 'active', records_total: 7 });
      const draft = await http.call('GET', `/v1/owner/connections/${ids.draft}/setup-status`, {
        token: owner,
      });
      expect(draft.json.setup_state).toBe('awaiting_credential');
      const tokens = await http.call('GET', '/v1/owner/agent-tokens', { token: owner });
      expect(tokens.json.agent_tokens.map((token: { name: string }) => token.name)).toEqual([
        'assistant',
      ]);
    });

    it('opens every credential the old server sealed', async () => {
      const store = openStore({ url: t.databaseUrl, dataDir: t.dataDir });
      try {
        const { keys } = await resolveKeyProvider({ env: {}, dataDir: t.dataDir });
        const vault = createVault(keys);
        const rows = await store.db
          .selectFrom('credentials')
          .select(['connection_id', 'sealed'])
          .execute();
        expect(rows.map((row) => row.connection_id)).toEqual([ids.active]);
        for (const row of rows) {
          const opened = vault.openBundle(row.sealed, { connectionId: row.connection_id });
          expect(Object.values(opened).map((secret) => secret.reveal())).toEqual([fixture.token]);
        }
      } finally {
        await store.close();
      }
    });

    it('syncs the upgraded connection with its old credential, and schedules it from then on', async () => {
      const before = github.requests.length;
      const queued = await http.call('POST', `/v1/owner/connections/${ids.active}/sync`, {
        token: owner,
      });
      expect(queued.status).toBe(202);
      const status = await waitFor(
        () =>
          http.call('GET', `/v1/owner/connections/${ids.active}/setup-status`, { token: owner }),
        (r) => r.json.health?.last_success_at != null,
      );
      expect(github.requests.length).toBeGreaterThan(before);
      expect(status.json.setup_state).toBe('active');
      expect(status.json.health.next_sync_at).not.toBeNull();
      // Five repositories and two stars from before, and the profile today's collector adds.
      expect(status.json.records_total).toBe(8);
    });
  },
);
