import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import {
  bundledConnectors,
  ConnectorRegistry,
  createBundledRegistry,
  type UploadImporter,
} from '@conn/connectors';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServiceDeps } from '../src/create-services';
import { createServices, type Services } from '../src/index';
import { contentAddressedBlobSink } from '../src/uploads/content-addressed-blob-sink';
import {
  dialects,
  errorCodeOf,
  keyedVault,
  readyDeployment,
  TestClock,
  type TestDatabase,
} from './harness';

const familyPath = fileURLToPath(
  new URL(
    '../../connectors/test/fixtures/whatsapp/android-txt/WhatsApp Chat with Family.txt',
    import.meta.url,
  ),
);
const teamPath = fileURLToPath(
  new URL(
    '../../connectors/test/fixtures/whatsapp/android-zip/WhatsApp Chat with Team.txt',
    import.meta.url,
  ),
);
const hour = 3600_000;

/** WhatsApp's own importer, as the bundled catalog registers it. */
const bundledImporter = bundledConnectors.find(
  (definition) => definition.manifest.key === 'whatsapp',
)?.importer as UploadImporter;

/** The bundled catalog with WhatsApp's importer swapped, keeping its real validator. */
function withImporter(importer: UploadImporter): ConnectorRegistry {
  return ConnectorRegistry.from(
    bundledConnectors.map((definition) =>
      definition.manifest.key === 'whatsapp' ? { ...definition, importer } : definition,
    ),
  );
}

/** The bundled catalog with WhatsApp's `max_file_bytes` lowered. */
function withUploadLimit(maxFileBytes: number): ConnectorRegistry {
  return ConnectorRegistry.from(
    bundledConnectors.map((definition) => {
      const { manifest } = definition;
      if (manifest.key !== 'whatsapp' || manifest.setup.modality !== 'manual_or_upload')
        return definition;
      const upload = { ...manifest.setup.upload, max_file_bytes: maxFileBytes };
      return { ...definition, manifest: { ...manifest, setup: { ...manifest.setup, upload } } };
    }),
  );
}

