import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FakeGithub,
  startFakeGithub,
} from '../../../packages/connectors/test/github/fake-github';
import { zipBuffer } from '../../../packages/connectors/test/whatsapp/zip-fixture';
import { httpClient } from './http-client';
import { serverDialects, startTestServer, type TestServer } from './test-server';
import { waitFor } from './wait-for';

const TOKEN = 'ghp_ownerDataT0kenNeverLeaves0000000000001';

const whatsappFixtures = fileURLToPath(
  new URL('../../../packages/connectors/test/fixtures/whatsapp', import.meta.url),
);

/** Every file path under `root`, relative to it. */
async function filesUnder(root: string): Promise<string[]> {
  if (!existsSync(root)) return [];
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1));
}

describe.each(await serverDialects())('owner control of the data over REST (%s)', (dialect) => {
  let t: TestServer;
  let http: ReturnType<typeof httpClient>;
  let owner: string;
  let agent: string;
  let teamZip: Buffer;
  let familyTxt: Buffer;
  let github: FakeGithub;

  beforeAll(async () => {
    // A slow provider: 30 pages of 2 repositories, 150 ms each, so a sync is caught running.
    github = await startFakeGithub({
      token: TOKEN,
      repositoryPages: Array(30).fill(2),
      pageDelayMs: 150,
    });
    t = await startTestServer({ dialect });
    http = httpClient(t.url);
    owner = await t.login();
    agent = (
      await http.call('POST', '/v1/owner/agent-tokens', {
        token: owner,
        body: { name: 'assistant' },
      })
    ).json.token;
    const team = join(whatsappFixtures, 'android-zip');
    teamZip = await zipBuffer([
      {
        name: 'WhatsApp Chat with Team.txt',
        data: await readFile(join(team, 'WhatsApp Chat with Team.txt')),
      },
      {
        name: 'IMG-20240105-WA0001.jpg',
        data: await readFile(join(team, 'IMG-20240105-WA0001.jpg')),
      },
    ]);
    familyTxt = await readFile(
      join(whatsappFixtures, 'android-txt', 'WhatsApp Chat with Family.txt'),
    );
  });
  afterAll(async () => {
    await t?.dispose();
    await github?.close();
  });

  /** Uploads a file and imports it as a new source; resolves the source once its import ended. */
  async function importNew(fileName: string, body: Buffer) {
    const uploaded = await fetch(`${t.url}/v1/owner/uploads?connector=whatsapp`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${owner}`,
        'content-type': 'application/octet-stream',
        'x-conn-file-name': encodeURIComponent(fileName),
      },
      body: new Uint8Array(body),
    });
    const artifact = (await uploaded.json()) as { id: string; status: string };
    expect(artifact.status).toBe('staged');
    const queued = await http.call('POST', '/v1/owner/uploads/import', {
      token: owner,
      body: { artifact_ids: [artifact.id], target: { new: {} } },
    });
    expect(queued.status).toBe(202);
    const id: string = queued.json.connection_id;
    const settled = await waitFor(
      () => http.call('GET', `/v1/owner/connections/${id}/setup-status`, { token: owner }),
      (answer) => answer.json?.run?.status === 'succeeded',
    );
    return { id, runId: settled.json.run.id as string, label: settled.json.label as string };
  }

  it('undoes an import (owner session only), once, and its media go with it', async () => {
    const blobsBefore = await filesUnder(join(t.dataDir, 'blobs'));
    const team = await importNew('WhatsApp Chat with Team.zip', teamZip);
    expect((await filesUnder(join(t.dataDir, 'blobs'))).length).toBeGreaterThan(blobsBefore.length);
    const path = `/v1/owner/connections/${team.id}/runs/${team.runId}/undo`;

    const byAgent = await http.call('POST', path, { token: agent });
    expect(byAgent.status).toBe(403);
    expect(byAgent.json.error.code).toBe('owner_session_required');

    const undone = await http.call('POST', path, { token: owner });
    expect(undone.status).toBe(200);
    expect(undone.json).toMatchObject({
      records_total: 0,
      run: { id: team.runId, kind: 'import' },
    });
    expect(undone.json.records_deleted).toBeGreaterThan(0);
    expect(undone.json.run.undone_at).toEqual(expect.any(String));
    expect(await filesUnder(join(t.dataDir, 'blobs'))).toEqual(blobsBefore);

    const again = await http.call('POST', path, { token: owner });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('run_not_undoable');
    const runs = await http.call('GET', `/v1/owner/connections/${team.id}/runs`, { token: agent });
    expect(runs.json.items[0]).toMatchObject({
      id: team.runId,
      undone_at: undone.json.run.undone_at,
    });
    const missing = await http.call(
      'POST',
      `/v1/owner/connections/${team.id}/runs/run_missing/undo`,
      { token: owner },
    );
    expect(missing.status).toBe(404);
  });

  it('deletes a source after the owner typed its name, with its files, and says so in the event log', async () => {
    const family = await importNew('WhatsApp Chat with Family.txt', familyTxt);
    const path = `/v1/owner/connections/${family.id}`;

    const byAgent = await http.call('DELETE', `${path}?confirm=${family.id}`, { token: agent });
    expect(byAgent.status).toBe(403);
    expect(byAgent.json.error.code).toBe('owner_session_required');
    const unconfirmed = await http.call('DELETE', path, { token: owner });
    expect(unconfirmed.status).toBe(400);
    const mistyped = await http.call('DELETE', `${path}?confirm=Family`, { token: owner });
    expect(mistyped.status).toBe(400);
    expect(mistyped.json.error.code).toBe('confirmation_mismatch');
    expect(
      (await http.call('GET', `${path}/setup-status`, { token: owner })).json.records_total,
    ).toBeGreaterThan(0);

    const deleted = await http.call(
      'DELETE',
      `${path}?confirm=${encodeURIComponent(family.label)}`,
      {
        token: owner,
      },
    );
    expect(deleted.status).toBe(200);
    expect(deleted.json).toMatchObject({ connection_id: family.id, runs_deleted: 1 });
    expect(deleted.json.records_deleted).toBeGreaterThan(0);
    expect((await http.call('GET', `${path}/setup-status`, { token: owner })).status).toBe(404);
    expect(
      (await http.call('DELETE', `${path}?confirm=${family.id}`, { token: owner })).status,
    ).toBe(404);
    expect(await filesUnder(join(t.dataDir, 'artifacts'))).toEqual([]);

    const events = await http.call('GET', '/v1/owner/events?after=0&limit=500', {
      token: agent,
    });
    // The source is gone, so the log is read whole: its events stay in it.
    const mine = events.json.items.filter(
      (event: { connection_id: string }) => event.connection_id === family.id,
    );
    expect(mine.at(-1)).toMatchObject({
      type: 'connection_deleted',
      setup_state: null,
      records_deleted: deleted.json.records_deleted,
    });
  });

  /** A GitHub source whose first sync is running and has stored some records. */
  async function syncingGithub() {
    const draft = await http.call('POST', '/v1/owner/connections/drafts', {
      token: owner,
      body: { connector: 'github', fields: { api_url: github.apiUrl } },
    });
    const id = draft.json.connection_id as string;
    // Each test's source is the fake's one account again: a second connection on purpose.
    await http.call('PUT', `/v1/owner/connections/${id}/credential?same_account=keep`, {
      token: owner,
      body: { token: TOKEN },
    });
    const running = await waitFor(
      () => http.call('GET', `/v1/owner/connections/${id}/setup-status`, { token: owner }),
      (answer) => answer.json?.run?.status === 'running' && answer.json.records_total >= 2,
    );
    return { id, runId: running.json.run.id as string };
  }
  const pagesRead = () =>
    github.requests.filter((request) => request.path === '/user/repos').length;
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('cancels a running sync: the worker stops reading the provider, what it stored stays, the source stays truthful', async () => {
    const { id, runId } = await syncingGithub();
    const cancelled = await http.call('POST', `/v1/owner/connections/${id}/runs/${runId}/cancel`, {
      token: agent,
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json.run).toMatchObject({
      id: runId,
      status: 'cancelled',
      error_code: 'cancelled_by_owner',
    });
    // At most the page in flight is still read; then the worker lets go.
    const soon = pagesRead();
    await pause(1_000);
    expect(pagesRead() - soon).toBeLessThanOrEqual(1);
    const status = await http.call('GET', `/v1/owner/connections/${id}/setup-status`, {
      token: owner,
    });
    // Its first batch made it active before the cancel: it stays active with what it stored.
    expect(status.json).toMatchObject({
      status: 'active',
      run: { id: runId, status: 'cancelled' },
    });
    expect(status.json.records_total).toBeGreaterThanOrEqual(2);
    expect(status.json.records_total).toBeLessThan(60);
  });

  it('deletes a source while it syncs: the sync stops and the source is gone', async () => {
    const { id } = await syncingGithub();
    const deleted = await http.call('DELETE', `/v1/owner/connections/${id}?confirm=${id}`, {
      token: owner,
    });
    expect(deleted.status).toBe(200);
    const soon = pagesRead();
    await pause(1_000);
    expect(pagesRead() - soon).toBeLessThanOrEqual(1);
    expect(
      (await http.call('GET', `/v1/owner/connections/${id}/setup-status`, { token: owner })).status,
    ).toBe(404);
    const listed = await http.call('GET', '/v1/owner/connections?include=pending', {
      token: owner,
    });
    expect(
      listed.json.items.map((item: { connection_id: string }) => item.connection_id),
    ).not.toContain(id);
  });

  it('cancels only a run that is still open; an agent may ask', async () => {
    const family = await importNew('WhatsApp Chat with Family.txt', familyTxt);
    const finished = await http.call(
      'POST',
      `/v1/owner/connections/${family.id}/runs/${family.runId}/cancel`,
      { token: agent },
    );
    expect(finished.status).toBe(409);
    expect(finished.json.error.code).toBe('run_not_claimable');
    const elsewhere = await http.call(
      'POST',
      `/v1/owner/connections/${family.id}/runs/run_missing/cancel`,
      { token: owner },
    );
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.json.error.code).toBe('run_not_found');
  });
});
