import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import {
  bundledConnectors,
  type Collector,
  ConnectorRegistry,
  createBundledRegistry,
  type UploadImporter,
} from '@conn/connectors';
import { ConnError, type ConnectionEvent } from '@conn/setup-engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authorizeGitlab, FakeProvider, fakeGitlabApp } from './fake-oauth-provider';
import {
  dialects,
  fakeTokens,
  type ServiceFixture,
  serviceFixture,
  type TestDatabase,
  testClient,
  testRegistry,
} from './harness';
import { outboxEvents } from './outbox-events';

const familyPath = fileURLToPath(
  new URL(
    '../../connectors/test/fixtures/whatsapp/android-txt/WhatsApp Chat with Family.txt',
    import.meta.url,
  ),
);

/** Emits its records first and reports progress after, so the order of the two is fixed. */
const githubCollector: Collector = async ({ emit, progress }) => {
  await emit('repositories', [{ id: 1, full_name: 'octocat/hello' }]);
  progress('repositories', { repositories: 1 });
  return { counts: { repositories: 1 } };
};
const gitlabCollector: Collector = async ({ emit }) => {
  await emit('projects', [{ id: 1, path_with_namespace: 'tanuki/one' }]);
  return { counts: { projects: 1 } };
};

const typesOf = (events: readonly ConnectionEvent[]) => events.map((event) => event.type);

