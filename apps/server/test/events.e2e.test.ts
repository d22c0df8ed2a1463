import { ConnApiError, ConnClient, type ConnEvent, type FetchLike } from '@conn/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Replicas, startReplicas } from './replicas';
import type { ServerProcess } from './server-process';
import { openSse } from './sse-reader';
import { ownerPassword, serverDialects, startTestServer, type TestServer } from './test-server';

const draft = (client: ConnClient) => client.createDraft({ connector: 'github', fields: {} });

/** Every event id of the log after `after`, read as JSON pages (the truth a stream is held to). */
async function idsAfter(client: ConnClient, after: number): Promise<number[]> {
  const ids: number[] = [];
  let cursor = after;
  for (;;) {
    const page = await client.eventPage({ after: cursor, limit: 2 });
    ids.push(...page.items.map((event) => event.id));
    if (page.items.length === 0) return ids;
    cursor = page.next_after;
  }
}

/** A fetch whose first event stream breaks after `frames` messages, as a dropped connection would. */
function fetchThatDropsFirstStream(frames: number): { fetch: FetchLike; dropped: () => boolean } {
  let dropped = false;
  return {
    dropped: () => dropped,
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      const accept = new Headers(init?.headers).get('accept') ?? '';
      if (dropped || !accept.includes('text/event-stream') || response.body === null) {
        return response;
      }
      dropped = true;
      let seen = 0;
      const body = response.body.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            controller.enqueue(chunk);
            seen += new TextDecoder().decode(chunk).split('\n\n').length - 1;
            if (seen > frames) controller.error(new TypeError('terminated'));
          },
        }),
      );
      return new Response(body, { status: response.status, headers: response.headers });
    },
  };
}

