import { afterEach, describe, expect, it } from 'vitest';
import { claimStagedArtifacts } from '../../src/repositories/artifact-imports';
import {
  expireAbandonedArtifacts,
  releaseOrphanedArtifactClaims,
} from '../../src/repositories/artifact-sweeps';
import { dialects, type TestDatabase } from '../dialects';
import { artifact, connection, later, run, seedOwner } from './fixtures';

describe.each(dialects)('upload artifacts repository on %s', (_dialect, factory) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  it('claims only the owner’s staged, unclaimed, unexpired artifacts', async () => {
    t = await factory.create();
    const { db } = t.store;
    await seedOwner(db);
    await db
      .insertInto('owners')
      .values({ id: 'own_2', password_hash: 'x', created_at: 'x' })
      .execute();
    await db
      .insertInto('connections')
      .values([connection('con_1', 0), connection('con_2', 1)])
      .execute();
    await db
      .insertInto('upload_artifacts')
      .values([
        artifact('art_ok'),
        artifact('art_invalid', { status: 'invalid' }),
        artifact('art_taken', { connection_id: 'con_2' }),
        artifact('art_old', { expires_at: later(-1).toISOString() }),
        artifact('art_theirs', { owner_id: 'own_2' }),
      ])
      .execute();

    const claim = (artifactIds: string[]) =>
      claimStagedArtifacts(db, {
        artifactIds,
        ownerId: 'own_1',
        connectionId: 'con_1',
        now: later(0),
      });
    expect(
      await claim(['art_ok', 'art_invalid', 'art_taken', 'art_old', 'art_theirs', 'art_none']),
    ).toBe(1);
    expect(await claim(['art_ok'])).toBe(0);
    expect(await claim([])).toBe(0);
    const owned = await db
      .selectFrom('upload_artifacts')
      .select(['id', 'connection_id'])
      .where('connection_id', '=', 'con_1')
      .execute();
    expect(owned).toEqual([{ id: 'art_ok', connection_id: 'con_1' }]);
  });

  it('releases claims whose import run ended, keeps a live import’s, and expires only unclaimed files', async () => {
    t = await factory.create();
    const { db } = t.store;
    await seedOwner(db);
    await db
      .insertInto('connections')
      .values([connection('con_live', 0), connection('con_done', 1)])
      .execute();
    await db
      .insertInto('runs')
      .values([
        run('run_live', 'con_live', 0, { kind: 'import', status: 'running' }),
        run('run_done', 'con_done', 0, { kind: 'import', status: 'failed' }),
      ])
      .execute();
    const past = later(-1).toISOString();
    await db
      .insertInto('upload_artifacts')
      .values([
        artifact('art_live', { connection_id: 'con_live', expires_at: past }),
        artifact('art_done', { connection_id: 'con_done' }),
        artifact('art_idle', { expires_at: past }),
        artifact('art_fresh'),
      ])
      .execute();

    expect(await expireAbandonedArtifacts(db, later(0))).toBe(1);
    expect(await releaseOrphanedArtifactClaims(db, later(0))).toBe(1);
    const rows = await db
      .selectFrom('upload_artifacts')
      .select(['id', 'status', 'connection_id'])
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { id: 'art_done', status: 'staged', connection_id: null },
      { id: 'art_fresh', status: 'staged', connection_id: null },
      { id: 'art_idle', status: 'expired', connection_id: null },
      { id: 'art_live', status: 'staged', connection_id: 'con_live' },
    ]);
  });
});