describe.each(dialects)('event sequences of each modality on %s', (_dialect, factory) => {
  let db: TestDatabase;
  let fx: ServiceFixture;
  let provider: FakeProvider;

  beforeEach(async () => {
    db = await factory.create();
    provider = new FakeProvider();
    fx = await serviceFixture(db.store, {
      registry: testRegistry({ githubCollector }).register('gitlab', {
        collector: gitlabCollector,
      }),
      fetch: provider.fetch,
    });
  });
  afterEach(async () => {
    await db.dispose();
  });

  const events = () => outboxEvents(fx.services, fx.owner);

  it('static secret: draft, credential, first sync to active, proof', async () => {
    const draft = await fx.services.createDraft(fx.owner, { connector: 'github', fields: {} });
    await fx.services.captureCredential(fx.owner, draft.connection_id, {
      token: fakeTokens.good('octocat'),
    });
    const run = await fx.services.runNextSync('worker-1');
    expect(run?.status).toBe('succeeded');

    const published = await events();
    expect(typesOf(published)).toEqual([
      'draft_created',
      'credential_accepted',
      'run_queued',
      'run_started',
      'connection_activated',
      'proof_recorded',
      'run_progress',
      'run_succeeded',
    ]);
    for (const event of published) {
      expect(event).toMatchObject({ connector: 'github', connection_id: draft.connection_id });
    }
    // Ids are monotonic, and each event carries the setup state its change left.
    expect(published.map((e) => e.id)).toEqual(
      [...published.map((e) => e.id)].sort((a, b) => a - b),
    );
    expect(published.map((e) => [e.type, e.setup_state])).toEqual([
      ['draft_created', 'awaiting_credential'],
      ['credential_accepted', 'first_sync_pending'],
      ['run_queued', 'first_sync_pending'],
      ['run_started', 'first_sync_running'],
      ['connection_activated', 'active'],
      ['proof_recorded', 'active'],
      ['run_progress', 'active'],
      ['run_succeeded', 'active'],
    ]);
    const runEvents = published.filter((e) => e.type.startsWith('run_'));
    expect(new Set(runEvents.map((e) => e.run_id))).toEqual(new Set([run?.id]));
    expect(published.find((e) => e.type === 'credential_accepted')).toMatchObject({
      rotated: false,
    });
    expect(published.find((e) => e.type === 'run_succeeded')).toMatchObject({
      run_kind: 'first_sync',
      records_accepted: 1,
    });
  });

  it('provider authorization: started, completed and active at the callback, then the first sync and its proof', async () => {
    await fx.services.saveProviderApp(fx.owner, 'gitlab', fakeGitlabApp);
    const { connection_id } = await authorizeGitlab(fx.services, provider, fx.owner);
    expect((await fx.services.runNextSync('worker-1'))?.status).toBe('succeeded');

    const published = await events();
    expect(typesOf(published)).toEqual([
      'authorization_started',
      'authorization_completed',
      'connection_activated',
      'run_queued',
      'run_started',
      'proof_recorded',
      'run_succeeded',
    ]);
    // No connection exists while the owner is at the provider.
    expect(published[0]).toMatchObject({ connection_id: null, setup_state: null });
    for (const event of published.slice(1)) expect(event.connection_id).toBe(connection_id);
  });

  it('provider authorization: a denied consent is authorization_failed with its code', async () => {
    await fx.services.saveProviderApp(fx.owner, 'gitlab', fakeGitlabApp);
    const { authorization_url } = await fx.services.startAuthorization(fx.owner, 'gitlab', {
      unproven: true,
    });
    const state = new URL(authorization_url).searchParams.get('state') ?? '';
    await expect(
      fx.services.completeAuthorization({
        query: new URLSearchParams({ error: 'access_denied', state }),
        cookieOwnerId: fx.owner,
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const published = await events();
    expect(typesOf(published)).toEqual(['authorization_started', 'authorization_failed']);
    expect(published[1]).toMatchObject({ code: 'access_denied', connection_id: null });
  });

  it('device collector: intent, draft and code, enrollment, first ingest to active', async () => {
    const intent = await fx.services.createIntent(fx.owner, 'owner', { connector: 'claude-code' });
    const enrollment = await fx.services.exchangeEnrollmentCode(
      intent.next_step.enrollment_code!,
      'laptop',
      testClient,
    );
    await fx.services.ingestRecords({
      connectionId: enrollment.connection_id,
      runId: enrollment.run_id,
      stream: 'sessions',
      records: [{ session_id: 's1' }],
    });
    await fx.services.reportProgress(
      enrollment.run_id,
      { stage: 'sessions', counts: { accepted: 1 } },
      { connectionId: enrollment.connection_id },
    );
    await fx.services.finishRun(
      enrollment.run_id,
      { status: 'succeeded' },
      { connectionId: enrollment.connection_id },
    );

    const published = await events();
    expect(typesOf(published)).toEqual([
      'intent_created',
      'draft_created',
      'enrollment_code_minted',
      'enrollment_code_exchanged',
      'credential_accepted',
      'run_started',
      'connection_activated',
      'run_progress',
      'run_succeeded',
    ]);
    // The intent's id travels with what it materialized, the code's exchange and the run it opened.
    expect(published.map((e) => e.intent_id)).toEqual([
      ...Array(6).fill(intent.intent_id),
      null,
      null,
      null,
    ]);
    expect(published[0]?.connection_id).toBeNull();
    for (const event of published.slice(1)) {
      expect(event.connection_id).toBe(enrollment.connection_id);
    }
    expect(published[2]).toMatchObject({ expires_at: intent.next_step.expires_at });
    expect(published.slice(5).map((e) => e.run_id)).toEqual(Array(4).fill(enrollment.run_id));
  });

  describe('uploads', () => {
    let dataDir: string;
    beforeEach(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'conn-events-'));
      fx = await serviceFixture(db.store, { registry: createBundledRegistry(), dataDir });
    });
    afterEach(async () => {
      await rm(dataDir, { recursive: true, force: true });
    });

    const upload = async (name: string, body: Buffer) =>
      fx.services.receiveUpload(fx.owner, {
        connector: 'whatsapp',
        fileNameHeader: encodeURIComponent(name),
        declaredBytes: null,
        body: Readable.from([body]),
      });

    it('upload: staged, imported into a new source, active; a copy is a duplicate, a photo invalid', async () => {
      const family = await readFile(familyPath);
      const staged = await upload('WhatsApp Chat with Family.txt', family);
      const copy = await upload('again.txt', family);
      const photo = await upload('photo.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
      const status = await fx.services.importArtifacts(fx.owner, {
        artifact_ids: [staged.id],
        target: { new: {} },
      });
      expect((await fx.services.runNextImport('worker-1'))?.status).toBe('succeeded');

      const published = await events();
      expect(typesOf(published)).toEqual([
        'upload_staged',
        'upload_duplicate',
        'upload_invalid',
        'draft_created',
        'run_queued',
        'run_started',
        'run_progress',
        'connection_activated',
        'run_succeeded',
      ]);
      expect(published.slice(0, 3)).toMatchObject([
        { upload_id: staged.id, connection_id: null, setup_state: null },
        { upload_id: copy.id, duplicate_of: staged.id },
        { upload_id: photo.id, code: expect.stringMatching(/^[a-z][a-z0-9_]*$/) },
      ]);
      for (const event of published.slice(3)) {
        expect(event.connection_id).toBe(status.connection_id);
      }
    });

    it('upload: a file the importer refuses turns upload_invalid with its reason after the failed run', async () => {
      const refusing: UploadImporter = async ({ files }) => {
        throw new ConnError('artifact_invalid', 'This chat could not be read.', {
          reason: 'unreadable_transcript',
          file_name: files[0]!.file_name,
        });
      };
      fx = await serviceFixture(db.store, {
        registry: ConnectorRegistry.from(
          bundledConnectors.map((definition) =>
            definition.manifest.key === 'whatsapp'
              ? { ...definition, importer: refusing }
              : definition,
          ),
        ),
        dataDir,
      });
      const staged = await upload('chat.txt', await readFile(familyPath));
      await fx.services.importArtifacts(fx.owner, {
        artifact_ids: [staged.id],
        target: { new: {} },
      });
      expect((await fx.services.runNextImport('worker-1'))?.status).toBe('failed');
      const published = await events();
      expect(typesOf(published)).toEqual([
        'upload_staged',
        'draft_created',
        'run_queued',
        'run_started',
        'run_failed',
        'upload_invalid',
      ]);
      expect(published.at(-1)).toMatchObject({
        upload_id: staged.id,
        code: 'unreadable_transcript',
        connection_id: null,
      });
    });
  });
});
