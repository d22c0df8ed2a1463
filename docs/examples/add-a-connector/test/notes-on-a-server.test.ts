import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { bundledConnectors, ConnectorRegistry } from '@conn/connectors';
import { type ConnApiError, ConnClient } from '@conn/sdk';
import { type RunningServer, startServer } from '@conn/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notesConnector } from '../src/index';
import { type FakeNotesApi, startFakeNotesApi } from './fake-notes-api';

// The connector reaches a server through the registry alone: no REST, SDK, CLI or console change.
describe('the worked example connector on a real server', () => {
  const password = 'owner-password-for-the-example';
  let api: FakeNotesApi;
  let dataDir: string;
  let server: RunningServer;
  let owner: ConnClient;

  beforeAll(async () => {
    api = await startFakeNotesApi({ token: 'notes-token', notes: 5 });
    dataDir = await mkdtemp(join(tmpdir(), 'conn-example-'));
    server = await startServer({
      env: { CONN_DATA_DIR: dataDir, CONN_PORT: '0', CONN_OWNER_PASSWORD: password },
      registry: ConnectorRegistry.from([...bundledConnectors, notesConnector]),
      announce: () => {},
      logStream: new Writable({ write: (_chunk, _encoding, done) => done() }),
    });
    const client = new ConnClient({ baseUrl: server.url });
    owner = client.withToken(await client.login(password));
  });

  afterAll(async () => {
    await server?.close();
    await api?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is in the catalog, planned from its manifest like every bundled connector', async () => {
    const plan = await owner.plan('notes');
    expect(plan.modality).toBe('static_secret');
    expect(plan.validation_mode).toBe('synchronous');
    expect(plan.streams.map((stream) => stream.name)).toEqual(['notes', 'account']);
  });

  it('refuses a wrong token, then turns active with the account and every note', async () => {
    const draft = await owner.createDraft({ connector: 'notes', fields: { api_url: api.url } });
    await expect(
      owner.submitCredential(draft.connection_id, { token: 'wrong' }),
    ).rejects.toMatchObject({
      code: 'credential_rejected',
    } satisfies Partial<ConnApiError>);
    const retry = await owner.createDraft({ connector: 'notes', fields: { api_url: api.url } });
    const captured = await owner.submitCredential(retry.connection_id, { token: 'notes-token' });
    expect(captured.account?.label).toBe('ada');
    // Active from the first stored record (the proof boundary); the first sync goes on to the end.
    const active = await owner.waitForActive(retry.connection_id);
    expect(active.setup_state).toBe('active');
    await expect
      .poll(async () => (await owner.runs(retry.connection_id)).items[0]?.status)
      .toBe('succeeded');
    expect((await owner.setupStatus(retry.connection_id)).records_total).toBe(6);
    const notes = await owner.records(retry.connection_id, { stream: 'notes' });
    expect(notes.items.map((record) => (record.data as { title: string }).title)).toContain(
      'Note 5',
    );
  });
});
