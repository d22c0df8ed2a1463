import { afterEach, describe, expect, it } from 'vitest';
import { listConnectionsPage, transitionConnection } from '../../src/repositories/connections';
import { dialects, type TestDatabase } from '../dialects';
import { connection, later, seedOwner, t0 } from './fixtures';

describe.each(dialects)('connections repository on %s', (_dialect, factory) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  it('writes a transition only from the status it was decided on, and never on a retired draft', async () => {
    t = await factory.create();
    const { db } = t.store;
    await seedOwner(db);
    await db
      .insertInto('connections')
      .values([
        connection('con_draft', 0, { status: 'draft' }),
        connection('con_retired', 1, { status: 'draft', retired_at: t0.toISOString() }),
      ])
      .execute();

    expect(await transitionConnection(db, 'con_draft', 'draft', { status: 'active' })).toBe(true);
    // The loser of a race decided from the same status finds it moved on.
    expect(await transitionConnection(db, 'con_draft', 'draft', { status: 'revoked' })).toBe(false);
    expect(await transitionConnection(db, 'con_retired', 'draft', { status: 'active' })).toBe(
      false,
    );
    const rows = await db
      .selectFrom('connections')
      .select(['id', 'status'])
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { id: 'con_draft', status: 'active' },
      { id: 'con_retired', status: 'draft' },
    ]);
  });

  it('pages newest first with an id tie-break, each connection once, drafts only while in progress', async () => {
    t = await factory.create();
    const { db } = t.store;
    await seedOwner(db);
    const now = later(10_000);
    await db
      .insertInto('connections')
      .values([
        connection('con_a', 1),
        connection('con_b', 2),
        // Same creation time: the id decides, descending.
        connection('con_c', 3, { status: 'revoked' }),
        connection('con_d', 3, { status: 'needs_attention' }),
        connection('con_pending', 4, { status: 'draft', expires_at: later(20_000).toISOString() }),
        connection('con_open', 5, { status: 'draft' }),
        connection('con_expired', 6, { status: 'draft', expires_at: later(5_000).toISOString() }),
        connection('con_gone', 7, { status: 'draft', retired_at: later(7).toISOString() }),
      ])
      .execute();

    const live = await listConnectionsPage(db, 'own_1', { includePending: false, limit: 10, now });
    expect(live.map((row) => row.id)).toEqual(['con_d', 'con_c', 'con_b', 'con_a']);

    const seen: string[] = [];
    let after: { createdAt: string; id: string } | undefined;
    for (;;) {
      const page = await listConnectionsPage(db, 'own_1', {
        includePending: true,
        ...(after === undefined ? {} : { after }),
        limit: 2,
        now,
      });
      seen.push(...page.map((row) => row.id));
      const last = page.at(-1);
      if (page.length < 2 || last === undefined) break;
      after = { createdAt: last.created_at, id: last.id };
    }
    expect(seen).toEqual(['con_open', 'con_pending', 'con_d', 'con_c', 'con_b', 'con_a']);
  });
});
