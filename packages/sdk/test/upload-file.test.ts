import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnClient, type UploadProgress } from '../src/index';
import { uploadFile } from '../src/node/index';
import { type FakeServer, startFakeServer } from './fake-conn-server';

const size = 5 * 1024 * 1024;

let server: FakeServer;
let client: ConnClient;
let dir: string;
let path: string;
let content: Buffer;

beforeAll(async () => {
  server = await startFakeServer();
  server.on('POST /v1/owner/uploads', (request) => ({
    status: 201,
    json: {
      id: 'art1',
      connector: 'whatsapp',
      file_name: 'chat.txt',
      size_bytes: request.body.length,
      sha256: null,
      status: 'uploaded',
      validation: null,
      expires_at: '2030-01-02T00:00:00.000Z',
    },
  }));
  client = new ConnClient({ baseUrl: server.url, token: 'cos_owner' });
  dir = await mkdtemp(join(tmpdir(), 'conn-sdk-upload-'));
  path = join(dir, 'WhatsApp Chat with Family.zip');
  content = randomBytes(size);
  await writeFile(path, content);
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('uploadFile', () => {
  it('streams a 5 MB file byte for byte with increasing progress up to its size', async () => {
    const progress: UploadProgress[] = [];
    const artifact = await uploadFile(client, 'chat-export', path, {
      onProgress: (p) => progress.push(p),
    });
    const seen = server.last();
    expect(artifact).toMatchObject({ id: 'art1', status: 'uploaded', size_bytes: size });
    expect(seen.url).toBe('/v1/owner/uploads?connector=chat-export');
    expect(seen.headers['content-type']).toBe('application/octet-stream');
    expect(seen.headers.authorization).toBe('Bearer cos_owner');
    expect(decodeURIComponent(String(seen.headers['x-conn-file-name']))).toBe(
      'WhatsApp Chat with Family.zip',
    );
    // Streamed, not buffered into one request body of known length.
    expect(seen.headers['transfer-encoding']).toBe('chunked');
    expect(seen.sha256).toBe(sha256(content));
    expect(progress.length).toBeGreaterThan(10);
    for (let i = 1; i < progress.length; i += 1) {
      expect(progress[i]!.bytesSent).toBeGreaterThan(progress[i - 1]!.bytesSent);
    }
    expect(progress.at(-1)).toEqual({ bytesSent: size, totalBytes: size });
    expect(progress.every((p) => p.totalBytes === size)).toBe(true);
  });

  it('streams a Node Readable under the given file name, with an unknown total', async () => {
    const progress: UploadProgress[] = [];
    const parts = [content.subarray(0, 1000), content.subarray(1000, 5000)];
    await uploadFile(client, 'chat-export', Readable.from(parts), {
      fileName: 'part.txt',
      onProgress: (p) => progress.push(p),
    });
    expect(server.last().sha256).toBe(sha256(content.subarray(0, 5000)));
    expect(decodeURIComponent(String(server.last().headers['x-conn-file-name']))).toBe('part.txt');
    expect(progress).toEqual([
      { bytesSent: 1000, totalBytes: null },
      { bytesSent: 5000, totalBytes: null },
    ]);
  });

  it('refuses a stream without a file name before sending anything', async () => {
    const before = server.requests.length;
    await expect(
      uploadFile(client, 'chat-export', Readable.from([content.subarray(0, 10)])),
    ).rejects.toThrow(TypeError);
    expect(server.requests.length).toBe(before);
  });

  it('stops when aborted and rejects with the reason', async () => {
    const controller = new AbortController();
    controller.abort(new Error('owner cancelled the upload'));
    await expect(
      uploadFile(client, 'chat-export', path, { signal: controller.signal }),
    ).rejects.toThrow('owner cancelled the upload');
  });
});
