import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  bundledConnectors,
  type ConnectorDefinitionInput,
  ConnectorRegistry,
} from '@conn/connectors';
import { openStore } from '@conn/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renameEntry, zipBuffer } from '../../../packages/connectors/test/whatsapp/zip-fixture';
import { ConnClient } from '../../../packages/sdk/src/index';
import { uploadFile } from '../../../packages/sdk/src/node/index';
import { httpClient } from './http-client';
import { serverDialects, startTestServer, type TestServer } from './test-server';
import { waitFor } from './wait-for';

const fixtures = fileURLToPath(
  new URL('../../../packages/connectors/test/fixtures', import.meta.url),
);
const whatsappFixtures = join(fixtures, 'whatsapp');
const timelineFixtures = join(fixtures, 'google-maps-timeline');

/** WhatsApp's limit for this suite: small enough to overrun cheaply, large enough for every fixture. */
const whatsappLimit = 512 * 1024;

/** The bundled catalog with WhatsApp's `max_file_bytes` lowered, so the size refusals are cheap to hit. */
function smallUploadRegistry(): ConnectorRegistry {
  return ConnectorRegistry.from(
    bundledConnectors.map((definition): ConnectorDefinitionInput => {
      const { manifest } = definition;
      if (manifest.key !== 'whatsapp' || manifest.setup.modality !== 'manual_or_upload')
        return definition;
      return {
        ...definition,
        manifest: {
          ...manifest,
          setup: {
            ...manifest.setup,
            upload: { ...manifest.setup.upload, max_file_bytes: whatsappLimit },
          },
        },
      };
    }),
  );
}

/** Every file path under `root`, relative to it. */
async function filesUnder(root: string): Promise<string[]> {
  if (!existsSync(root)) return [];
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1));
}

interface RawAnswer {
  status: number;
  body: string;
}

/**
 * A raw upload over node:http, for what fetch cannot do: declare a length and
 * send nothing, or stream a chunked body and keep writing past a refusal.
 */
function rawUpload(
  url: string,
  token: string,
  options: { declaredLength?: number; chunks?: number; chunkBytes?: number },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const target = new URL('/v1/owner/uploads?connector=whatsapp', url);
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      'content-type': 'application/octet-stream',
      'x-conn-file-name': encodeURIComponent('WhatsApp Chat with Big.txt'),
    };
    if (options.declaredLength !== undefined)
      headers['content-length'] = String(options.declaredLength);
    const req = httpRequest(target, { method: 'POST', headers });
    let answered = false;
    req.on('response', (response) => {
      answered = true;
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      response.on('error', reject);
    });
    // The server may close the socket while the body is still going out; the answer is what counts.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    if (options.chunks === undefined) {
      req.flushHeaders();
      return;
    }
    const chunk = Buffer.alloc(options.chunkBytes ?? 16 * 1024, 'a');
    let sent = 0;
    const writeMore = () => {
      while (sent < (options.chunks ?? 0) && !answered && !req.destroyed) {
        sent += 1;
        if (!req.write(chunk)) {
          req.once('drain', writeMore);
          return;
        }
      }
      if (!answered && !req.destroyed) req.end();
    };
    writeMore();
  });
}

