import { describe, expect, it } from 'vitest';
import { ConnApiError, ConnClient, type ConnEvent } from '../src/index';

const base = {
  occurred_at: '2026-12-02T10:00:00.000Z',
  connector: 'github',
  connection_id: 'con_1',
  intent_id: null,
  run_id: null,
  setup_state: 'awaiting_credential',
};

const frame = (id: number, body: Record<string, unknown>) =>
  `id: ${id}\nevent: ${String(body.type)}\ndata: ${JSON.stringify({ id, ...base, ...body })}\n\n`;

/** A server that answers each stream request with the next scripted body, recording Last-Event-ID. */
function scriptedServer(bodies: Array<string | Response>) {
  const lastEventIds: Array<string | null> = [];
  const client = new ConnClient({
    baseUrl: 'http://127.0.0.1:9',
    token: 'cos_test',
    fetch: async (_url, init) => {
      lastEventIds.push(new Headers(init?.headers).get('last-event-id'));
      const next = bodies.shift();
      if (next === undefined) {
        // A stream that stays silent, as fetch does: until the request is aborted.
        return new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        });
      }
      if (next instanceof Response) return next;
      return new Response(next, { headers: { 'content-type': 'text/event-stream' } });
    },
  });
  return { client, lastEventIds };
}

async function take(iterator: AsyncGenerator<ConnEvent>, count: number): Promise<ConnEvent[]> {
  const out: ConnEvent[] = [];
  for await (const event of iterator) {
    out.push(event);
    if (out.length === count) break;
  }
  return out;
}

describe('client.events', () => {
  it('skips event types newer than the SDK, drops unknown fields, and resumes after the last id', async () => {
    const { client, lastEventIds } = scriptedServer([
      `retry: 5\nid: 10\n\n${frame(11, { type: 'draft_created', new_field: 1 })}${frame(12, { type: 'teleported' })}`,
      frame(13, { type: 'connection_abandoned' }),
    ]);
    const events = await take(client.events(), 2);
    expect(events.map((e) => [e.id, e.type])).toEqual([
      [11, 'draft_created'],
      [13, 'connection_abandoned'],
    ]);
    expect(events[0]).not.toHaveProperty('new_field');
    // First from now on; then after 12, the newer event it skipped but counted.
    expect(lastEventIds).toEqual([null, '12']);
  });

  it('resumes from the opening id when the stream drops before any event', async () => {
    const { client, lastEventIds } = scriptedServer([
      'retry: 5\nid: 40\n\n',
      frame(41, { type: 'draft_created' }),
    ]);
    const [event] = await take(client.events({ connectionId: 'con_1' }), 1);
    expect(event?.id).toBe(41);
    expect(lastEventIds).toEqual([null, '40']);
  });

  it('retries a 503 and ends on a 401 with the API error', async () => {
    const error = (status: number, code: string) =>
      new Response(JSON.stringify({ error: { code, message: code } }), {
        status,
        headers: { 'content-type': 'application/json' },
      });
    const { client } = scriptedServer([
      error(503, 'database_unavailable'),
      error(401, 'unauthenticated'),
    ]);
    const outcome = await take(client.events({ after: 3 }), 1).catch((e: unknown) => e);
    expect(outcome).toBeInstanceOf(ConnApiError);
    expect((outcome as ConnApiError).status).toBe(401);
  }, 10_000);

  it('stops with the caller’s abort reason', async () => {
    const { client } = scriptedServer([]);
    const controller = new AbortController();
    const reading = take(client.events({ signal: controller.signal }), 1).catch((e: unknown) => e);
    controller.abort(new Error('enough'));
    expect(((await reading) as Error).message).toBe('enough');
  });
});

describe('client.eventPage', () => {
  it('reads a page item by item: a newer event type drops out, the cursor stays', async () => {
    const item = (id: number, type: string) => ({ id, ...base, type });
    const client = new ConnClient({
      baseUrl: 'http://127.0.0.1:9',
      token: 'cos_test',
      fetch: async (url) => {
        expect(new URL(String(url)).searchParams.get('after')).toBe('4');
        return new Response(
          JSON.stringify({
            items: [item(5, 'draft_created'), item(6, 'teleported')],
            next_after: 6,
          }),
          { headers: { 'content-type': 'application/json' } },
        );
      },
    });
    const page = await client.eventPage({ after: 4 });
    expect(page.items.map((e) => e.id)).toEqual([5]);
    expect(page.next_after).toBe(6);
  });
});