describe.each(dialects)('upload services on %s', (_dialect, factory) => {
  let db: TestDatabase;
  let dataDir: string;
  let clock: TestClock;
  let owner: string;

  function services(
    options: { registry?: ConnectorRegistry; dataDir?: string | null } = {},
  ): Services {
    const dir = options.dataDir === undefined ? dataDir : options.dataDir;
    return createServices({
      store: db.store,
      vault: keyedVault(),
      registry: options.registry ?? createBundledRegistry(),
      deployment: readyDeployment,
      clock: clock.now,
      ...(dir === null ? {} : { dataDir: dir }),
    });
  }

  beforeEach(async () => {
    db = await factory.create();
    dataDir = await mkdtemp(join(tmpdir(), 'conn-uploads-'));
    clock = new TestClock();
    owner = `own_${randomBytes(6).toString('hex')}`;
    await db.store.db
      .insertInto('owners')
      .values({ id: owner, password_hash: 'scrypt$test', created_at: clock.now().toISOString() })
      .execute();
  });
  afterEach(async () => {
    await db.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  const family = async () => readFile(familyPath);
  const uploadFamily = async (s: Services, name = 'WhatsApp Chat with Family.txt') =>
    s.receiveUpload(owner, {
      connector: 'whatsapp',
      fileNameHeader: encodeURIComponent(name),
      declaredBytes: null,
      body: Readable.from([await family()]),
    });
  const connections = () => db.store.db.selectFrom('connections').selectAll().execute();

  it('stages a file, then the sweeper expires it after 24 h and deletes its folder; no connection is ever made', async () => {
    const s = services();
    const artifact = await uploadFamily(s);
    expect(artifact.status).toBe('staged');
    const folder = join(dataDir, 'artifacts', artifact.id);
    expect(await readdir(folder)).toHaveLength(1);

    clock.advance(23 * hour);
    expect((await s.sweepExpired()).upload_artifacts).toBe(0);
    expect((await s.sweepUploads()).folders_removed).toBe(0);
    expect(existsSync(folder)).toBe(true);

    clock.advance(2 * hour);
    expect((await s.getArtifact(owner, artifact.id)).status).toBe('expired');
    expect((await s.sweepExpired()).upload_artifacts).toBe(1);
    expect((await s.sweepUploads()).folders_removed).toBe(1);
    expect(existsSync(folder)).toBe(false);
    expect((await s.getArtifact(owner, artifact.id)).status).toBe('expired');
    expect(await connections()).toEqual([]);
    expect(
      await errorCodeOf(() =>
        s.importArtifacts(owner, { artifact_ids: [artifact.id], target: { new: {} } }),
      ),
    ).toBe('artifact_not_staged');
  });

  it('keeps same-named files apart, each in its own folder, and hides them from other owners', async () => {
    const s = services();
    const first = await uploadFamily(s, 'chat.txt');
    const changed = Buffer.concat([await family(), Buffer.from('1/2/24, 9:00 AM - Bob: Later\n')]);
    const second = await s.receiveUpload(owner, {
      connector: 'whatsapp',
      fileNameHeader: 'chat.txt',
      declaredBytes: changed.length,
      body: Readable.from([changed]),
    });
    expect([first.status, second.status]).toEqual(['staged', 'staged']);
    expect(second.id).not.toBe(first.id);
    const [firstFile] = await readdir(join(dataDir, 'artifacts', first.id));
    const [secondFile] = await readdir(join(dataDir, 'artifacts', second.id));
    expect(await readFile(join(dataDir, 'artifacts', first.id, firstFile!))).toEqual(
      await family(),
    );
    expect(await readFile(join(dataDir, 'artifacts', second.id, secondFile!))).toEqual(changed);

    const stranger = `own_${randomBytes(6).toString('hex')}`;
    await db.store.db
      .insertInto('owners')
      .values({ id: stranger, password_hash: 'scrypt$test', created_at: clock.now().toISOString() })
      .execute();
    expect(await errorCodeOf(() => s.getArtifact(stranger, first.id))).toBe('artifact_not_found');
    expect(
      await errorCodeOf(() =>
        s.importArtifacts(stranger, { artifact_ids: [first.id], target: { new: {} } }),
      ),
    ).toBe('artifact_not_found');
    expect(await connections()).toEqual([]);
  });

  it('drops a body that breaks off mid-way, or runs past the limit, leaving no row and no folder', async () => {
    const s = services();
    let sent = 0;
    const breaking = new Readable({
      read() {
        sent += 1;
        if (sent < 4) this.push(Buffer.alloc(64 * 1024, 'a'));
        else this.destroy(new Error('socket hang up'));
      },
    });
    expect(
      await errorCodeOf(() =>
        s.receiveUpload(owner, {
          connector: 'whatsapp',
          fileNameHeader: 'chat.txt',
          declaredBytes: null,
          body: breaking,
        }),
      ),
    ).toBe('invalid_request');
    // A chunked body has no declared length: the copy stops at the first chunk past the limit.
    const small = services({ registry: withUploadLimit(256 * 1024) });
    const overrun = Readable.from(
      (function* () {
        for (let chunk = 0; chunk < 64; chunk += 1) yield Buffer.alloc(64 * 1024);
      })(),
    );
    const error = await small
      .receiveUpload(owner, {
        connector: 'whatsapp',
        fileNameHeader: 'big.txt',
        declaredBytes: null,
        body: overrun,
      })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: 'payload_too_large',
      details: { max_file_bytes: 256 * 1024 },
    });
    expect(overrun.destroyed).toBe(false);
    expect(await db.store.db.selectFrom('upload_artifacts').selectAll().execute()).toEqual([]);
    expect(await readdir(join(dataDir, 'artifacts'))).toEqual([]);
  });

  it("refuses a connector without an importer with the plan's reason, before writing anything", async () => {
    const manifestsOnly = createBundledRegistry().manifests();
    const s = services({
      registry: ConnectorRegistry.from(manifestsOnly.map((manifest) => ({ manifest }))),
    });
    const plan = await s.planFor(owner, 'whatsapp');
    expect(plan.support_state).toBe('unsupported');
    const error = await s
      .receiveUpload(owner, {
        connector: 'whatsapp',
        fileNameHeader: 'chat.txt',
        declaredBytes: 10,
        body: Readable.from([Buffer.from('x')]),
      })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'setup_not_available', message: plan.support_reason });
    expect(await db.store.db.selectFrom('upload_artifacts').selectAll().execute()).toEqual([]);
    expect(existsSync(join(dataDir, 'artifacts'))).toBe(false);
  });

  it('refuses uploads when the services were built without a data directory', async () => {
    const s = services({ dataDir: null });
    expect(await errorCodeOf(() => uploadFamily(s))).toBe('setup_not_available');
  });

  it('a failed import leaves the draft a draft with one repair action and the file staged again', async () => {
    const failing: UploadImporter = async () => {
      throw new Error('disk on fire');
    };
    const s = services({ registry: withImporter(failing) });
    const artifact = await uploadFamily(s);
    const queued = await s.importArtifacts(owner, {
      artifact_ids: [artifact.id],
      target: { new: {} },
    });
    expect(queued).toMatchObject({ status: 'draft', setup_state: 'first_sync_pending' });
    const run = await s.runNextImport('w1');
    expect(run).toMatchObject({ kind: 'import', status: 'failed', error_code: 'import_failed' });
    const status = await s.getSetupStatus(owner, queued.connection_id);
    expect(status).toMatchObject({
      status: 'draft',
      setup_state: 'first_sync_failed',
      remediation: { kind: 'restart_setup' },
    });
    const again = await s.getArtifact(owner, artifact.id);
    expect(again.status).toBe('staged');
    expect(existsSync(join(dataDir, 'artifacts', artifact.id))).toBe(true);
    // Released, so it can be imported again.
    const retry = await s.importArtifacts(owner, {
      artifact_ids: [artifact.id],
      target: { connection_id: queued.connection_id },
    });
    expect(retry.run?.status).toBe('queued');
  });

  it("offers the guessed date order in the owner's words and hands the owner's other pick to the importer", async () => {
    const picks: unknown[] = [];
    const sentAt: unknown[] = [];
    const recording: UploadImporter = async (input) => {
      picks.push(input.readings);
      const emit: typeof input.emit = async (stream, records) => {
        if (stream === 'messages') sentAt.push(...records.map((record) => record.sent_at));
        await input.emit(stream, records);
      };
      return bundledImporter({ ...input, emit });
    };
    const s = services({ registry: withImporter(recording) });
    const artifact = await s.receiveUpload(owner, {
      connector: 'whatsapp',
      fileNameHeader: encodeURIComponent('WhatsApp Chat with Team.txt'),
      declaredBytes: null,
      body: Readable.from([await readFile(teamPath)]),
    });
    expect(artifact.validation?.readings).toEqual([
      {
        key: 'date_order',
        summary:
          'Read 05/01/2024 as 5 January 2024 — read the other way, 1 line would go back in time.',
        chosen: 'day_first',
        options: [
          { value: 'day_first', label: 'Day first (05/01/2024 is 5 January 2024)' },
          { value: 'month_first', label: 'Month first (05/01/2024 is 1 May 2024)' },
        ],
      },
    ]);
    expect(
      await errorCodeOf(() =>
        s.importArtifacts(owner, {
          artifact_ids: [artifact.id],
          target: { new: {} },
          readings: { date_order: 'year_first' },
        }),
      ),
    ).toBe('invalid_request');
    expect(
      await errorCodeOf(() =>
        s.importArtifacts(owner, {
          artifact_ids: [artifact.id],
          target: { new: {} },
          readings: { time_zone: 'utc' },
        }),
      ),
    ).toBe('invalid_request');
    await s.importArtifacts(owner, {
      artifact_ids: [artifact.id],
      target: { new: {} },
      readings: { date_order: 'month_first' },
    });
    expect(await s.runNextImport('w1')).toMatchObject({ kind: 'import', status: 'succeeded' });
    expect(picks).toEqual([{ date_order: 'month_first' }]);
    expect(sentAt).toEqual([
      '2024-05-01T09:00:00',
      '2024-05-01T09:01:00',
      '2024-05-01T09:01:00',
      '2024-06-01T17:45:00',
      '2024-01-02T08:30:00',
    ]);
  });

  it('an importer refusing one file marks that file invalid with its reason', async () => {
    const { ConnError } = await import('@conn/setup-engine');
    const refusing: UploadImporter = async ({ files }) => {
      throw new ConnError('artifact_invalid', 'This chat could not be read.', {
        reason: 'unreadable_transcript',
        file_name: files[0]!.file_name,
      });
    };
    const s = services({ registry: withImporter(refusing) });
    const artifact = await uploadFamily(s);
    await s.importArtifacts(owner, { artifact_ids: [artifact.id], target: { new: {} } });
    expect(await s.runNextImport('w1')).toMatchObject({ error_code: 'artifact_invalid' });
    expect(await s.getArtifact(owner, artifact.id)).toMatchObject({
      status: 'invalid',
      validation: {
        remedy: 'This chat could not be read.',
        details: { reason: 'unreadable_transcript' },
      },
    });
    expect((await s.sweepUploads()).folders_removed).toBe(1);
  });

  it('keeps a file claimed by a queued import from expiring, and releases a claim whose run is gone', async () => {
    const s = services();
    const artifact = await uploadFamily(s);
    const queued = await s.importArtifacts(owner, {
      artifact_ids: [artifact.id],
      target: { new: {} },
    });
    clock.advance(25 * hour);
    expect((await s.sweepExpired()).upload_artifacts).toBe(0);
    expect(await s.sweepUploads()).toMatchObject({ released: 0, folders_removed: 0 });
    // The run dies without settling its file (a worker lost for good).
    await db.store.db
      .updateTable('runs')
      .set({ status: 'failed', error_code: 'worker_lost' })
      .where('connection_id', '=', queued.connection_id)
      .execute();
    expect((await s.sweepUploads()).released).toBe(1);
    expect((await s.sweepExpired()).upload_artifacts).toBe(1);
    expect((await s.sweepUploads()).folders_removed).toBe(1);
  });

  it('interrupts an upload whose server died as soon as its lease lapses, never one still arriving, and removes its partial file', async () => {
    // Replica A receives on its own connection to the database; B is another replica.
    const storeA = db.open();
    const leased = { uploadLeaseMs: 900 };
    const replica = (store: typeof db.store) =>
      createServices({
        store,
        vault: keyedVault(),
        registry: createBundledRegistry(),
        deployment: readyDeployment,
        clock: clock.now,
        dataDir,
        ...leased,
      });
    const a = replica(storeA);
    const b = replica(db.store);
    const body = new PassThrough();
    body.write(await readFile(familyPath));
    const receiving = a
      .receiveUpload(owner, {
        connector: 'whatsapp',
        fileNameHeader: 'chat.txt',
        declaredBytes: null,
        body,
      })
      .catch((error: unknown) => error);
    await expect.poll(async () => (await b.listArtifacts(owner)).length).toBe(1);
    const [upload] = await b.listArtifacts(owner);
    expect(upload).toMatchObject({ status: 'uploaded', file_name: 'chat.txt' });
    const folder = join(dataDir, 'artifacts', upload!.id);
    await expect.poll(async () => (await readdir(folder)).length).toBe(1);

    // Past the first lease, but A renewed it meanwhile: B leaves it alone.
    clock.advance(600);
    await new Promise((resolve) => setTimeout(resolve, 450));
    clock.advance(600);
    expect(await b.interruptUploads()).toEqual([]);
    expect((await b.getArtifact(owner, upload!.id)).status).toBe('uploaded');

    // A dies (its database connection goes with it): its lease lapses within a lease's time.
    await storeA.close();
    clock.advance(1_000);
    expect(await b.sweepUploads()).toMatchObject({ interrupted: 1 });
    expect(await b.getArtifact(owner, upload!.id)).toMatchObject({
      status: 'interrupted',
      validation: { details: { reason: 'upload_interrupted' } },
    });
    expect(existsSync(folder)).toBe(false);
    expect((await b.listArtifacts(owner)).map((listed) => listed.status)).toEqual(['interrupted']);
    body.destroy();
    await receiving;
  });

  it('treats an upload row from before leases by its last touch, and removes folders without a row', async () => {
    const s = services();
    const stamp = clock.now().toISOString();
    await db.store.db
      .insertInto('upload_artifacts')
      .values({
        id: 'art_legacy',
        owner_id: owner,
        connector: 'whatsapp',
        file_name: 'big.zip',
        size_bytes: 0,
        sha256: null,
        status: 'uploaded',
        validation_json: null,
        storage_path: 'artifacts/art_legacy/partial',
        connection_id: null,
        expires_at: new Date(Date.parse(stamp) + 24 * hour).toISOString(),
        imported_at: null,
        created_at: stamp,
        updated_at: stamp,
      })
      .execute();
    await mkdir(join(dataDir, 'artifacts', 'art_legacy'), { recursive: true });
    await writeFile(join(dataDir, 'artifacts', 'art_legacy', 'partial'), 'half a file');
    await mkdir(join(dataDir, 'artifacts', 'art_without_row'), { recursive: true });
    clock.advance(1);
    expect(await s.sweepUploads()).toMatchObject({ interrupted: 1, folders_removed: 1 });
    expect((await s.getArtifact(owner, 'art_legacy')).status).toBe('interrupted');
    expect(await readdir(join(dataDir, 'artifacts'))).toEqual([]);
  });

  it('strips controls and bidirectional overrides from the file name and the label derived from it', async () => {
    const s = services();
    const artifact = await uploadFamily(s, '\u202EWhatsApp Chat with Fam\u2066ily\u0007.txt');
    expect(artifact.status).toBe('staged');
    expect(artifact.file_name).toBe('WhatsApp Chat with Family.txt');
    expect(artifact.validation?.suggested_label).toBe('WhatsApp — Family');
  });

  it('stages 20 identical uploads sent at once exactly once: the other 19 are duplicates', async () => {
    const s = services();
    const bytes = await family();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        s.receiveUpload(owner, {
          connector: 'whatsapp',
          fileNameHeader: encodeURIComponent('WhatsApp Chat with Family.txt'),
          declaredBytes: null,
          body: Readable.from([bytes]),
        }),
      ),
    );
    const statuses = answers.map((artifact) => artifact.status).sort();
    expect(statuses).toEqual([...Array.from({ length: 19 }, () => 'duplicate'), 'staged']);
    const staged = answers.find((artifact) => artifact.status === 'staged');
    for (const artifact of answers.filter((a) => a.status === 'duplicate'))
      expect(artifact.validation?.details).toMatchObject({ duplicate_of: staged?.id });
  });

  it('stages a re-upload of a copy whose 24 h ran out before the sweeper marked it expired', async () => {
    const s = services();
    const first = await uploadFamily(s);
    clock.advance(25 * hour);
    const again = await uploadFamily(s);
    expect(again.status).toBe('staged');
    expect((await s.getArtifact(owner, first.id)).status).toBe('expired');
  });

  it('knows a later export of a chat already imported as another new source as the same account', async () => {
    const s = services();
    const first = await uploadFamily(s);
    const imported = await s.importArtifacts(owner, {
      artifact_ids: [first.id],
      target: { new: {} },
    });
    expect((await s.runNextImport('worker-test'))?.status).toBe('succeeded');
    const account = (await s.getSetupStatus(owner, imported.connection_id)).account;
    expect(account).toEqual({ id: expect.stringMatching(/^wa-chat-/), label: 'Family' });
    // The same chat exported a day later: one more message, other bytes, the same chat.
    const later = Buffer.concat([
      await family(),
      Buffer.from('1/2/24, 9:00 AM - Bob: One more from the next day\n'),
    ]);
    const second = await s.receiveUpload(owner, {
      connector: 'whatsapp',
      fileNameHeader: encodeURIComponent('WhatsApp Chat with Family.txt'),
      declaredBytes: null,
      body: Readable.from([later]),
    });
    expect(second.status).toBe('staged');
    const again = await s.importArtifacts(owner, {
      artifact_ids: [second.id],
      target: { new: {} },
    });
    const status = await s.getSetupStatus(owner, again.connection_id);
    expect(status.same_account).toEqual({
      connection_id: imported.connection_id,
      label: 'WhatsApp — Family',
      status: 'active',
    });
  });

  it('stores blobs by content: the same bytes twice take one file and one row', async () => {
    const deps = createServiceDeps({
      store: db.store,
      vault: keyedVault(),
      registry: createBundledRegistry(),
      deployment: readyDeployment,
      clock: clock.now,
      dataDir,
    });
    const sink = contentAddressedBlobSink(deps, dataDir);
    const bytes = randomBytes(100_000);
    const first = await sink.put(
      Readable.from([bytes.subarray(0, 40_000), bytes.subarray(40_000)]),
      {
        file_name: 'IMG-1.jpg',
        media_type: 'image/jpeg',
      },
    );
    const second = await sink.put(Readable.from([bytes]), { file_name: 'IMG-1 (copy).jpg' });
    expect(second).toEqual(first);
    expect(first.size_bytes).toBe(100_000);
    const file = join(dataDir, 'blobs', first.sha256.slice(0, 2), first.sha256);
    expect(await readFile(file)).toEqual(bytes);
    const rows = await db.store.db.selectFrom('blobs').selectAll().execute();
    expect(rows).toMatchObject([
      { sha256: first.sha256, size_bytes: 100_000, media_type: 'image/jpeg' },
    ]);
    expect(await readdir(join(dataDir, 'blobs', 'incoming'))).toEqual([]);

    const failing = new Readable({
      read() {
        this.destroy(new Error('entry refused'));
      },
    });
    await expect(sink.put(failing, { file_name: 'bad.jpg' })).rejects.toThrow('entry refused');
    expect(await readdir(join(dataDir, 'blobs', 'incoming'))).toEqual([]);
  });
});
