import { afterEach, describe, expect, it } from 'vitest';
import {
  insertCredential,
  replaceCredential,
  writeCredentialExpiry,
} from '../../src/repositories/credentials';
import { dialects, type TestDatabase } from '../dialects';
import { connection, later, seedOwner } from './fixtures';

describe.each(dialects)('credentials repository on %s', (_dialect, factory) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  it('keeps the expiry the provider reported: none at first, refreshed by a sync, replaced by a rotation', async () => {
    t = await factory.create();
    const { db } = t.store;
    await seedOwner(db);
    await db.insertInto('connections').values(connection('con_1', 0)).execute();
    const stamp = later(0).toISOString();
    await insertCredential(db, {
      id: 'crd_1',
      connection_id: 'con_1',
      kind: 'personal_access_token',
      key_id: 'key_1',
      sealed: 'v1.nonce.ciphertext.tag',
      fingerprint: 'abcdef012345',
      validated_at: stamp,
      rotated_at: null,
      created_at: stamp,
    });
    const expiry = () =>
      db
        .selectFrom('credentials')
        .select('expires_at')
        .where('connection_id', '=', 'con_1')
        .executeTakeFirstOrThrow();
    expect(await expiry()).toEqual({ expires_at: null });

    await writeCredentialExpiry(db, 'con_1', '2025-04-01T00:00:00.000Z');
    expect(await expiry()).toEqual({ expires_at: '2025-04-01T00:00:00.000Z' });
    // Another connection's credential is not touched (and a connection without one is a no-op).
    await writeCredentialExpiry(db, 'con_missing', null);
    expect(await expiry()).toEqual({ expires_at: '2025-04-01T00:00:00.000Z' });

    await replaceCredential(db, 'crd_1', {
      kind: 'personal_access_token',
      key_id: 'key_1',
      sealed: 'v1.nonce.other.tag',
      fingerprint: '543210fedcba',
      validated_at: stamp,
      rotated_at: stamp,
      expires_at: null,
    });
    expect(await expiry()).toEqual({ expires_at: null });
  });
});