describe.each(await serverDialects())(
  'lifecycle events through the real server (%s)',
  (dialect) => {
    let t: TestServer;
    let owner: ConnClient;
    let agent: ConnClient;
    let ownerToken: string;

    beforeAll(async () => {
      t = await startTestServer({ dialect, env: { CONN_EVENT_HEARTBEAT_MS: '200' } });
      ownerToken = await t.login();
      owner = new ConnClient({ baseUrl: t.url, token: ownerToken });
      agent = new ConnClient({
        baseUrl: t.url,
        token: (await owner.createAgentToken('agent')).token,
      });
    });
    afterAll(async () => {
      await t?.dispose();
    });

    it('pages the outbox as JSON, oldest first, for the owner and owner agents', async () => {
      const start = (await owner.eventPage({ after: 0 })).next_after;
      const a = await draft(owner);
      const b = await draft(owner);
      const page = await agent.eventPage({ after: start });
      expect(page.items.map((event) => [event.type, event.connection_id])).toEqual([
        ['draft_created', a.connection_id],
        ['draft_created', b.connection_id],
      ]);
      expect(page.items[0]?.setup_state).toBe('awaiting_credential');
      expect(page.next_after).toBe(page.items.at(-1)?.id);
      // Ids are consecutive: one writer, one counter, nothing skipped.
      expect(page.items.map((event) => event.id)).toEqual([start + 1, start + 2]);

      const one = await owner.eventPage({ after: start, connectionId: b.connection_id });
      expect(one.items.map((event) => event.connection_id)).toEqual([b.connection_id]);
      const limited = await owner.eventPage({ after: start, limit: 1 });
      expect(limited.items).toHaveLength(1);
      expect(limited.next_after).toBe(start + 1);
      const empty = await owner.eventPage({ after: page.next_after });
      expect(empty).toEqual({ items: [], next_after: page.next_after });
    });

    it('pages back from the newest events with before, still oldest first', async () => {
      const a = await draft(owner);
      const b = await draft(owner);
      const newest = await owner.eventPage({ before: Number.MAX_SAFE_INTEGER, limit: 2 });
      expect(newest.items.map((event) => event.connection_id)).toEqual([
        a.connection_id,
        b.connection_id,
      ]);
      const last = newest.items.at(-1)?.id ?? 0;
      expect(newest.next_after).toBe(last);
      const back = await agent.eventPage({ before: newest.items[0]?.id ?? 0, limit: 1 });
      expect(back.items.map((event) => event.id)).toEqual([last - 2]);
      const mine = await owner.eventPage({ before: last, connectionId: b.connection_id });
      expect(mine.items).toEqual([]);
      const both = await fetch(`${t.url}/v1/owner/events?after=1&before=4`, {
        headers: { authorization: `Bearer ${ownerToken}` },
      });
      expect(both.status).toBe(400);
    });

    it('refuses a bad cursor, a stranger and an unknown connection with stable codes', async () => {
      const bad = await fetch(`${t.url}/v1/owner/events?after=-4`, {
        headers: { authorization: `Bearer ${ownerToken}` },
      });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { code: string } }).error.code).toBe(
        'invalid_request',
      );
      const anonymous = await fetch(`${t.url}/v1/owner/events`, {
        headers: { accept: 'text/event-stream' },
      });
      expect(anonymous.status).toBe(401);
      const unknown = await owner.eventPage({ connectionId: 'con_nope' }).catch((e: unknown) => e);
      expect(unknown).toBeInstanceOf(ConnApiError);
      expect((unknown as ConnApiError).code).toBe('connection_not_found');
      const streamUnknown = await fetch(`${t.url}/v1/owner/events?connection_id=con_nope`, {
        headers: { accept: 'text/event-stream', authorization: `Bearer ${ownerToken}` },
      });
      expect(streamUnknown.status).toBe(404);
    });

    it('streams new events as SSE frames with ids, types and heartbeats', async () => {
      const stream = await openSse(`${t.url}/v1/owner/events`, { token: ownerToken });
      try {
        expect(stream.response.status).toBe(200);
        expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
        await stream.until(() => stream.messages.length > 0);
        // The opening frame: how long to wait before reconnecting, and where this stream starts.
        const opening = stream.messages[0];
        expect(opening?.retry).toBe('2000');
        const start = Number(opening?.id);
        expect(start).toBe((await owner.eventPage({ after: 0, limit: 500 })).next_after);

        const sent = Date.now();
        const created = await draft(owner);
        expect(await stream.until(() => stream.events().length === 1, 1_000)).toBe(true);
        expect(Date.now() - sent).toBeLessThan(1_000);
        const [frame] = stream.events();
        expect(frame?.id).toBe(String(start + 1));
        expect(frame?.event).toBe('draft_created');
        const event = JSON.parse(frame?.data ?? '{}') as ConnEvent;
        expect(event).toMatchObject({
          id: start + 1,
          type: 'draft_created',
          connector: 'github',
          connection_id: created.connection_id,
          setup_state: 'awaiting_credential',
        });
        expect(
          await stream.until(() => stream.messages.some((m) => m.comment === 'heartbeat')),
        ).toBe(true);
      } finally {
        await stream.close();
      }
    });

    it('resumes after a forced disconnect with Last-Event-ID: nothing missed, nothing repeated', async () => {
      const first = await openSse(`${t.url}/v1/owner/events`, { token: ownerToken });
      await first.until(() => first.messages.length > 0);
      const start = Number(first.messages[0]?.id);
      await draft(owner);
      await draft(owner);
      await first.until(() => first.events().length === 2);
      const lastSeen = Number(first.events().at(-1)?.id);
      await first.close();
      // Written while no stream was connected.
      for (let i = 0; i < 3; i++) await draft(owner);

      const second = await openSse(`${t.url}/v1/owner/events`, {
        token: ownerToken,
        lastEventId: lastSeen,
      });
      try {
        await second.until(() => second.events().length === 3);
        await draft(owner);
        await second.until(() => second.events().length === 4);
        const seen = [...first.events(), ...second.events()].map((m) => Number(m.id));
        expect(seen).toEqual(await idsAfter(owner, start));
        expect(new Set(seen).size).toBe(seen.length);
      } finally {
        await second.close();
      }
    });

    it('the SDK iterator reconnects by itself and yields every event exactly once', async () => {
      const dropping = fetchThatDropsFirstStream(2);
      const client = new ConnClient({ baseUrl: t.url, token: ownerToken, fetch: dropping.fetch });
      const start = (await owner.eventPage({ after: 0, limit: 500 })).next_after;
      const controller = new AbortController();
      const received: ConnEvent[] = [];
      let opens = 0;
      const reading = (async () => {
        for await (const event of client.events({
          after: start,
          signal: controller.signal,
          onOpen: () => {
            opens += 1;
          },
        })) {
          received.push(event);
          if (received.length === 5) controller.abort();
        }
      })().catch((e: unknown) => e);
      for (let i = 0; i < 5; i++) await draft(owner);
      expect(await reading).toBe(controller.signal.reason);
      expect(dropping.dropped()).toBe(true);
      expect(opens).toBeGreaterThanOrEqual(2);
      expect(received.map((event) => event.id)).toEqual(await idsAfter(owner, start));
    });

    it('follows one connection only when asked', async () => {
      const mine = await draft(owner);
      const stream = await openSse(`${t.url}/v1/owner/events?connection_id=${mine.connection_id}`, {
        token: ownerToken,
      });
      try {
        await stream.until(() => stream.messages.length > 0);
        await draft(owner);
        await owner.abandonEnrollment(mine.connection_id);
        await stream.until(() => stream.events().length === 1);
        const event = JSON.parse(stream.events()[0]?.data ?? '{}') as ConnEvent;
        expect(event.connection_id).toBe(mine.connection_id);
        expect(event.type).toBe('connection_abandoned');
      } finally {
        await stream.close();
      }
    });

    it('waitForActive follows the stream: a failed setup is reported as soon as it happens', async () => {
      const pending = await draft(owner);
      const waiting = owner
        .waitForActive(pending.connection_id, { intervalMs: 60_000, timeoutMs: 20_000 })
        .catch((e: unknown) => e);
      // Give the wait time to open its stream and read the first status.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const abandonedAt = Date.now();
      await owner.abandonEnrollment(pending.connection_id);
      const outcome = await waiting;
      // With only polling (every 60 s here) this would take a minute.
      expect(Date.now() - abandonedAt).toBeLessThan(3_000);
      expect((outcome as Error).name).toBe('SetupFailedError');
    });
  },
);

