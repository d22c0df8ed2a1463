import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scanAllText } from '../../store/test/scan-plaintext';
import {
  dialects,
  fakeGithubCollector,
  fakeTokens,
  keyedVault,
  type ServiceFixture,
  serviceFixture,
  type TestDatabase,
  testClient,
  testRegistry,
} from './harness';
import { outboxEvents } from './outbox-events';

const canary = 'CANARY7f3q9ZxWv2Lp8Rt';

describe.each(dialects)('secret canary on %s', (_dialect, factory) => {
  let db: TestDatabase;
  let fx: ServiceFixture;
  /** Everything a caller got back: results, thrown messages and details. */
  const outputs: unknown[] = [];

  beforeEach(async () => {
    db = await factory.create();
    fx = await serviceFixture(db.store, {
      registry: testRegistry({ githubCollector: fakeGithubCollector({ fail: true }) }),
      probeTimeoutMs: 50,
    });
    outputs.length = 0;
  });
  afterEach(async () => {
    await db.dispose();
  });

  async function observe<T>(fn: () => Promise<T>): Promise<T | undefined> {
    try {
      const result = await fn();
      outputs.push(result);
      return result;
    } catch (error) {
      const { message, code, details } = error as {
        message: string;
        code?: string;
        details?: unknown;
      };
      outputs.push({ message, code, details, text: String(error) });
      return undefined;
    }
  }

  it('never lets a secret out through any setup path', async () => {
    const s = fx.services;
    const owner = fx.owner;
    // A secret where only non-secret fields belong is refused, never stored.
    await observe(() =>
      s.createDraft(owner, { connector: 'github', fields: { token: `x-${canary}` } }),
    );
    await observe(() =>
      s.createDraft(owner, { connector: 'github', fields: { [`k${canary}`.toLowerCase()]: 'v' } }),
    );

    // Rejected on a draft (the fake probe quotes the token in its message).
    const rejected = await observe(() => s.createDraft(owner, { connector: 'github', fields: {} }));
    await observe(() =>
      s.captureCredential(owner, rejected!.connection_id, { token: `bad-${canary}` }),
    );
    // Probe timeout and unreachable provider (the network error quotes the token).
    const slow = await observe(() => s.createDraft(owner, { connector: 'github', fields: {} }));
    await observe(() =>
      s.captureCredential(owner, slow!.connection_id, { token: `slow-token-${canary}` }),
    );
    await observe(() =>
      s.captureCredential(owner, slow!.connection_id, { token: `unreachable-token-${canary}` }),
    );

    // Accepted, then a failed first sync whose collector error quotes the token.
    const accepted = await observe(() => s.createDraft(owner, { connector: 'github', fields: {} }));
    await observe(() =>
      s.captureCredential(owner, accepted!.connection_id, {
        token: fakeTokens.good(`octocat-${canary}`),
      }),
    );
    await observe(() => s.runNextSync('w1'));
    await observe(() => s.getSetupStatus(owner, accepted!.connection_id));

    // Rotation accepted and rotation refused on a live connection.
    const live = await observe(() => s.createDraft(owner, { connector: 'github', fields: {} }));
    await observe(() =>
      s.captureCredential(owner, live!.connection_id, {
        token: fakeTokens.good(`hubot-${canary}1`),
      }),
    );
    const run = await s.claimRun('w2');
    await observe(() =>
      s.ingestRecords({
        connectionId: live!.connection_id,
        runId: run!.id,
        stream: 'repositories',
        records: [{ id: 1 }],
      }),
    );
    await observe(() => s.finishRun(run!.id, { status: 'succeeded' }));
    await observe(() =>
      s.captureCredential(owner, live!.connection_id, {
        token: fakeTokens.good(`hubot-${canary}2`),
      }),
    );
    await observe(() =>
      s.captureCredential(owner, live!.connection_id, { token: `bad-${canary}3` }),
    );
    // A server with the wrong key fails closed on the stored credential.
    const wrongKey = await serviceFixture(db.store, { vault: keyedVault(), clock: fx.clock });
    await db.store.db
      .updateTable('connections')
      .set({ owner_id: wrongKey.owner })
      .where('id', '=', live!.connection_id)
      .execute();
    await observe(() =>
      wrongKey.services.captureCredential(wrongKey.owner, live!.connection_id, {
        token: fakeTokens.good(`hubot-${canary}4`),
      }),
    );

    // A static secret without a probe (validated on first sync), as a bundle with metadata.
    const mail = await observe(() =>
      s.createDraft(owner, { connector: 'gmail', fields: { email: 'me@example.com' } }),
    );
    await observe(() => s.captureCredential(owner, mail!.connection_id, { app_password: canary }));

    // Repair of the failed first sync, intents, listings and statuses of everything.
    await observe(() => s.reconnect(owner, accepted!.connection_id));
    await observe(() => s.runNextSync('w3'));
    await observe(() =>
      s.createIntent(owner, 'agent:agt_1', { connector: 'github', unproven: true }),
    );
    await observe(() => s.listConnections(owner, { includePending: true }));
    await observe(() => s.listConnections(wrongKey.owner, { includePending: true }));

    expect(await scanAllText(db.store, canary)).toEqual([]);
    const audit = await db.store.db.selectFrom('audit_events').selectAll().execute();
    expect(audit.length).toBeGreaterThan(10);
    expect(JSON.stringify(audit)).not.toContain(canary);
    const said = JSON.stringify(outputs);
    expect(said).not.toContain(canary);
    // The paths really ran: a refusal, a timeout, a failed sync and a stored credential were seen.
    expect(said).toContain('credential_rejected');
    expect(said).toContain('probe_timeout');
    expect(said).toContain('provider_unavailable');
    expect(said).toContain('collector_failed');
    expect(said).toContain('credential_key_mismatch');
    const credentials = await db.store.db.selectFrom('credentials').select('id').execute();
    expect(credentials.length).toBe(3);

    // Every event body in the outbox, as stored and as published.
    const bodies = await db.store.db.selectFrom('events').select('body_json').execute();
    const published = [
      ...(await outboxEvents(s, owner)),
      ...(await outboxEvents(wrongKey.services, wrongKey.owner)),
    ];
    expect(published).toHaveLength(bodies.length);
    for (const { body_json } of bodies) expect(body_json).not.toContain(canary);
    expect(JSON.stringify(published)).not.toContain(canary);
    // The events of the paths that met the secret are there: refusals, acceptances, failed syncs.
    const types = new Set(published.map((event) => event.type));
    for (const type of [
      'credential_rejected',
      'credential_accepted',
      'run_failed',
      'intent_created',
    ]) {
      expect(types, type).toContain(type);
    }
  });

  it('never stores enrollment codes or collector tokens in plaintext', async () => {
    const intent = await fx.services.createIntent(fx.owner, 'owner', { connector: 'claude-code' });
    const code = intent.next_step.enrollment_code!;
    const enrollment = await fx.services.exchangeEnrollmentCode(code, 'laptop', testClient);
    expect(await scanAllText(db.store, code)).toEqual([]);
    expect(await scanAllText(db.store, code.replaceAll('-', ''))).toEqual([]);
    expect(await scanAllText(db.store, enrollment.collector_token)).toEqual([]);
    const status = await fx.services.getSetupStatus(fx.owner, enrollment.connection_id);
    expect(JSON.stringify(status)).not.toContain(enrollment.collector_token);
    const events = JSON.stringify(await outboxEvents(fx.services, fx.owner));
    expect(events).toContain('enrollment_code_minted');
    expect(events).toContain('enrollment_code_exchanged');
    for (const secret of [code, code.replaceAll('-', ''), enrollment.collector_token]) {
      expect(events).not.toContain(secret);
    }
  });
});
