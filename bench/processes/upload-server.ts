/**
 * One upload server in its own process, so the benchmark can read its
 * resident memory from outside: `conn` boots the real conn-server on a data
 * directory; `bare` is the baseline, a plain node:http server that pipes
 * each body to a file in that directory while hashing it with SHA-256 (and,
 * like a staged artifact, keeps it).
 * Prints `{"url": …}` on one line once listening; exits on SIGTERM.
 *
 * The benchmark runs it bundled (`bundleUploadServer`), as conn-server ships,
 * so a TypeScript loader's own memory does not count as the server's.
 *
 * Usage: node processes/dist/upload-server.js <conn|bare> <dir> [owner password]
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const [mode, dir, ownerPassword] = process.argv.slice(2);
if ((mode !== 'conn' && mode !== 'bare') || dir === undefined) {
  process.stderr.write('usage: upload-server.ts <conn|bare> <dir> [owner password]\n');
  process.exit(2);
}

let close: () => Promise<void>;
let url: string;
if (mode === 'bare') {
  const server = createServer((request, response) => {
    const hash = createHash('sha256');
    const path = join(dir, randomUUID());
    let size = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    // The file is kept, as conn keeps a staged artifact: both leave the same dirty pages behind.
    pipeline(request, tap, createWriteStream(path, { flags: 'wx' })).then(
      () => {
        response.writeHead(201, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ size_bytes: size, sha256: hash.digest('hex') }));
      },
      () => response.destroy(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise((resolve) => server.close(() => resolve()));
} else {
  // Loaded only here, so the bare baseline carries none of it.
  const { startServer } = await import('@conn/server');
  const server = await startServer({
    env: {
      CONN_DATA_DIR: dir,
      CONN_PORT: '0',
      CONN_OWNER_PASSWORD: ownerPassword ?? 'benchmark-owner-password',
      CONN_LOG_LEVEL: 'warn',
    },
    announce: () => {},
    logStream: new Writable({ write: (_chunk, _encoding, done) => done() }),
    timings: { pollMs: 100, staleAfterMs: 60_000, sweepMs: 60_000 },
  });
  url = server.url;
  close = () => server.close();
}

process.on('SIGTERM', () => {
  close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
process.stdout.write(`${JSON.stringify({ url })}\n`);
