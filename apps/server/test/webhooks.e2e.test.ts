import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConnApiError, ConnClient, verifyWebhookSignature, type Webhook } from '@conn/sdk';
import { openStore } from '@conn/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanAllText } from '../../../packages/store/test/scan-plaintext';
import { type Replicas, startReplicas } from './replicas';
import type { ServerProcess } from './server-process';
import { ownerPassword, serverDialects, startTestServer, type TestServer } from './test-server';
import { waitFor } from './wait-for';

/** What the receiver saw of one request, and whether the SDK helper accepted its signature. */
interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly verified: boolean;
}

/** A loopback webhook receiver that checks every signature with `verifyWebhookSignature`. */
async function startReceiver() {
  const received: Received[] = [];
  const state = { secret: '', answers: [] as number[] };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const verified = await verifyWebhookSignature({
        secret: state.secret,
        header: request.headers['conn-signature'] as string | undefined,
        body,
      });
      received.push({ headers: request.headers, body, verified });
      response.statusCode = state.answers.shift() ?? 200;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/conn-hooks`,
    received,
    state,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const webhookEnv = {
  CONN_WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
  CONN_WEBHOOK_RETRY_BASE_MS: '100',
};

describe.each(await serverDialects())('webhooks through the real server (%s)', (dialect) => {
  let t: TestServer;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let owner: ConnClient;
  let agent: ConnClient;
  let webhook: Webhook;
  let secret: string;
  /** Every response body the owner and agent clients read, by request. */
  const responses: Array<{ request: string; text: string }> = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const text = await response.clone().text();
    responses.push({ request: `${init?.method ?? 'GET'} ${String(input)}`, text });
    return response;
  };

  beforeAll(async () => {
    receiver = await startReceiver();
    t = await startTestServer({ dialect, env: webhookEnv });
    owner = new ConnClient({ baseUrl: t.url, token: await t.login(), fetch: recordingFetch });
    const { token } = await owner.createAgentToken('assistant');
    agent = new ConnClient({ baseUrl: t.url, token, fetch: recordingFetch });
  });
  afterAll(async () => {
    await t?.dispose();
    await receiver?.close();
  });

  it('registers a webhook for the owner session only, showing its secret once', async () => {
    for (const call of [
      () => agent.createWebhook({ url: receiver.url }),
      () => agent.webhooks(),
      () => agent.webhookDeliveries('whk_x'),
    ]) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnApiError);
      expect((error as ConnApiError).code).toBe('owner_session_required');
    }
    const created = await owner.createWebhook({
      url: receiver.url,
      eventTypes: ['draft_created', 'connection_revoked'],
      description: 'home automation',
    });
    secret = created.secret;
    receiver.state.secret = secret;
    webhook = created.webhook as Webhook;
    expect(webhook.event_types).toEqual(['draft_created', 'connection_revoked']);
    expect(await owner.webhooks()).toEqual([webhook]);
  });

  it('survives a receiver answering 500 three times: delivered, signed, on the fourth attempt', async () => {
    receiver.state.answers = [500, 500, 500];
    const draft = await owner.createDraft({ connector: 'github', fields: {} });
    const deliveries = await waitFor(
      () => owner.webhookDeliveries(webhook.id),
      (list) => list.some((d) => d.status === 'succeeded'),
    );
    const delivered = deliveries.find((d) => d.event_type === 'draft_created');
    expect(delivered).toMatchObject({ status: 'succeeded', attempts: 4, last_status_code: 200 });
    expect(receiver.received).toHaveLength(4);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    expect(new Set(receiver.received.map((r) => r.headers['conn-delivery-id']))).toEqual(
      new Set([delivered?.id]),
    );
    const event = JSON.parse(receiver.received[3]?.body ?? '{}');
    expect(event).toMatchObject({ type: 'draft_created', connection_id: draft.connection_id });
    // A forged signature fails the same helper.
    expect(
      await verifyWebhookSignature({
        secret: 'whsec_not-the-secret',
        header: receiver.received[3]?.headers['conn-signature'] as string,
        body: receiver.received[3]?.body ?? '',
      }),
    ).toBe(false);
  });

  it('replays a delivery on request: the same event, a new delivery id', async () => {
    const [original] = await owner.webhookDeliveries(webhook.id);
    const replay = await owner.redeliver(webhook.id, original?.id ?? '');
    expect(replay).toMatchObject({ status: 'pending', replay_of: original?.id });
    const log = await waitFor(
      () => owner.webhookDeliveries(webhook.id),
      (list) => list[0]?.status === 'succeeded',
    );
    expect(log[0]).toMatchObject({ id: replay.id, status: 'succeeded', attempts: 1 });
    const last = receiver.received.at(-1);
    expect(last?.verified).toBe(true);
    expect(last?.headers['conn-delivery-id']).toBe(replay.id);
    expect(last?.headers['conn-event-id']).toBe(String(original?.event_id));
    const missing = await owner.redeliver(webhook.id, 'whd_nope').catch((e: unknown) => e);
    expect((missing as ConnApiError).code).toBe('webhook_delivery_not_found');
  });

  it('refuses a non-http(s) URL with a stable code, and deletes a webhook', async () => {
    const refused = await owner
      .createWebhook({ url: 'file:///etc/passwd' })
      .catch((e: unknown) => e);
    expect((refused as ConnApiError).code).toBe('webhook_target_not_allowed');
    expect(await owner.deleteWebhook(webhook.id)).toEqual(webhook);
    expect(await owner.webhooks()).toEqual([]);
    const gone = await owner.webhookDeliveries(webhook.id).catch((e: unknown) => e);
    expect((gone as ConnApiError).code).toBe('webhook_not_found');
  });

  it('shows the signing secret in the creation response only: not in other responses, logs, columns or bodies', async () => {
    const holders = responses.filter((r) => r.text.includes(secret)).map((r) => r.request);
    expect(holders).toEqual([`POST ${t.url}/v1/owner/webhooks`]);
    expect(t.logs.join('').includes(secret)).toBe(false);
    expect(t.logs.join('')).toContain('webhook delivery attempted');
    expect(receiver.received.some((r) => JSON.stringify(r).includes(secret))).toBe(false);
    const store = openStore({ url: t.databaseUrl, dataDir: t.dataDir });
    try {
      expect(await scanAllText(store, secret)).toEqual([]);
    } finally {
      await store.close();
    }
  });
});

describe.each((await serverDialects()).filter((d) => d === 'postgres'))(
  'webhooks across two server processes on one %s database',
  () => {
    let servers: ServerProcess[] = [];
    let replicas: Replicas | undefined;
    let receiver: Awaited<ReturnType<typeof startReceiver>>;

    beforeAll(async () => {
      receiver = await startReceiver();
      replicas = await startReplicas(webhookEnv);
      servers = replicas.servers;
    }, 90_000);
    afterAll(async () => {
      await replicas?.dispose();
      await receiver?.close();
    });

    it('delivers each event exactly once, whichever replica raised it', async () => {
      const clients = await Promise.all(
        servers.map(async (server) => {
          const anonymous = new ConnClient({ baseUrl: server.url });
          return new ConnClient({
            baseUrl: server.url,
            token: await anonymous.login(ownerPassword),
          });
        }),
      );
      const [a, b] = clients as [ConnClient, ConnClient];
      const created = await a.createWebhook({ url: receiver.url, eventTypes: ['draft_created'] });
      receiver.state.secret = created.secret;
      // Some answers fail, so retries are claimed by either replica too.
      receiver.state.answers = [500, 503];
      const drafts = 10;
      await Promise.all(
        Array.from({ length: drafts }, (_, i) =>
          (i % 2 === 0 ? a : b).createDraft({ connector: 'github', fields: {} }),
        ),
      );
      const log = await waitFor(
        () => b.webhookDeliveries(created.webhook.id, { limit: 100 }),
        (list) => list.length === drafts && list.every((d) => d.status === 'succeeded'),
        30_000,
      );
      expect(log.map((d) => d.status)).toEqual(Array(drafts).fill('succeeded'));
      expect(new Set(log.map((d) => d.event_id)).size).toBe(drafts);
      const successes = receiver.received.length - 2;
      expect(successes).toBe(drafts);
      expect(receiver.received.every((r) => r.verified)).toBe(true);
      // Per delivery id: at most the failed attempts plus one success, never a doubled attempt.
      const attemptsById = new Map<string, number>();
      for (const r of receiver.received) {
        const id = String(r.headers['conn-delivery-id']);
        attemptsById.set(id, (attemptsById.get(id) ?? 0) + 1);
      }
      for (const delivery of log) expect(attemptsById.get(delivery.id)).toBe(delivery.attempts);
      // Each attempt was made (and logged) by exactly one of the two processes. A process logs
      // an attempt after recording it, so the last line may reach its pipe a moment later.
      const loggedAttempts = async () =>
        servers
          .map((s) => s.output.join('').split('webhook delivery attempted').length - 1)
          .reduce((sum, n) => sum + n, 0);
      await waitFor(loggedAttempts, (n) => n >= receiver.received.length, 5_000);
      expect(await loggedAttempts()).toBe(receiver.received.length);
      const logs = servers.map((s) => s.output.join(''));
      expect(logs.join('').includes(created.secret)).toBe(false);
    }, 60_000);
  },
);
