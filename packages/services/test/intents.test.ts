import { IntentSchema } from '@conn/setup-engine';
import { createVault } from '@conn/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  dialects,
  errorCodeOf,
  type ServiceFixture,
  serviceFixture,
  type TestDatabase,
  testClient,
} from './harness';

describe.each(dialects)('intents on %s', (_dialect, factory) => {
  let db: TestDatabase;
  let fx: ServiceFixture;

  beforeEach(async () => {
    db = await factory.create();
    fx = await serviceFixture(db.store);
  });
  afterEach(async () => {
    await db.dispose();
  });

  async function countRows(table: 'intents' | 'connections' | 'enrollment_codes') {
    const row = await db.store.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('mints a draft and an enrollment code for a local collector, and never an active connection', async () => {
    const intent = await fx.services.createIntent(fx.owner, 'agent:agt_1', {
      connector: 'claude-code',
    });
    expect(IntentSchema.parse(intent)).toEqual(intent);
    expect(intent.status).toBe('pending_owner_action');
    expect(intent.plan.support_state).toBe('supported');
    expect(intent.next_step.kind).toBe('enroll_local_collector');
    expect(intent.next_step.command).toEqual(
      expect.stringMatching(
        new RegExp(
          `conn-cli\\.tgz collector enroll --server \\S+ --code ${intent.next_step.enrollment_code}$`,
        ),
      ),
    );
    expect(intent.next_step.url).toMatch(/^http:\/\/127\.0\.0\.1:7777\//);
    expect(intent.connection_id).not.toBeNull();
    const active = await db.store.db
      .selectFrom('connections')
      .select('id')
      .where('status', '=', 'active')
      .execute();
    expect(active).toHaveLength(0);
    const read = await fx.services.getIntent(fx.owner, intent.intent_id);
    expect(read.connection_id).toBe(intent.connection_id);
    expect(read.next_step.enrollment_code).toBeNull();
    expect(await errorCodeOf(() => fx.services.getIntent(fx.otherOwner, intent.intent_id))).toBe(
      'intent_not_found',
    );
  });

  it('blocks a proof-gated path until the owner confirms the unproven attempt', async () => {
    const blocked = await fx.services.createIntent(fx.owner, 'owner', { connector: 'github' });
    expect(blocked.status).toBe('blocked');
    expect(blocked.blocked?.code).toBe('unproven_path_not_confirmed');
    expect(blocked.plan.proof_gate?.unproven_attempt_allowed).toBe(true);
    const confirmed = await fx.services.createIntent(fx.owner, 'owner', {
      connector: 'github',
      unproven: true,
    });
    expect(confirmed.status).toBe('pending_owner_action');
    expect(confirmed.next_step).toMatchObject({
      kind: 'capture_static_secret',
      unproven: true,
      action: { method: 'POST', path: '/v1/owner/connections/drafts' },
    });
    // Static-secret intents materialize nothing: the owner-only form creates the draft.
    expect(await countRows('connections')).toBe(0);
  });

  it('blocks on deployment readiness without writing a connection', async () => {
    const noKey = await serviceFixture(db.store, {
      vault: createVault(null),
      deployment: { credential_key_provider: null },
      clock: fx.clock,
    });
    const intent = await noKey.services.createIntent(noKey.owner, 'owner', {
      connector: 'github',
      unproven: true,
    });
    expect(intent).toMatchObject({
      status: 'blocked',
      blocked: { code: 'credential_key_unavailable' },
    });
    expect(intent.next_step.kind).toBe('configure_deployment');
    expect(await countRows('connections')).toBe(0);
  });

  it('returns the same intent for a retried key and refuses the key with another body', async () => {
    const first = await fx.services.createIntent(
      fx.owner,
      'owner',
      { connector: 'claude-code' },
      'k-1',
    );
    const again = await fx.services.createIntent(
      fx.owner,
      'owner',
      { connector: 'claude-code' },
      'k-1',
    );
    expect(again.intent_id).toBe(first.intent_id);
    expect(again.connection_id).toBe(first.connection_id);
    // The first code was shown once; the retry gets a working code for the same draft.
    expect(again.next_step.enrollment_code).not.toBeNull();
    const enrolled = await fx.services.exchangeEnrollmentCode(
      again.next_step.enrollment_code!,
      'pc',
      testClient,
    );
    expect(enrolled.connection_id).toBe(first.connection_id);
    expect(
      await errorCodeOf(() =>
        fx.services.createIntent(
          fx.owner,
          'owner',
          { connector: 'claude-code', label: 'x' },
          'k-1',
        ),
      ),
    ).toBe('idempotency_conflict');
    // Keys are per owner.
    const other = await fx.services.createIntent(
      fx.otherOwner,
      'owner',
      { connector: 'claude-code' },
      'k-1',
    );
    expect(other.intent_id).not.toBe(first.intent_id);
  });

  it('keeps one live enrollment code per draft over many retries of one key, the latest', async () => {
    const request = { connector: 'claude-code' };
    const first = await fx.services.createIntent(fx.owner, 'owner', request, 'k-codes');
    const sequential = [];
    for (let i = 0; i < 5; i++)
      sequential.push(await fx.services.createIntent(fx.owner, 'owner', request, 'k-codes'));
    const concurrent = await Promise.all(
      Array.from({ length: 20 }, () =>
        fx.services.createIntent(fx.owner, 'owner', request, 'k-codes'),
      ),
    );
    const live = await db.store.db
      .selectFrom('enrollment_codes')
      .select('id')
      .where('connection_id', '=', first.connection_id!)
      .where('used_at', 'is', null)
      .where('retired_at', 'is', null)
      .execute();
    expect(live).toHaveLength(1);
    // A replaced code no longer enrolls; of the codes the concurrent retries showed, one does.
    // (More tries than one address's guess budget: each comes from its own.)
    for (const [index, replaced] of [first, ...sequential].entries()) {
      expect(
        await errorCodeOf(() =>
          fx.services.exchangeEnrollmentCode(
            replaced.next_step.enrollment_code!,
            'pc',
            `192.0.2.${index + 1}`,
          ),
        ),
      ).toBe('enrollment_code_invalid');
    }
    const codes = concurrent.map((intent) => intent.next_step.enrollment_code!);
    const results = await Promise.allSettled(
      codes.map((code, index) =>
        fx.services.exchangeEnrollmentCode(code, 'pc', `198.51.100.${index + 1}`),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
  });

  it('creates exactly 50 intents from 500 concurrent calls with 50 keys', async () => {
    const calls = Array.from({ length: 500 }, (_, index) =>
      fx.services.createIntent(
        fx.owner,
        'agent:agt_1',
        { connector: 'claude-code', label: `device ${index % 50}` },
        `key-${index % 50}`,
      ),
    );
    const intents = await Promise.all(calls);
    expect(new Set(intents.map((intent) => intent.intent_id)).size).toBe(50);
    expect(await countRows('intents')).toBe(50);
    expect(await countRows('connections')).toBe(50);
    for (let key = 0; key < 50; key++) {
      const ids = new Set(intents.filter((_, index) => index % 50 === key).map((i) => i.intent_id));
      expect(ids.size).toBe(1);
    }
  });

  it('refuses unknown connectors and malformed bodies', async () => {
    expect(
      await errorCodeOf(() => fx.services.createIntent(fx.owner, 'owner', { connector: 'nope' })),
    ).toBe('connector_not_found');
    expect(
      await errorCodeOf(() =>
        fx.services.createIntent(fx.owner, 'owner', {
          connector: 'github',
          extra: 1,
        } as unknown as { connector: string }),
      ),
    ).toBe('invalid_request');
  });
});
