/**
 * The uploads benchmark's baseline in its own process: a plain node:http
 * server that pipes each body to a file in `<dir>` while hashing it with
 * SHA-256 (and, like a staged artifact, keeps it).
 * Prints `{"url": …}` on one line once listening; exits on SIGTERM.
 *
 * The benchmark runs it bundled (`bundleBareUploadServer`) with plain `node`
 * and no flags, as conn-server ships, so a TypeScript loader's work does not
 * count against the baseline.
 *
 * Usage: node processes/dist/bare-upload-server.js <dir>
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const [dir] = process.argv.slice(2);
if (dir === undefined) {
  process.stderr.write('usage: bare-upload-server.js <dir>\n');
  process.exit(2);
}

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

process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.stdout.write(
  `${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`,
);