describe.each(await serverDialects())('manual uploads through the real server (%s)', (dialect) => {
  let t: TestServer;
  let http: ReturnType<typeof httpClient>;
  let owner: string;
  let agent: string;
  let familyTxt: Buffer;
  let teamZip: Buffer;
  let mumTxt: Buffer;

  beforeAll(async () => {
    t = await startTestServer({ dialect, registry: smallUploadRegistry() });
    http = httpClient(t.url);
    owner = await t.login();
    const created = await http.call('POST', '/v1/owner/agent-tokens', {
      token: owner,
      body: { name: 'assistant' },
    });
    agent = created.json.token;
    familyTxt = await readFile(
      join(whatsappFixtures, 'android-txt', 'WhatsApp Chat with Family.txt'),
    );
    mumTxt = await readFile(join(whatsappFixtures, 'ios-txt', '_chat.txt'));
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
  });

  afterAll(async () => {
    await t?.dispose();
  });

  const artifactsDir = () => join(t.dataDir, 'artifacts');
  const artifactFolders = async () =>
    existsSync(artifactsDir()) ? (await readdir(artifactsDir())).sort() : [];

  async function upload(connector: string, fileName: string, body: Buffer, token = owner) {
    const response = await fetch(
      `${t.url}/v1/owner/uploads?connector=${encodeURIComponent(connector)}`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/octet-stream',
          'x-conn-file-name': encodeURIComponent(fileName),
        },
        body: new Uint8Array(body),
      },
    );
    // biome-ignore lint/suspicious/noExplicitAny: responses are asserted field by field.
    return { status: response.status, json: (await response.json()) as any };
  }

  const setupStatus = (id: string) =>
    http.call('GET', `/v1/owner/connections/${id}/setup-status`, { token: owner });

  const settled = (id: string) =>
    waitFor(
      () => setupStatus(id),
      (answer) => answer.json?.run?.status !== 'queued' && answer.json?.run?.status !== 'running',
    );

  async function records(connectionId: string, stream: string) {
    const answer = await http.call(
      'GET',
      `/v1/owner/connections/${connectionId}/records?stream=${stream}&limit=500`,
      { token: owner },
    );
    expect(answer.status).toBe(200);
    // biome-ignore lint/suspicious/noExplicitAny: record data is asserted field by field.
    return answer.json.items.map((item: { data: any }) => item.data);
  }

  const pendingConnections = async () =>
    (await http.call('GET', '/v1/owner/connections?include=pending', { token: owner })).json
      .items as { connection_id: string; connector: string }[];

  async function withStore<T>(read: (store: ReturnType<typeof openStore>) => Promise<T>) {
    const store = openStore({ url: t.databaseUrl, dataDir: t.dataDir });
    try {
      return await read(store);
    } finally {
      await store.close();
    }
  }

  let familyId: string;
  let teamId: string;
  let whatsappConnection: string;

  it('refuses an owner-agent token before reading the body (403 owner_session_required)', async () => {
    const answer = await upload('whatsapp', 'WhatsApp Chat with Family.txt', familyTxt, agent);
    expect(answer.status).toBe(403);
    expect(answer.json.error.code).toBe('owner_session_required');
    expect(await artifactFolders()).toEqual([]);
  });

  it('refuses an unknown connector (404), another modality (409), a missing file name and a non-raw body (400)', async () => {
    expect((await upload('nope', 'x.txt', familyTxt)).json.error.code).toBe('connector_not_found');
    const github = await upload('github', 'x.txt', familyTxt);
    expect(github.status).toBe(409);
    expect(github.json.error.code).toBe('modality_mismatch');
    const unnamed = await fetch(`${t.url}/v1/owner/uploads?connector=whatsapp`, {
      method: 'POST',
      headers: { authorization: `Bearer ${owner}`, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(familyTxt),
    });
    expect(unnamed.status).toBe(400);
    // A JSON (or any non-raw) body is refused before a parser could buffer it.
    const json = await fetch(`${t.url}/v1/owner/uploads?connector=whatsapp`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${owner}`,
        'content-type': 'application/json',
        'x-conn-file-name': 'chat.json',
      },
      body: JSON.stringify({ file: familyTxt.toString('base64') }),
    });
    expect(json.status).toBe(400);
    expect(((await json.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    expect(await artifactFolders()).toEqual([]);
  });

  it('stages a WhatsApp .txt with counts, date range and a suggested label, in its own folder', async () => {
    const answer = await upload('whatsapp', 'WhatsApp Chat with Family.txt', familyTxt);
    expect(answer.status).toBe(201);
    const artifact = answer.json;
    expect(artifact).toMatchObject({
      connector: 'whatsapp',
      file_name: 'WhatsApp Chat with Family.txt',
      size_bytes: familyTxt.length,
      status: 'staged',
      validation: {
        format: 'whatsapp_txt_android',
        counts: { chats: 1, attachments: 2 },
        date_range: { from: expect.any(String), to: expect.any(String) },
        empty: false,
        suggested_label: 'WhatsApp — Family',
        remedy: null,
      },
    });
    expect(artifact.validation.counts.messages).toBeGreaterThan(5);
    expect(Date.parse(artifact.expires_at) - Date.now()).toBeGreaterThan(23 * 3600_000);
    const { createHash } = await import('node:crypto');
    expect(artifact.sha256).toBe(createHash('sha256').update(familyTxt).digest('hex'));
    // Stored under a random name in the artifact's own folder: never the owner's file name.
    const stored = await readdir(join(artifactsDir(), artifact.id));
    expect(stored).toHaveLength(1);
    expect(stored[0]).not.toContain('WhatsApp');
    expect(await readFile(join(artifactsDir(), artifact.id, stored[0]!))).toEqual(familyTxt);
    familyId = artifact.id;

    // An owner agent may read it.
    const read = await http.call('GET', `/v1/owner/uploads/${artifact.id}`, { token: agent });
    expect(read.status).toBe(200);
    expect(read.json).toEqual(artifact);
    // And list the owner's uploads, where it is the newest.
    const listed = await http.call('GET', '/v1/owner/uploads?limit=1', { token: agent });
    expect(listed.status).toBe(200);
    expect(listed.json).toEqual({ uploads: [artifact] });
    const anonymous = await http.call('GET', '/v1/owner/uploads', {});
    expect(anonymous.status).toBe(401);
  });

  it('stages a WhatsApp .zip with its media', async () => {
    const answer = await upload('whatsapp', 'WhatsApp Chat with Team.zip', teamZip);
    expect(answer.status).toBe(201);
    expect(answer.json).toMatchObject({
      status: 'staged',
      validation: {
        format: 'whatsapp_zip_android',
        counts: { chats: 1, attachments: 2 },
        suggested_label: 'WhatsApp — Team',
        details: { media_files_included: 1 },
        readings: [
          {
            key: 'date_order',
            summary:
              'Read 05/01/2024 as 5 January 2024 — read the other way, 1 line would go back in time.',
            chosen: 'day_first',
          },
        ],
      },
    });
    teamId = answer.json.id;
  });

  it('refuses an import whose readings pick a choice the files did not offer, leaving them staged', async () => {
    const answer = await http.call('POST', '/v1/owner/uploads/import', {
      token: owner,
      body: {
        artifact_ids: [familyId, teamId],
        target: { new: {} },
        readings: { date_order: 'sideways' },
      },
    });
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatchObject({ code: 'invalid_request' });
    expect(answer.json.error.message).toContain('"day_first"');
  });

  it('imports two files in one submit into one new source: stages, records, blobs and hydration status', async () => {
    const before = await pendingConnections();
    const answer = await http.call('POST', '/v1/owner/uploads/import', {
      token: owner,
      body: { artifact_ids: [familyId, teamId], target: { new: {} } },
    });
    expect(answer.status).toBe(202);
    expect(answer.json).toMatchObject({
      connector: 'whatsapp',
      modality: 'manual_or_upload',
      status: 'draft',
      label: 'WhatsApp — Family',
      run: { kind: 'import' },
    });
    expect(['first_sync_pending', 'first_sync_running', 'active']).toContain(
      answer.json.setup_state,
    );
    whatsappConnection = answer.json.connection_id;

    const done = await settled(whatsappConnection);
    expect(done.json).toMatchObject({
      status: 'active',
      setup_state: 'active',
      run: { kind: 'import', status: 'succeeded', error_code: null },
    });
    expect(done.json.run.stage).toEqual(expect.any(String));
    expect(done.json.run.records_accepted).toBe(done.json.records_total);

    const after = await pendingConnections();
    expect(after.length).toBe(before.length + 1);

    const chats = await records(whatsappConnection, 'chats');
    expect(chats).toHaveLength(2);
    const messages = await records(whatsappConnection, 'messages');
    expect(messages.length).toBeGreaterThan(8);
    const attachments = await records(whatsappConnection, 'attachments');
    const photo = attachments.find(
      (attachment: { file_name: string | null }) =>
        attachment.file_name === 'IMG-20240105-WA0001.jpg',
    );
    expect(photo.blob).toEqual({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/), size_bytes: 70 });
    const blobPath = join(t.dataDir, 'blobs', photo.blob.sha256.slice(0, 2), photo.blob.sha256);
    expect(await readFile(blobPath)).toEqual(
      await readFile(join(whatsappFixtures, 'android-zip', 'IMG-20240105-WA0001.jpg')),
    );
    // The .txt was exported without media; the zip lacks the PDF it names.
    const omitted = attachments.filter(
      (attachment: { hydration_status?: string }) => attachment.hydration_status === 'deferred',
    );
    expect(omitted.length).toBe(3);
    expect(omitted.every((attachment: { blob?: unknown }) => attachment.blob === undefined)).toBe(
      true,
    );

    const blobRow = await withStore((store) =>
      store.db.selectFrom('blobs').selectAll().where('sha256', '=', photo.blob.sha256).execute(),
    );
    expect(blobRow).toHaveLength(1);

    // Imported files are done: their status says so and their folders are gone.
    for (const id of [familyId, teamId]) {
      const artifact = await http.call('GET', `/v1/owner/uploads/${id}`, { token: owner });
      expect(artifact.json.status).toBe('imported');
    }
    expect(await artifactFolders()).toEqual([]);
  });

  it('marks an exact re-upload duplicate and refuses to import it', async () => {
    const again = await upload('whatsapp', 'family-copy.txt', familyTxt);
    expect(again.status).toBe(201);
    expect(again.json).toMatchObject({
      status: 'duplicate',
      validation: {
        details: { duplicate_of: familyId },
        remedy: expect.stringContaining('already'),
      },
    });
    expect(await artifactFolders()).toEqual([]);
    const refused = await http.call('POST', '/v1/owner/uploads/import', {
      token: owner,
      body: { artifact_ids: [again.json.id], target: { new: {} } },
    });
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({
      code: 'artifact_not_staged',
      details: { artifact_id: again.json.id, status: 'duplicate' },
    });
  });

  it('marks a PNG and a random JSON invalid with a remedy, and never creates a connection', async () => {
    const before = await pendingConnections();
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(200, 1),
    ]);
    const image = await upload('whatsapp', 'holiday.png', png);
    expect(image.status).toBe(201);
    expect(image.json.status).toBe('invalid');
    expect(image.json.validation.remedy).toEqual(expect.any(String));
    const json = await upload(
      'google-maps-timeline',
      'settings.json',
      Buffer.from(JSON.stringify({ theme: 'dark', volume: 7 })),
    );
    expect(json.json.status).toBe('invalid');
    expect(json.json.validation.remedy).toEqual(expect.any(String));
    const refused = await http.call('POST', '/v1/owner/uploads/import', {
      token: owner,
      body: { artifact_ids: [image.json.id], target: { new: {} } },
    });
    expect(refused.status).toBe(409);
    expect(refused.json.error.details).toMatchObject({ status: 'invalid' });
    expect(await pendingConnections()).toEqual(before);
    expect(await artifactFolders()).toEqual([]);
  });

  it('answers 413 to a Content-Length over the limit before reading, and creates no folder', async () => {
    const answer = await rawUpload(t.url, owner, { declaredLength: whatsappLimit + 1 });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error).toMatchObject({
      code: 'payload_too_large',
      details: { max_file_bytes: whatsappLimit },
    });
    expect(existsSync(artifactsDir()) ? await readdir(artifactsDir()) : []).toEqual([]);
  });

  it('cuts a chunked body that runs past the limit with 413 and deletes the partial file', async () => {
    const rowsBefore = await withStore((store) =>
      store.db.selectFrom('upload_artifacts').select('id').execute(),
    );
    // 40 × 16 KiB = 640 KiB: past the 512 KiB limit.
    const answer = await rawUpload(t.url, owner, { chunks: 40, chunkBytes: 16 * 1024 });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error.code).toBe('payload_too_large');
    expect(await artifactFolders()).toEqual([]);
    const rowsAfter = await withStore((store) =>
      store.db.selectFrom('upload_artifacts').select('id').execute(),
    );
    expect(rowsAfter.length).toBe(rowsBefore.length);
    // The server still answers on new connections.
    expect((await http.call('GET', '/healthz')).status).toBe(200);
  });

  it('refuses path-traversal and zip-bomb archives as invalid, writing nothing outside the artifact folder', async () => {
    const chat = await readFile(join(whatsappFixtures, 'ios-zip', '_chat.txt'));
    const traversal = renameEntry(
      await zipBuffer([
        { name: '_chat.txt', data: chat },
        { name: 'xx/evil.txt', data: 'pwned' },
      ]),
      'xx/evil.txt',
      '../evil.txt',
    );
    const climbing = await upload('whatsapp', 'WhatsApp Chat - Mum.zip', traversal);
    expect(climbing.json).toMatchObject({
      status: 'invalid',
      validation: { details: { reason: 'path_traversal' } },
    });
    expect(climbing.json.validation.remedy).toContain('../evil.txt');

    // 24 MiB of zeros deflates to a few KiB: far over 200:1.
    const bomb = await zipBuffer([
      { name: '_chat.txt', data: chat },
      { name: '00000003-PHOTO-2024-01-02-18-21-45.jpg', data: Buffer.alloc(24 * 1024 ** 2) },
    ]);
    expect(bomb.length).toBeLessThan(whatsappLimit);
    const bombed = await upload('whatsapp', 'WhatsApp Chat - Mum.zip', bomb);
    expect(bombed.json).toMatchObject({
      status: 'invalid',
      validation: { details: { reason: 'zip_bomb' } },
    });

    const everywhere = [...(await filesUnder(t.dataDir)), ...(await readdir(dirname(t.dataDir)))];
    expect(everywhere.filter((path) => path.includes('evil'))).toEqual([]);
    expect(await artifactFolders()).toEqual([]);
  });

  it('imports into an existing compatible connection, picked by id, adding its records', async () => {
    const before = (await setupStatus(whatsappConnection)).json.records_total;
    const mum = await upload('whatsapp', 'WhatsApp Chat - Mum.txt', mumTxt);
    expect(mum.json.status).toBe('staged');

    // A Timeline source is not compatible with WhatsApp files.
    const timeline = await upload(
      'google-maps-timeline',
      'Timeline.json',
      await readFile(join(timelineFixtures, 'Timeline-ios.json')),
    );
    const timelineImport = await http.call('POST', '/v1/owner/uploads/import', {
      token: owner,
      body: { artifact_ids: [timeline.json.id], target: { new: { label: 'My phone' } } },
    });
    const timelineConnection = timelineImport.json.connection_id;
    expect((await settled(timelineConnection)).json.status).toBe('active');
    const wrong = await http.call('POST', '/v1/owner/uploads/import', {
      token: owner,
      body: { artifact_ids: [mum.json.id], target: { connection_id: timelineConnection } },
    });
    expect(wrong.status).toBe(409);
    expect(wrong.json.error.code).toBe('modality_mismatch');

    const added = await http.call('POST', '/v1/owner/uploads/import', {
      token: owner,
      body: { artifact_ids: [mum.json.id], target: { connection_id: whatsappConnection } },
    });
    expect(added.status).toBe(202);
    expect(added.json.connection_id).toBe(whatsappConnection);
    const done = await settled(whatsappConnection);
    expect(done.json.run).toMatchObject({ kind: 'import', status: 'succeeded' });
    expect(done.json.records_total).toBeGreaterThan(before);
    expect(await records(whatsappConnection, 'chats')).toHaveLength(3);
  });

  it('imports a Timeline on-device export into visits, activities and points, keeping its provenance', async () => {
    const staged = await upload(
      'google-maps-timeline',
      'Timeline.json',
      await readFile(join(timelineFixtures, 'Timeline.json')),
    );
    expect(staged.json).toMatchObject({
      status: 'staged',
      validation: { format: 'timeline_on_device', counts: { visits: 2, activities: 1, points: 5 } },
    });
    const queued = await http.call('POST', '/v1/owner/uploads/import', {
      token: owner,
      body: { artifact_ids: [staged.json.id], target: { new: { label: 'Pixel timeline' } } },
    });
    expect(queued.status).toBe(202);
    const id = queued.json.connection_id;
    const done = await settled(id);
    expect(done.json).toMatchObject({
      status: 'active',
      label: 'Pixel timeline',
      records_total: 8,
    });
    expect(await records(id, 'visits')).toHaveLength(2);
    expect(await records(id, 'activities')).toHaveLength(1);
    expect(await records(id, 'points')).toHaveLength(5);

    const payload = await withStore(async (store) => {
      const run = await store.db
        .selectFrom('runs')
        .select('payload_json')
        .where('id', '=', done.json.run.id)
        .executeTakeFirstOrThrow();
      return JSON.parse(run.payload_json);
    });
    expect(payload).toEqual({
      artifact_ids: [staged.json.id],
      counts: { visits: 2, activities: 1, points: 5 },
      provenance: {
        format: 'timeline_on_device',
        acquisition: 'on_device_export',
        coverage: { from: '2024-05-01T05:59:30.000Z', to: '2024-05-01T10:30:00.000Z' },
      },
    });
  });

  it("streams a file with the SDK's uploadFile (percent-encoded name, chunked body)", async () => {
    const dir = join(t.dataDir, '..', `sdk-${dialect}-${Date.now()}`);
    const { mkdir, rm } = await import('node:fs/promises');
    await mkdir(dir);
    try {
      const name = 'WhatsApp Chat with Zoë & Co 家族.txt';
      const path = join(dir, name);
      const changed = Buffer.from(
        `${familyTxt.toString('utf8')}1/2/24, 9:00 AM - Zoë: One more message\n`,
      );
      await writeFile(path, changed);
      const client = new ConnClient({ baseUrl: t.url, token: owner });
      const progress: number[] = [];
      const artifact = await uploadFile(client, 'whatsapp', path, {
        onProgress: ({ bytesSent }) => progress.push(bytesSent),
      });
      expect(artifact).toMatchObject({
        status: 'staged',
        file_name: name,
        size_bytes: changed.length,
      });
      expect(progress.at(-1)).toBe(changed.length);
      const read = await client.artifact(artifact.id);
      expect(read.status).toBe('staged');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('stages 20 identical WhatsApp uploads sent at once exactly once; the other 19 are duplicates of it', async () => {
    const same = Buffer.from(
      `${familyTxt.toString('utf8')}1/3/24, 8:00 AM - Alice: Sent twenty times at once\n`,
    );
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => upload('whatsapp', 'WhatsApp Chat with Family.txt', same)),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 20 }, () => 201));
    const staged = answers.filter((answer) => answer.json.status === 'staged');
    expect(staged).toHaveLength(1);
    const duplicates = answers.filter((answer) => answer.json.status === 'duplicate');
    expect(duplicates).toHaveLength(19);
    for (const duplicate of duplicates)
      expect(duplicate.json.validation.details.duplicate_of).toBe(staged[0]?.json.id);
  });
});