describe.each(await serverDialects())('an open event stream and shutdown (%s)', (dialect) => {
  it('ends the stream cleanly and lets the server stop at once', async () => {
    const t = await startTestServer({ dialect });
    const token = await t.login();
    const stream = await openSse(`${t.url}/v1/owner/events`, { token });
    await stream.until(() => stream.messages.length > 0);
    const stopping = Date.now();
    await t.dispose();
    expect(Date.now() - stopping).toBeLessThan(5_000);
    expect(await stream.until(() => stream.ended, 2_000)).toBe(true);
  });
});

describe.each((await serverDialects()).filter((d) => d === 'postgres'))(
  'events across two server processes on one %s database',
  () => {
    let servers: ServerProcess[] = [];
    let replicas: Replicas | undefined;

    beforeAll(async () => {
      replicas = await startReplicas();
      servers = replicas.servers;
    }, 90_000);
    afterAll(async () => {
      await replicas?.dispose();
    });

    it('an event caused through process A reaches a stream held on process B within a second', async () => {
      const [a, b] = (await Promise.all(
        servers.map(async (server) => {
          const anonymous = new ConnClient({ baseUrl: server.url });
          return new ConnClient({
            baseUrl: server.url,
            token: await anonymous.login(ownerPassword),
          });
        }),
      )) as [ConnClient, ConnClient];
      const controller = new AbortController();
      let open: () => void = () => {};
      const opened = new Promise<void>((resolve) => {
        open = resolve;
      });
      const arrivals: Array<{ event: ConnEvent; at: number }> = [];
      const reading = (async () => {
        for await (const event of b.events({ signal: controller.signal, onOpen: () => open() })) {
          arrivals.push({ event, at: Date.now() });
          if (arrivals.length === 5) controller.abort();
        }
      })().catch(() => {});
      await opened;
      const sentAt: number[] = [];
      const created: string[] = [];
      for (let i = 0; i < 5; i++) {
        sentAt.push(Date.now());
        created.push((await draft(a)).connection_id);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await Promise.race([reading, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      controller.abort();
      expect(arrivals.map(({ event }) => event.connection_id)).toEqual(created);
      for (const [i, { at }] of arrivals.entries()) {
        expect(at - (sentAt[i] ?? 0)).toBeLessThan(1_000);
      }
    });
  },
);
