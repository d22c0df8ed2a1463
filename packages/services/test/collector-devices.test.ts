import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  dialects,
  errorCodeOf,
  type ServiceFixture,
  serviceFixture,
  type TestDatabase,
  testClient,
} from './harness';
import { outboxEvents } from './outbox-events';

const hour = 3_600_000;
const day = 24 * hour;

describe.each(dialects)(
  'device collectors: heartbeats and enrolled devices on %s',
  (_d, factory) => {
    let db: TestDatabase;
    let fx: ServiceFixture;

    beforeEach(async () => {
      db = await factory.create();
      fx = await serviceFixture(db.store);
    });
    afterEach(async () => {
      await db.dispose();
    });

    /** Enrolls a device for Claude Code and lets its first pass succeed. */
    async function enrolled(device = 'laptop', code?: string) {
      const enrollmentCode =
        code ??
        (await fx.services.mintEnrollmentCode(fx.owner, { connector: 'claude-code' }))
          .enrollment_code;
      const enrollment = await fx.services.exchangeEnrollmentCode(
        enrollmentCode,
        device,
        testClient,
      );
      await fx.services.ingestRecords({
        connectionId: enrollment.connection_id,
        runId: enrollment.run_id,
        stream: 'sessions',
        records: [{ session_id: `s-${device}` }],
      });
      await fx.services.finishRun(enrollment.run_id, { status: 'succeeded' });
      return enrollment;
    }

    const heartbeat = (enrollment: { connection_id: string; token_id: string }) =>
      fx.services.recordHeartbeat({
        connectionId: enrollment.connection_id,
        tokenId: enrollment.token_id,
      });

    it('keeps a quiet but running collector fresh with heartbeats, and a silent one still turns stale with "run the collector"', async () => {
      const device = await enrolled();
      const id = device.connection_id;
      fx.clock.advance(2 * day);
      // The collector's cadence is the manifest's (a day): the CLI beats at least that often.
      expect(await heartbeat(device)).toEqual({
        heartbeat_at: expect.stringMatching(/^2030-01-03T00:00:00\.\d{3}Z$/),
        interval_seconds: 86_400,
      });
      fx.clock.advance(2 * day);
      // Four days after its last pass, two after its heartbeat: alive, not stale.
      expect((await fx.services.keepSyncing()).stale).toEqual([]);
      expect(await fx.services.getSetupStatus(fx.owner, id)).toMatchObject({
        status: 'active',
        health: { stale: false },
      });
      fx.clock.advance(1 * day);
      expect((await fx.services.keepSyncing()).stale).toEqual([id]);
      expect(await fx.services.getSetupStatus(fx.owner, id)).toMatchObject({
        status: 'needs_attention',
        health: { stale: true },
        remediation: { kind: 'retry_sync', label: 'Run the collector' },
      });
      // A heartbeat alone does not repair it: the next pass that succeeds does.
      await heartbeat(device);
      expect((await fx.services.getSetupStatus(fx.owner, id)).status).toBe('needs_attention');
      const run = await fx.services.openCollectorRun({
        connectionId: id,
        tokenId: device.token_id,
      });
      await fx.services.finishRun(run.id, { status: 'succeeded' }, { connectionId: id });
      expect(await fx.services.getSetupStatus(fx.owner, id)).toMatchObject({
        status: 'active',
        health: { stale: false },
      });
    });

    it('does not let heartbeats hide a collector whose passes fail', async () => {
      const device = await enrolled();
      const id = device.connection_id;
      fx.clock.advance(hour);
      const run = await fx.services.openCollectorRun({
        connectionId: id,
        tokenId: device.token_id,
      });
      await fx.services.finishRun(
        run.id,
        { status: 'failed', errorCode: 'collector_failed' },
        { connectionId: id },
      );
      fx.clock.advance(2 * day);
      await heartbeat(device);
      fx.clock.advance(day);
      expect((await fx.services.keepSyncing()).stale).toEqual([id]);
      expect((await fx.services.getSetupStatus(fx.owner, id)).remediation).toMatchObject({
        label: 'Run the collector',
      });
    });

    it('lists the enrolled devices with their last heartbeat and pass, and revokes one at once, audited and published', async () => {
      const first = await enrolled('laptop');
      const id = first.connection_id;
      const { items: runs } = await fx.services.listRuns(fx.owner, id, {});
      fx.clock.advance(hour);
      const beat = await heartbeat(first);
      const { devices } = await fx.services.listDevices(fx.owner, id);
      expect(devices).toEqual([
        {
          id: first.token_id,
          device_name: 'laptop',
          enrolled_at: expect.stringMatching(/^2030-01-01T00:00:00\.\d{3}Z$/),
          last_heartbeat_at: beat.heartbeat_at,
          last_pass_at: runs[0]?.finished_at,
          revoked_at: null,
        },
      ]);
      expect(runs[0]?.finished_at).toEqual(expect.any(String));
      fx.clock.advance(hour);
      const revoked = await fx.services.revokeDevice(fx.owner, id, first.token_id);
      expect(revoked).toMatchObject({
        id: first.token_id,
        revoked_at: expect.stringMatching(/^2030-01-01T02:00:00\.\d{3}Z$/),
      });
      expect(await errorCodeOf(() => heartbeatWith(first.collector_token))).toBe('unauthenticated');
      // Revoking twice changes nothing and says nothing twice.
      await fx.services.revokeDevice(fx.owner, id, first.token_id);
      const published = (await outboxEvents(fx.services, fx.owner)).filter(
        (event) => event.type === 'device_revoked',
      );
      expect(published).toEqual([
        expect.objectContaining({ connection_id: id, device_id: first.token_id }),
      ]);
      const audits = await db.store.db
        .selectFrom('audit_events')
        .select(['action', 'details_json'])
        .where('connection_id', '=', id)
        .where('action', '=', 'collector.revoked')
        .execute();
      expect(audits).toEqual([
        {
          action: 'collector.revoked',
          details_json: JSON.stringify({ device_id: first.token_id }),
        },
      ]);
      // The connection and its records stay.
      expect(await fx.services.getSetupStatus(fx.owner, id)).toMatchObject({
        status: 'active',
        records_total: 1,
      });
      // With no device left, "run the collector" could not work: the repair enrolls one.
      fx.clock.advance(3 * day);
      expect((await fx.services.keepSyncing()).stale).toEqual([id]);
      expect(await fx.services.getSetupStatus(fx.owner, id)).toMatchObject({
        status: 'needs_attention',
        remediation: { kind: 'reconnect', label: 'Enroll a device' },
      });
      const repair = await fx.services.reconnect(fx.owner, id);
      expect(repair.next_step.enrollment_code).toEqual(expect.any(String));
    });

    it('lists a replaced device as revoked under the new one, and keeps devices out of reach of other owners', async () => {
      const first = await enrolled('laptop');
      const id = first.connection_id;
      // Silent for three days: the owner repairs it by enrolling another device.
      fx.clock.advance(3 * day);
      await fx.services.keepSyncing();
      const repair = await fx.services.reconnect(fx.owner, id);
      const second = await enrolled('desktop', repair.next_step.enrollment_code ?? '');
      const { devices } = await fx.services.listDevices(fx.owner, id);
      expect(devices.map((device) => [device.device_name, device.revoked_at !== null])).toEqual([
        ['desktop', false],
        ['laptop', true],
      ]);
      expect(await errorCodeOf(() => fx.services.listDevices(fx.otherOwner, id))).toBe(
        'connection_not_found',
      );
      expect(
        await errorCodeOf(() => fx.services.revokeDevice(fx.otherOwner, id, second.token_id)),
      ).toBe('connection_not_found');
      expect(await errorCodeOf(() => fx.services.revokeDevice(fx.owner, id, 'ctk_missing'))).toBe(
        'device_not_found',
      );
      expect(await fx.services.authenticateCollector(second.collector_token)).toMatchObject({
        token_id: second.token_id,
      });
    });

    async function heartbeatWith(token: string) {
      const collector = await fx.services.authenticateCollector(token);
      return fx.services.recordHeartbeat({
        connectionId: collector.connection_id,
        tokenId: collector.token_id,
      });
    }
  },
);
