import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { normalizeEnrollmentCode } from '../src/index';
import {
  dialects,
  errorCodeOf,
  type ServiceFixture,
  serviceFixture,
  type TestDatabase,
  testClient,
} from './harness';

describe.each(dialects)('local-collector enrollment on %s', (_dialect, factory) => {
  let db: TestDatabase;
  let fx: ServiceFixture;

  beforeEach(async () => {
    db = await factory.create();
    fx = await serviceFixture(db.store);
  });
  afterEach(async () => {
    await db.dispose();
  });

  it('mints a typable one-time code with the published command, stored only as a hash', async () => {
    const grant = await fx.services.mintEnrollmentCode(fx.owner, { connector: 'claude-code' });
    expect(grant.enrollment_code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(grant.command).toMatch(
      new RegExp(
        `^npx -y \\S+/cli/conn-cli\\.tgz collector enroll --server \\S+ --code ${grant.enrollment_code}$`,
      ),
    );
    const rows = await db.store.db.selectFrom('enrollment_codes').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(grant.enrollment_code);
    expect(JSON.stringify(rows)).not.toContain(normalizeEnrollmentCode(grant.enrollment_code));
    const status = await fx.services.getSetupStatus(fx.owner, grant.connection_id);
    expect(status).toMatchObject({ status: 'draft', setup_state: 'awaiting_collector' });
    expect(status.expires_at).toBe(grant.expires_at);
  });

  it('exchanges a code exactly once, even when two devices race', async () => {
    const grant = await fx.services.mintEnrollmentCode(fx.owner, { connector: 'claude-code' });
    const typed = grant.enrollment_code.toLowerCase().replaceAll('-', ' ');
    const attempts = await Promise.allSettled(
      Array.from({ length: 10 }, (_, index) =>
        fx.services.exchangeEnrollmentCode(
          index === 0 ? typed : grant.enrollment_code,
          `dev-${index}`,
          testClient,
        ),
      ),
    );
    const won = attempts.filter((attempt) => attempt.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const attempt of attempts) {
      if (attempt.status === 'rejected') {
        expect((attempt.reason as { code: string }).code).toBe('enrollment_code_invalid');
      }
    }
    const enrollment = (
      won[0] as PromiseFulfilledResult<{ collector_token: string; connection_id: string }>
    ).value;
    expect(enrollment.connection_id).toBe(grant.connection_id);
    expect(enrollment.collector_token).toMatch(/^coc_/);
    const principal = await fx.services.authenticateCollector(enrollment.collector_token);
    expect(principal).toMatchObject({ connection_id: grant.connection_id, owner_id: fx.owner });
    const tokens = await db.store.db.selectFrom('collector_tokens').selectAll().execute();
    expect(tokens).toHaveLength(1);
    expect(JSON.stringify(tokens)).not.toContain(enrollment.collector_token);
    const status = await fx.services.getSetupStatus(fx.owner, grant.connection_id);
    expect(status).toMatchObject({
      setup_state: 'first_sync_running',
      expires_at: null,
      credential: { kind: 'collector_token', present: true, fingerprint: null },
    });
  });

  it('refuses expired and unknown codes, and the sweeper retires the unenrolled draft', async () => {
    const grant = await fx.services.mintEnrollmentCode(fx.owner, { connector: 'claude-code' });
    expect(
      await errorCodeOf(() =>
        fx.services.exchangeEnrollmentCode('AAAA-BBBB-CCCC', 'x', testClient),
      ),
    ).toBe('enrollment_code_invalid');
    expect(
      await errorCodeOf(() => fx.services.exchangeEnrollmentCode('not a code', 'x', testClient)),
    ).toBe('enrollment_code_invalid');
    fx.clock.advance(15 * 60_000);
    expect(
      await errorCodeOf(() =>
        fx.services.exchangeEnrollmentCode(grant.enrollment_code, 'late', testClient),
      ),
    ).toBe('enrollment_code_invalid');
    expect((await fx.services.getSetupStatus(fx.owner, grant.connection_id)).setup_state).toBe(
      'expired',
    );
    const swept = await fx.services.sweepExpired();
    expect(swept).toMatchObject({ enrollment_codes: 1, expired_drafts: 1 });
    const row = await db.store.db
      .selectFrom('connections')
      .select(['status', 'retired_reason'])
      .where('id', '=', grant.connection_id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'draft', retired_reason: 'expired' });
  });

  it('rejects a revoked collector token at once', async () => {
    const grant = await fx.services.mintEnrollmentCode(fx.owner, { connector: 'claude-code' });
    const { collector_token, connection_id } = await fx.services.exchangeEnrollmentCode(
      grant.enrollment_code,
      'laptop',
      testClient,
    );
    await fx.services.ingestRecords({
      connectionId: connection_id,
      stream: 'sessions',
      records: [{ session_id: 'a' }],
    });
    await fx.services.revoke(fx.owner, connection_id);
    expect(await errorCodeOf(() => fx.services.authenticateCollector(collector_token))).toBe(
      'unauthenticated',
    );
    expect(await errorCodeOf(() => fx.services.authenticateCollector('coc_nonsense'))).toBe(
      'unauthenticated',
    );
  });
});
