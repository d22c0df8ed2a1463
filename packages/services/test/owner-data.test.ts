import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { bundledConnectors, type Collector, type UploadImporter } from '@conn/connectors';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../src/index';
import {
  dialects,
  errorCodeOf,
  fakeGithubCollector,
  fakeTokens,
  type ServiceFixture,
  serviceFixture,
  type TestDatabase,
  tableNames,
  testRegistry,
} from './harness';
import { outboxEvents } from './outbox-events';

const familyPath = fileURLToPath(
  new URL(
    '../../connectors/test/fixtures/whatsapp/android-txt/WhatsApp Chat with Family.txt',
    import.meta.url,
  ),
);
const whatsapp = bundledConnectors.find((definition) => definition.manifest.key === 'whatsapp');
const bundledImporter = whatsapp?.importer as UploadImporter;
/** Bytes every import stores as media: one blob both sources hold. */
const sharedPhoto = Buffer.from('the same photo in every export');

/** WhatsApp's importer, also storing a photo only this import has and the shared one. */
const importerWithMedia: UploadImporter = async (input) => {
  await input.blobs.put(Readable.from([randomBytes(64)]), { file_name: 'own.jpg' });
  await input.blobs.put(Readable.from([sharedPhoto]), { file_name: 'shared.jpg' });
  return bundledImporter(input);
};

