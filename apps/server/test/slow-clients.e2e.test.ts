import { readFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverDialects, startTestServer, type TestServer } from './test-server';

const familyTxt = fileURLToPath(
  new URL(
    '../../../packages/connectors/test/fixtures/whatsapp/android-txt/WhatsApp Chat with Family.txt',
    import.meta.url,
  ),
);

// Short limits, set through the same settings an operator uses.
const limits = {
  CONN_HEADERS_TIMEOUT_MS: '600',
  CONN_REQUEST_TIMEOUT_MS: '800',
  CONN_IDLE_TIMEOUT_MS: '1500',
  CONN_KEEP_ALIVE_TIMEOUT_MS: '500',
  CONN_EVENT_HEARTBEAT_MS: '300',
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Opens a raw socket and resolves how long after opening the server closed it. */
function trickle(url: string, head: string, drip: string, everyMs: number) {
  const { hostname, port } = new URL(url);
  const socket: Socket = connect(Number(port), hostname);
  const opened = Date.now();
  socket.on('error', () => {});
  socket.on('data', () => {});
  let timer: NodeJS.Timeout | undefined;
  socket.once('connect', () => {
    socket.write(head);
    timer = setInterval(() => {
      if (!socket.destroyed) socket.write(drip);
    }, everyMs);
  });
  return new Promise<number>((resolve) => {
    socket.once('close', () => {
      clearInterval(timer);
      resolve(Date.now() - opened);
    });
    // Never longer than the test: a socket still open after 6 s is a failure.
    setTimeout(() => {
      socket.destroy();
      resolve(Number.POSITIVE_INFINITY);
    }, 6_000).unref();
  });
}

describe.each(await serverDialects())('slow clients (%s)', (dialect) => {
  let t: TestServer;
  let token: string;
  beforeAll(async () => {
    t = await startTestServer({ dialect, env: limits });
    // One login up front: the trickled logins below count against the login limit.
    token = await t.login();
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('closes connections that never finish their headers, and keeps serving others', async () => {
    const host = new URL(t.url).host;
    const slow = Array.from({ length: 10 }, () =>
      trickle(t.url, `GET /healthz HTTP/1.1\r\nHost: ${host}\r\n`, 'X-Slow: 1\r\n', 100),
    );
    await sleep(200);
    const meanwhile = await fetch(`${t.url}/healthz`);
    expect(meanwhile.status).toBe(200);
    for (const closedAfter of await Promise.all(slow)) expect(closedAfter).toBeLessThan(2_500);
  });

  it('closes connections that trickle a login body, and keeps serving others', async () => {
    const host = new URL(t.url).host;
    const head =
      `POST /v1/owner/login HTTP/1.1\r\nHost: ${host}\r\n` +
      'Content-Type: application/json\r\nContent-Length: 200\r\n\r\n{';
    const slow = Array.from({ length: 10 }, () => trickle(t.url, head, ' ', 100));
    await sleep(200);
    const served = await fetch(`${t.url}/v1/owner/uploads`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(served.status).toBe(200);
    for (const closedAfter of await Promise.all(slow)) expect(closedAfter).toBeLessThan(2_500);
  });

  it('lets a slow but progressing upload run past the body deadline', async () => {
    const file = await readFile(familyTxt);
    const parts = 10;
    const size = Math.ceil(file.length / parts);
    // 10 parts, 250 ms apart: 2.5 s in all, beyond the 0.8 s body deadline, never idle 1.5 s.
    let index = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (index >= parts) {
          controller.close();
          return;
        }
        await sleep(250);
        controller.enqueue(file.subarray(index * size, (index + 1) * size));
        index += 1;
      },
    });
    const response = await fetch(`${t.url}/v1/owner/uploads?connector=whatsapp`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/octet-stream',
        'x-conn-file-name': encodeURIComponent('WhatsApp Chat with Family.txt'),
      },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(201);
  });

  it('keeps an event stream open past the idle timeout on its heartbeat', async () => {
    const controller = new AbortController();
    const response = await fetch(`${t.url}/v1/owner/events`, {
      headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const started = Date.now();
    let beats = 0;
    // Read for twice the idle timeout: the stream must still be open at the end.
    while (Date.now() - started < 3_000) {
      const { done } = await reader.read();
      expect(done).toBe(false);
      beats += 1;
    }
    controller.abort();
    expect(beats).toBeGreaterThan(3);
  });
});
