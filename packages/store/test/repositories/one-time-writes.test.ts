import { afterEach, describe, expect, it } from 'vitest';
import {
  retireExpiredAuthorizationSessions,
  useAuthorizationSession,
} from '../../src/repositories/authorization-sessions';
import { insertBlobOnce } from '../../src/repositories/blobs';
import {
  retireExpiredEnrollmentCodes,
  spendEnrollmentCode,
} from '../../src/repositories/enrollment-codes';
import { insertIntentOnce } from '../../src/repositories/intents';
import { insertProofOnce } from '../../src/repositories/proofs';
import { dialects, type TestDatabase } from '../dialects';
import { oneRowPerTable } from '../one-row-per-table';
import { connection, later, seedOwner, t0 } from './fixtures';

describe.each(dialects)('one-time writes on %s', (_dialect, factory) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  it('spends an enrollment code once, and never once expired or retired by the sweeper', async () => {
    t = await factory.create();
    const { db } = t.store;
    await seedOwner(db);
    await db
      .insertInto('connections')
      .values(connection('con_1', 0, { status: 'draft' }))
      .execute();
    const code = (id: string, hash: string, expiresMs: number) => ({
      ...oneRowPerTable.enrollment_codes,
      id,
      intent_id: null,
      code_hash: hash,
      expires_at: later(expiresMs).toISOString(),
      used_at: null,
      created_at: t0.toISOString(),
    });
    await db
      .insertInto('enrollment_codes')
      .values([
        code('enr_1', 'h1', 60_000),
        code('enr_2', 'h2', 60_000),
        code('enr_3', 'h3', 1_000),
      ])
      .execute();

    const spends = await Promise.all([
      spendEnrollmentCode(db, 'h1', later(10)),
      spendEnrollmentCode(db, 'h1', later(20)),
    ]);
    expect(spends.filter((spent) => spent !== undefined)).toEqual([
      { id: 'enr_1', connection_id: 'con_1', intent_id: null },
    ]);
    expect(await spendEnrollmentCode(db, 'h3', later(1_000))).toBeUndefined();
    expect(await retireExpiredEnrollmentCodes(db, later(2_000))).toBe(1);
    expect(await spendEnrollmentCode(db, 'h2', later(2_000))).toEqual({
      id: 'enr_2',
      connection_id: 'con_1',
      intent_id: null,
    });
    expect(await spendEnrollmentCode(db, 'unknown', later(2_000))).toBeUndefined();
  });

  it('uses an authorization session once; the sweeper retires only unused expired ones', async () => {
    t = await factory.create();
    const { db } = t.store;
    await seedOwner(db);
    const session = (id: string, expiresMs: number) => ({
      ...oneRowPerTable.authorization_sessions,
      id,
      state_hash: id,
      expires_at: later(expiresMs).toISOString(),
    });
    await db
      .insertInto('authorization_sessions')
      .values([session('aus_used', 1_000), session('aus_idle', 1_000), session('aus_live', 60_000)])
      .execute();

    expect(await useAuthorizationSession(db, 'aus_used', later(10))).toBe(true);
    expect(await useAuthorizationSession(db, 'aus_used', later(20))).toBe(false);
    expect(await retireExpiredAuthorizationSessions(db, later(2_000))).toBe(1);
    expect(await useAuthorizationSession(db, 'aus_idle', later(2_000))).toBe(false);
    expect(await useAuthorizationSession(db, 'aus_live', later(2_000))).toBe(true);
  });

  it('keeps the first intent per idempotency key, in a transaction that stays usable, and never collides unkeyed ones', async () => {
    t = await factory.create();
    const { store } = t;
    await seedOwner(store.db);
    const intent = (id: string, key: string | null) => ({
      ...oneRowPerTable.intents,
      id,
      connection_id: null,
      idempotency_key: key,
    });

    const inserted = await store.transaction(async (trx) => {
      const first = await insertIntentOnce(trx, intent('int_1', 'k'));
      const again = await insertIntentOnce(trx, intent('int_2', 'k'));
      // A conflict did not abort the transaction (PostgreSQL would refuse further statements).
      const unkeyed = [
        await insertIntentOnce(trx, intent('int_3', null)),
        await insertIntentOnce(trx, intent('int_4', null)),
      ];
      return { first, again, unkeyed };
    });
    expect(inserted).toEqual({ first: true, again: false, unkeyed: [true, true] });
    const ids = await store.db.selectFrom('intents').select('id').orderBy('id').execute();
    expect(ids.map((row) => row.id)).toEqual(['int_1', 'int_3', 'int_4']);
  });

  it('records the first proof of a connector and modality only, and a blob once', async () => {
    t = await factory.create();
    const { db } = t.store;
    await seedOwner(db);
    await db.insertInto('connections').values(connection('con_1', 0)).execute();
    await db.insertInto('runs').values(oneRowPerTable.runs).execute();
    const proof = (id: string) => ({ ...oneRowPerTable.proofs, id });

    const recorded = await Promise.all([
      insertProofOnce(db, proof('prf_1')),
      insertProofOnce(db, proof('prf_2')),
    ]);
    expect(recorded.sort()).toEqual([false, true]);

    await insertBlobOnce(db, oneRowPerTable.blobs);
    await insertBlobOnce(db, { ...oneRowPerTable.blobs, storage_path: 'blobs/elsewhere' });
    const blobs = await db.selectFrom('blobs').select('storage_path').execute();
    expect(blobs).toEqual([{ storage_path: oneRowPerTable.blobs.storage_path }]);
  });
});