/** Every file under `dir`, relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

// The tables that keep what happened (ids, codes and counts), not what was collected.
const historyTables = new Set(['events', 'audit_events', 'proofs']);

describe.each(dialects)('owner control of the data on %s', (_dialect, factory) => {
  let db: TestDatabase;
  let dataDir: string;
  let fx: ServiceFixture;
  let release: () => void = () => {};

  async function start(options: { githubCollector?: Collector; importer?: UploadImporter } = {}) {
    const { importer = importerWithMedia, ...collectors } = options;
    fx = await serviceFixture(db.store, {
      registry: testRegistry(collectors).register('whatsapp', {
        validator: whatsapp?.validator,
        importer,
      }),
      dataDir,
    });
    return fx.services;
  }

  beforeEach(async () => {
    db = await factory.create();
    dataDir = await mkdtemp(join(tmpdir(), 'conn-owner-data-'));
  });
  afterEach(async () => {
    release();
    await db.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  const family = () => readFile(familyPath);
  /** Uploads a chat and imports it (into `connectionId`, or a new source); resolves the run. */
  async function importChat(s: Services, text: Buffer, connectionId?: string) {
    const artifact = await s.receiveUpload(fx.owner, {
      connector: 'whatsapp',
      fileNameHeader: encodeURIComponent('WhatsApp Chat with Family.txt'),
      declaredBytes: null,
      body: Readable.from([text]),
    });
    expect(artifact.status).toBe('staged');
    const queued = await s.importArtifacts(fx.owner, {
      artifact_ids: [artifact.id],
      target: connectionId === undefined ? { new: {} } : { connection_id: connectionId },
    });
    const run = await s.runNextImport('w1');
    expect(run).toMatchObject({ kind: 'import', status: 'succeeded' });
    return { connectionId: queued.connection_id, runId: run?.id ?? '' };
  }

  /** Every stored row, of every table, that mentions `connectionId` anywhere. */
  async function rowsMentioning(connectionId: string, tables: readonly string[]) {
    const found: string[] = [];
    for (const table of tables) {
      const rows = await db.store.db
        .selectFrom(table as 'records')
        .selectAll()
        .execute();
      if (rows.some((row) => JSON.stringify(row).includes(connectionId))) found.push(table);
    }
    return found;
  }

  it('deletes a source with everything it holds, leaves another untouched, and keeps the event and the audit row', async () => {
    const s = await start();
    const kept = await importChat(s, await family());
    const gone = await importChat(
      s,
      Buffer.concat([await family(), Buffer.from('1/2/24, 9:00 AM - Bob: Later\n')]),
    );
    // Give the doomed source a row in every other table that can hold one of it.
    const stamp = fx.clock.now().toISOString();
    const c = gone.connectionId;
    await db.store.db
      .insertInto('credentials')
      .values({
        id: 'crd_gone',
        connection_id: c,
        kind: 'personal_access_token',
        key_id: 'k',
        sealed: 'v1.sealed',
        fingerprint: 'f',
        validated_at: null,
        rotated_at: null,
        expires_at: null,
        created_at: stamp,
      })
      .execute();
    await db.store.db
      .insertInto('collector_tokens')
      .values({
        id: 'cct_gone',
        connection_id: c,
        token_hash: 'h',
        device_name: 'd',
        created_at: stamp,
      })
      .execute();
    await db.store.db
      .insertInto('intents')
      .values({
        id: 'int_gone',
        owner_id: fx.owner,
        connector: 'whatsapp',
        label: null,
        reconnect_connection_id: c,
        unproven: 0,
        status: 'completed',
        connection_id: c,
        created_by: 'owner',
        idempotency_key: null,
        request_hash: null,
        created_at: stamp,
      })
      .execute();
    await db.store.db
      .insertInto('enrollment_codes')
      .values({
        id: 'enc_gone',
        intent_id: 'int_gone',
        connection_id: c,
        code_hash: 'x',
        expires_at: stamp,
        used_at: null,
        retired_at: null,
        created_at: stamp,
      })
      .execute();
    await db.store.db
      .insertInto('authorization_sessions')
      .values({
        id: 'aus_gone',
        owner_id: fx.owner,
        connector: 'gitlab',
        connection_id: c,
        state_hash: 's',
        verifier_sealed: 'v',
        key_id: 'k',
        redirect_uri: 'http://127.0.0.1/cb',
        label: null,
        unproven: 0,
        expires_at: stamp,
        used_at: null,
        retired_at: null,
        created_at: stamp,
      })
      .execute();
    await db.store.db
      .insertInto('sync_cursors')
      .values({ connection_id: c, stream: 'messages', cursor: 'etag', updated_at: stamp })
      .execute();
    await db.store.db
      .insertInto('sync_health')
      .values({
        connection_id: c,
        next_sync_at: null,
        last_success_at: stamp,
        last_failure_at: null,
        consecutive_failures: 0,
        stale_at: null,
        attention_reason: null,
        updated_at: stamp,
      })
      .execute();
    await db.store.db
      .insertInto('refresh_cooldowns')
      .values({ connection_id: c, failures: 1, retry_at: stamp, last_code: 'x', updated_at: stamp })
      .execute();
    const everyTable = tableNames.filter((table) => !historyTables.has(table));
    expect(new Set(await rowsMentioning(c, everyTable))).toEqual(
      new Set([
        'connections',
        'credentials',
        'collector_tokens',
        'intents',
        'enrollment_codes',
        'authorization_sessions',
        'upload_artifacts',
        'runs',
        'records',
        'connection_blobs',
        'sync_health',
        'sync_cursors',
        'record_counts',
        'refresh_cooldowns',
      ]),
    );
    const keptBefore = await s.getSetupStatus(fx.owner, kept.connectionId);
    const blobsBefore = await filesUnder(join(dataDir, 'blobs'));
    expect(blobsBefore).toHaveLength(3);

    expect(await errorCodeOf(() => s.deleteConnection(fx.owner, c, 'Family'))).toBe(
      'confirmation_mismatch',
    );
    expect(await errorCodeOf(() => s.deleteConnection(fx.otherOwner, c, c))).toBe(
      'connection_not_found',
    );
    const deleted = await s.deleteConnection(fx.owner, c, c);
    expect(deleted).toMatchObject({ connection_id: c, uploads_deleted: 1, blobs_deleted: 1 });
    expect(deleted.records_deleted).toBeGreaterThan(keptBefore.records_total);

    expect(await rowsMentioning(c, everyTable)).toEqual([]);
    // Its own photo is gone; the shared one stays for the source that still holds it.
    const blobsAfter = await filesUnder(join(dataDir, 'blobs'));
    expect(blobsAfter).toHaveLength(2);
    expect(blobsBefore.filter((path) => !blobsAfter.includes(path))).toHaveLength(1);
    expect(await filesUnder(join(dataDir, 'artifacts'))).toEqual([]);
    expect(await errorCodeOf(() => s.getSetupStatus(fx.owner, c))).toBe('connection_not_found');

    const keptAfter = await s.getSetupStatus(fx.owner, kept.connectionId);
    expect(keptAfter.records_total).toBe(keptBefore.records_total);
    expect(await rowsMentioning(kept.connectionId, ['records', 'connection_blobs'])).toEqual([
      'records',
      'connection_blobs',
    ]);

    const events = await outboxEvents(s, fx.owner, { connectionId: c });
    const last = events.at(-1);
    expect(last).toMatchObject({
      type: 'connection_deleted',
      connection_id: c,
      setup_state: null,
      records_deleted: deleted.records_deleted,
    });
    const audit = await db.store.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'connection.deleted')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ connection_id: c, actor: 'owner' });
    expect(JSON.parse(audit[0]?.details_json ?? '{}')).toMatchObject({
      records_deleted: deleted.records_deleted,
      uploads_deleted: 1,
    });
  });

  it('deletes a source while its import runs: the importer stops at its next batch and nothing of it is left', async () => {
    let reached: () => void = () => {};
    const paused = new Promise<void>((resolve) => {
      reached = resolve;
    });
    const resume = new Promise<void>((resolve) => {
      release = resolve;
    });
    let batches = 0;
    const pausing: UploadImporter = (input) =>
      importerWithMedia({
        ...input,
        emit: async (stream, records, checkpoint) => {
          batches += 1;
          if (batches === 2) {
            reached();
            await resume;
          }
          await input.emit(stream, records, checkpoint);
        },
      });
    const s = await start({ importer: pausing });
    const artifact = await s.receiveUpload(fx.owner, {
      connector: 'whatsapp',
      fileNameHeader: encodeURIComponent('WhatsApp Chat with Family.txt'),
      declaredBytes: null,
      body: Readable.from([await family()]),
    });
    const queued = await s.importArtifacts(fx.owner, {
      artifact_ids: [artifact.id],
      target: { new: {} },
    });
    const c = queued.connection_id;
    const working = s.runNextImport('w1');
    await paused;
    await s.deleteConnection(fx.owner, c, c);
    release();
    expect(await working).toBeNull();
    const everyTable = tableNames.filter((table) => !historyTables.has(table));
    expect(await rowsMentioning(c, everyTable)).toEqual([]);
    expect(await filesUnder(join(dataDir, 'artifacts'))).toEqual([]);
    // The media it stored went with it; no other source holds any.
    expect(await filesUnder(join(dataDir, 'blobs'))).toEqual([]);
  });

  it('undoes one import: removes the records that run added and nothing else, once', async () => {
    const s = await start();
    const first = await importChat(s, await family());
    const before = await s.countStreamRecords(fx.owner, first.connectionId);
    const total = (await s.getSetupStatus(fx.owner, first.connectionId)).records_total;
    const blobsBefore = await filesUnder(join(dataDir, 'blobs'));
    const second = await importChat(
      s,
      Buffer.concat([await family(), Buffer.from('1/2/24, 9:00 AM - Bob: Later\n')]),
      first.connectionId,
    );
    expect((await s.getSetupStatus(fx.owner, first.connectionId)).records_total).toBe(total + 1);

    expect(
      await errorCodeOf(() => s.undoImport(fx.otherOwner, first.connectionId, second.runId)),
    ).toBe('connection_not_found');
    const undone = await s.undoImport(fx.owner, first.connectionId, second.runId);
    expect(undone).toMatchObject({ records_deleted: 1, records_total: total });
    expect(undone.run.undone_at).not.toBeNull();
    expect(await s.countStreamRecords(fx.owner, first.connectionId)).toEqual(before);
    // The records the first import added, which the second saw again, stay.
    const page = await s.listRecords(fx.owner, first.connectionId, { limit: 500 });
    expect(page.items.map((record) => JSON.stringify(record.data))).not.toContain(
      expect.stringContaining('Later'),
    );
    // The second import's own photo went; the first's and the shared one stay.
    expect(await filesUnder(join(dataDir, 'blobs'))).toEqual(blobsBefore);
    const runs = await s.listRuns(fx.owner, first.connectionId);
    expect(runs.items.find((run) => run.id === second.runId)?.undone_at).toBe(undone.run.undone_at);
    expect(runs.items.find((run) => run.id === first.runId)?.undone_at).toBeNull();

    expect(await errorCodeOf(() => s.undoImport(fx.owner, first.connectionId, second.runId))).toBe(
      'run_not_undoable',
    );
    const events = await outboxEvents(s, fx.owner, { connectionId: first.connectionId });
    expect(events.at(-1)).toMatchObject({
      type: 'run_undone',
      run_id: second.runId,
      run_kind: 'import',
      records_deleted: 1,
    });
    const audit = await db.store.db
      .selectFrom('audit_events')
      .select('details_json')
      .where('action', '=', 'import.undone')
      .execute();
    expect(audit.map((row) => JSON.parse(row.details_json))).toEqual([
      { run_id: second.runId, records_deleted: 1, uploads_deleted: 1, blobs_deleted: 1 },
    ]);

    // Undoing the first import takes the rest; the file can then be imported again.
    expect((await s.undoImport(fx.owner, first.connectionId, first.runId)).records_total).toBe(0);
    await importChat(s, await family(), first.connectionId);
    expect((await s.getSetupStatus(fx.owner, first.connectionId)).records_total).toBe(total);
  });

  it('refuses to undo a sync', async () => {
    const s = await start();
    const id = (await s.createDraft(fx.owner, { connector: 'github', fields: {} })).connection_id;
    await s.captureCredential(fx.owner, id, { token: fakeTokens.good('octocat') });
    const run = await s.runNextSync('w1');
    expect(run?.status).toBe('succeeded');
    expect(await errorCodeOf(() => s.undoImport(fx.owner, id, run?.id ?? ''))).toBe(
      'run_not_undoable',
    );
    expect(await errorCodeOf(() => s.undoImport(fx.owner, id, 'run_missing'))).toBe(
      'run_not_found',
    );
  });

  /** A GitHub collector that stores one page, then waits for the test before its second. */
  function pausingCollector(): { collector: Collector; paused: Promise<void> } {
    let reached: () => void = () => {};
    const paused = new Promise<void>((resolve) => {
      reached = resolve;
    });
    const resume = new Promise<void>((resolve) => {
      release = resolve;
    });
    const collector: Collector = async ({ emit }) => {
      await emit('repositories', [{ id: 1, full_name: 'octocat/one' }]);
      reached();
      await resume;
      await emit('repositories', [{ id: 2, full_name: 'octocat/two' }]);
      return { counts: { repositories: 2 } };
    };
    return { collector, paused };
  }

  it('cancels a running first sync: the worker stops at its next batch and what it stored stays', async () => {
    const { collector, paused } = pausingCollector();
    const s = await start({ githubCollector: collector });
    const id = (await s.createDraft(fx.owner, { connector: 'github', fields: {} })).connection_id;
    await s.captureCredential(fx.owner, id, { token: fakeTokens.good('octocat') });
    const working = s.runNextSync('w1');
    await paused;
    const [running] = (await s.listRuns(fx.owner, id)).items;
    expect(running?.status).toBe('running');
    const cancelled = await s.cancelRun(fx.owner, id, running?.id ?? '');
    expect(cancelled.run).toMatchObject({ status: 'cancelled', error_code: 'cancelled_by_owner' });
    release();
    expect(await working).toMatchObject({ id: running?.id, status: 'cancelled' });
    // The first page stays (it was stored before); the second never landed.
    const page = await s.listRecords(fx.owner, id, { limit: 10 });
    expect(page.items.map((record) => record.key)).toEqual(['1']);
    const status = await s.getSetupStatus(fx.owner, id);
    expect(status).toMatchObject({ status: 'active' });
    expect(await errorCodeOf(() => s.cancelRun(fx.owner, id, running?.id ?? ''))).toBe(
      'run_not_claimable',
    );
    const events = await outboxEvents(s, fx.owner, { connectionId: id });
    expect(events.filter((event) => event.run_id === running?.id).at(-1)).toMatchObject({
      type: 'run_failed',
      error_code: 'cancelled_by_owner',
    });
  });

  it('cancels a queued first sync before any record: the draft stays a draft with a retry', async () => {
    const s = await start();
    const id = (await s.createDraft(fx.owner, { connector: 'github', fields: {} })).connection_id;
    const queued = await s.captureCredential(fx.owner, id, { token: fakeTokens.good('octocat') });
    const runId = queued.run?.id ?? '';
    expect(queued.run?.status).toBe('queued');
    await s.cancelRun(fx.owner, id, runId);
    expect(await s.runNextSync('w1')).toBeNull();
    const status = await s.getSetupStatus(fx.owner, id);
    expect(status).toMatchObject({
      status: 'draft',
      setup_state: 'first_sync_failed',
      remediation: { kind: 'retry_sync' },
    });
  });

  it('cancels a sync of an active source: it stays active and its schedule goes on', async () => {
    let current: Collector = fakeGithubCollector();
    const s = await start({ githubCollector: (input) => current(input) });
    const id = (await s.createDraft(fx.owner, { connector: 'github', fields: {} })).connection_id;
    await s.captureCredential(fx.owner, id, { token: fakeTokens.good('octocat') });
    expect(await s.runNextSync('w1')).toMatchObject({ status: 'succeeded' });
    const { collector, paused } = pausingCollector();
    current = collector;
    const sync = await s.syncNow(fx.owner, id);
    const working = s.runNextSync('w2');
    await paused;
    await s.cancelRun(fx.owner, id, sync.run?.id ?? '');
    release();
    expect(await working).toMatchObject({ status: 'cancelled' });
    const status = await s.getSetupStatus(fx.owner, id);
    expect(status).toMatchObject({ status: 'active' });
    expect(status.health).toMatchObject({ consecutive_failures: 0 });
  });
});
