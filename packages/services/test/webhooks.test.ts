import { createHmac } from 'node:crypto';
import { ConnectionEventSchema, parseWebhookSignature, webhookHeaders } from '@conn/setup-engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scanAllText } from '../../store/test/scan-plaintext';
import { createServices } from '../src/index';
import {
  dialects,
  errorCodeOf,
  keyedVault,
  readyDeployment,
  type ServiceFixture,
  serviceFixture,
  type TestDatabase,
  testRegistry,
} from './harness';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver';

const minute = 60_000;
const hour = 60 * minute;

describe.each(dialects)('webhooks on %s', (_dialect, factory) => {
  let db: TestDatabase;
  let fx: ServiceFixture;
  let receiver: WebhookReceiver;
  const vault = keyedVault();

  beforeEach(async () => {
    db = await factory.create();
    fx = await serviceFixture(db.store, {
      vault,
      webhooks: { allowPrivateTargets: true, timeoutMs: 500 },
    });
    receiver = await startWebhookReceiver();
  });
  afterEach(async () => {
    await receiver.close();
    await db.dispose();
  });

  /** Raises a `draft_created` event for the owner. */
  async function raiseDraft(owner = fx.owner) {
    return fx.services.createDraft(owner, { connector: 'github', fields: {} });
  }

  async function drain(services = fx.services, workerId = 'worker-a') {
    const delivered = [];
    while ((await services.fanOutWebhookEvents()).more) {}
    for (let d = await services.deliverNextWebhook(workerId); d; ) {
      delivered.push(d);
      d = await services.deliverNextWebhook(workerId);
    }
    return delivered;
  }

  it('shows the signing secret once, keeps it sealed, and signs every delivery with it', async () => {
    await raiseDraft(); // before the webhook: not delivered
    const created = await fx.services.createWebhook(fx.owner, {
      url: receiver.url,
      event_types: ['draft_created'],
      description: 'automation',
    });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9]{43}$/);
    expect(created.webhook).toMatchObject({ url: receiver.url, event_types: ['draft_created'] });
    const listed = await fx.services.listWebhooks(fx.owner);
    expect(listed).toEqual([created.webhook]);
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    expect(await fx.services.listWebhooks(fx.otherOwner)).toEqual([]);

    const draft = await raiseDraft();
    const delivered = await drain();
    expect(delivered.map((d) => [d.status, d.event_type, d.attempts])).toEqual([
      ['succeeded', 'draft_created', 1],
    ]);
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    const event = ConnectionEventSchema.parse(JSON.parse(request?.body ?? ''));
    expect(event).toMatchObject({ type: 'draft_created', connection_id: draft.connection_id });
    expect(request?.headers[webhookHeaders.deliveryId.toLowerCase()]).toBe(delivered[0]?.id);
    expect(request?.headers[webhookHeaders.eventId.toLowerCase()]).toBe(String(event.id));
    const signature = parseWebhookSignature(
      String(request?.headers[webhookHeaders.signature.toLowerCase()]),
    );
    expect(signature).not.toBeNull();
    const expected = createHmac('sha256', created.secret)
      .update(`${signature?.timestamp}.${request?.body}`)
      .digest('hex');
    expect(signature?.signatures).toEqual([expected]);

    expect(await scanAllText(db.store, created.secret)).toEqual([]);
    const log = await fx.services.listWebhookDeliveries(fx.owner, created.webhook.id);
    expect(JSON.stringify(log)).not.toContain(created.secret);
    expect(JSON.stringify(log)).not.toContain('not telling');
  });

  it('fans out each event once per matching webhook of its owner, across concurrent replicas', async () => {
    const all = await fx.services.createWebhook(fx.owner, { url: receiver.url, event_types: [] });
    const revokes = await fx.services.createWebhook(fx.owner, {
      url: receiver.url,
      event_types: ['connection_revoked'],
    });
    const others = await fx.services.createWebhook(fx.otherOwner, {
      url: receiver.url,
      event_types: [],
    });
    for (let i = 0; i < 5; i++) await raiseDraft();
    await raiseDraft(fx.otherOwner);
    const replica = createServices({
      store: db.open(),
      vault,
      registry: testRegistry(),
      deployment: readyDeployment,
      clock: fx.clock.now,
    });
    const results = await Promise.all([
      fx.services.fanOutWebhookEvents(),
      replica.fanOutWebhookEvents(),
      fx.services.fanOutWebhookEvents(),
    ]);
    expect(results.reduce((sum, r) => sum + r.deliveries, 0)).toBe(6);
    expect(await fx.services.fanOutWebhookEvents()).toEqual({ deliveries: 0, more: false });

    const ofAll = await fx.services.listWebhookDeliveries(fx.owner, all.webhook.id);
    const drafts = ofAll.filter((d) => d.event_type === 'draft_created');
    expect(drafts).toHaveLength(5);
    expect(new Set(drafts.map((d) => d.event_id)).size).toBe(5);
    expect(await fx.services.listWebhookDeliveries(fx.owner, revokes.webhook.id)).toEqual([]);
    const ofOthers = await fx.services.listWebhookDeliveries(fx.otherOwner, others.webhook.id);
    expect(ofOthers.filter((d) => d.event_type === 'draft_created')).toHaveLength(1);
    expect(
      await errorCodeOf(() => fx.services.listWebhookDeliveries(fx.otherOwner, all.webhook.id)),
    ).toBe('webhook_not_found');
  });

  it('gives each delivery to one of two workers on two stores, never to both', async () => {
    await fx.services.createWebhook(fx.owner, { url: receiver.url, event_types: [] });
    for (let i = 0; i < 6; i++) await raiseDraft();
    await fx.services.fanOutWebhookEvents();
    const replica = createServices({
      store: db.open(),
      vault,
      registry: testRegistry(),
      deployment: readyDeployment,
      clock: fx.clock.now,
      webhooks: { allowPrivateTargets: true },
    });
    const [a, b] = await Promise.all([drain(fx.services, 'a'), drain(replica, 'b')]);
    const ids = [...a, ...b].map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    const received = receiver.received.map((r) => r.headers['conn-delivery-id']);
    expect(received.length).toBeGreaterThanOrEqual(6);
    expect(new Set(received).size).toBe(received.length);
    expect(ids.sort()).toEqual([...(received as string[])].sort());
  });

  it('retries a failing receiver with doubling, jittered backoff, and gives up after 24 h', async () => {
    const { webhook } = await fx.services.createWebhook(fx.owner, {
      url: receiver.url,
      event_types: ['draft_created'],
    });
    await raiseDraft();
    await fx.services.fanOutWebhookEvents();
    receiver.answers = Array.from({ length: 100 }, () => 500);
    const base = 30_000;
    let first: Date | null = null;
    for (let attempt = 1; attempt <= 4; attempt++) {
      const before = fx.clock.now().getTime();
      const delivery = await fx.services.deliverNextWebhook('w');
      expect(delivery).toMatchObject({
        status: 'pending',
        attempts: attempt,
        last_status_code: 500,
        last_error: 'http_error',
      });
      first ??= new Date(before);
      const wait = Date.parse(delivery?.next_attempt_at ?? '') - before;
      const ceiling = base * 2 ** (attempt - 1);
      expect(wait).toBeGreaterThanOrEqual(ceiling / 2);
      expect(wait).toBeLessThanOrEqual(ceiling + 50);
      // Not due yet: nothing to claim until the clock gets there.
      expect(await fx.services.deliverNextWebhook('w')).toBeNull();
      fx.clock.advance(wait);
    }
    // Far along, the delay is capped at an hour; keep failing up to the window.
    for (let i = 0; i < 120; i++) {
      const delivery = await fx.services.deliverNextWebhook('w');
      if (delivery === null) {
        fx.clock.advance(hour);
        continue;
      }
      if (delivery.status === 'failed') break;
      const wait = Date.parse(delivery.next_attempt_at ?? '') - fx.clock.now().getTime();
      expect(wait).toBeLessThanOrEqual(hour);
    }
    const [settled] = await fx.services.listWebhookDeliveries(fx.owner, webhook.id);
    expect(settled).toMatchObject({ status: 'failed', next_attempt_at: null, delivered_at: null });
    const span = Date.parse(settled?.last_attempt_at ?? '') - (first?.getTime() ?? 0);
    expect(span).toBeGreaterThanOrEqual(24 * hour);
    expect(span).toBeLessThan(26 * hour);
    expect(await fx.services.deliverNextWebhook('w')).toBeNull();
  });

  it('counts a timeout, a refused connection and a redirect as failed attempts, following no redirect', async () => {
    const { webhook } = await fx.services.createWebhook(fx.owner, {
      url: receiver.url,
      event_types: ['draft_created'],
    });
    await raiseDraft();
    await fx.services.fanOutWebhookEvents();
    receiver.answers = ['hang', 302];
    expect(await fx.services.deliverNextWebhook('w')).toMatchObject({
      last_error: 'timeout',
      last_status_code: null,
    });
    fx.clock.advance(hour);
    expect(await fx.services.deliverNextWebhook('w')).toMatchObject({
      last_error: 'http_error',
      last_status_code: 302,
    });
    expect(receiver.received.map((r) => r.path)).toEqual(['/hooks/conn', '/hooks/conn']);
    await receiver.close();
    fx.clock.advance(hour);
    expect(await fx.services.deliverNextWebhook('w')).toMatchObject({
      status: 'pending',
      attempts: 3,
      last_error: 'unreachable',
    });
    receiver = await startWebhookReceiver();
    expect(webhook.id).toMatch(/^whk_/);
  });

  it('replays a delivery as a new one of the same event, and cancels what a deleted webhook still owed', async () => {
    const { webhook } = await fx.services.createWebhook(fx.owner, {
      url: receiver.url,
      event_types: ['draft_created'],
    });
    await raiseDraft();
    const [original] = await drain();
    expect(original?.status).toBe('succeeded');
    const replay = await fx.services.redeliverWebhookDelivery(
      fx.owner,
      webhook.id,
      original?.id ?? '',
    );
    expect(replay).toMatchObject({
      status: 'pending',
      attempts: 0,
      replay_of: original?.id,
      event_id: original?.event_id,
    });
    const [replayed] = await drain();
    expect(replayed).toMatchObject({ id: replay.id, status: 'succeeded' });
    expect(receiver.received.map((r) => r.headers['conn-event-id'])).toEqual([
      String(original?.event_id),
      String(original?.event_id),
    ]);
    expect(receiver.received[1]?.headers['conn-delivery-id']).toBe(replay.id);
    const log = await fx.services.listWebhookDeliveries(fx.owner, webhook.id);
    expect(log.map((d) => d.id)).toEqual([replay.id, original?.id]);

    expect(
      await errorCodeOf(() =>
        fx.services.redeliverWebhookDelivery(fx.owner, webhook.id, 'whd_missing'),
      ),
    ).toBe('webhook_delivery_not_found');
    expect(
      await errorCodeOf(() =>
        fx.services.redeliverWebhookDelivery(fx.otherOwner, webhook.id, replay.id),
      ),
    ).toBe('webhook_not_found');

    await raiseDraft();
    await fx.services.fanOutWebhookEvents();
    expect(await fx.services.deleteWebhook(fx.owner, webhook.id)).toEqual(webhook);
    expect(await fx.services.deliverNextWebhook('w')).toBeNull();
    expect(receiver.received).toHaveLength(2);
    expect(await errorCodeOf(() => fx.services.deleteWebhook(fx.owner, webhook.id))).toBe(
      'webhook_not_found',
    );
    expect(await fx.services.listWebhooks(fx.owner)).toEqual([]);
    const pending = await db.store.db
      .selectFrom('webhook_deliveries')
      .select('status')
      .where('webhook_id', '=', webhook.id)
      .orderBy('created_at')
      .execute();
    expect(pending.map((row) => row.status)).toEqual(['succeeded', 'succeeded', 'cancelled']);
  });

  it('refuses URLs that are not http(s), carry credentials, or point at private networks unless allowed', async () => {
    const strict = await serviceFixture(db.store, { vault });
    const refusal = async (url: string, services = strict.services) => {
      try {
        await services.createWebhook(strict.owner, { url, event_types: [] });
      } catch (error) {
        const { code, details } = error as { code: string; details?: { reason?: string } };
        return `${code}:${details?.reason}`;
      }
      return 'accepted';
    };
    expect(await refusal('ftp://files.example/x')).toBe('webhook_target_not_allowed:scheme');
    expect(await refusal('javascript:alert(1)')).toBe('webhook_target_not_allowed:scheme');
    expect(await refusal('not a url')).toBe('webhook_target_not_allowed:not_a_url');
    expect(await refusal('https://user:pw@hooks.example/')).toBe(
      'webhook_target_not_allowed:credentials_in_url',
    );
    for (const url of [
      receiver.url,
      'http://localhost:9/',
      'http://10.1.2.3/',
      'http://172.20.0.1/',
      'http://192.168.1.1/',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]:8080/',
      'http://[fd00::1]/',
      'http://[fe80::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://0.0.0.0/',
    ]) {
      expect(await refusal(url), url).toBe('webhook_target_not_allowed:private_address');
    }
    expect(await refusal('https://93.184.216.34/hooks')).toBe('accepted');
    expect(await refusal(receiver.url, fx.services)).toBe('accepted');
    expect(await refusal('ftp://files.example/x', fx.services)).toBe(
      'webhook_target_not_allowed:scheme',
    );
  });

  it('checks the target again at delivery: a host that is now private gets no attempt', async () => {
    await fx.services.createWebhook(fx.owner, { url: receiver.url, event_types: [] });
    await raiseDraft();
    await fx.services.fanOutWebhookEvents();
    const strict = createServices({
      store: db.store,
      vault,
      registry: testRegistry(),
      deployment: readyDeployment,
      clock: fx.clock.now,
    });
    expect(await strict.deliverNextWebhook('w')).toMatchObject({
      status: 'pending',
      last_error: 'target_not_allowed',
      last_status_code: null,
    });
    expect(receiver.received).toEqual([]);
  });
});
