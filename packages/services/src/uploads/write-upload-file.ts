import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { type Readable, Transform } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { uploadTooLarge } from './upload-too-large';

/** What was written: the file's size and its lowercase hex SHA-256. */
export interface WrittenUpload {
  size_bytes: number;
  sha256: string;
}

/**
 * Streams an upload body into a new file (`wx`, mode 0600) while hashing it,
 * in constant memory: the body is piped through a counting, hashing step into
 * the file, with backpressure from the disk all the way to the socket. Stops
 * at the first byte past `maxBytes` with `payload_too_large`; the body is then
 * unpiped and left unread but not destroyed, so the caller can still answer on
 * its connection. A body that breaks off rejects with its error. Removing the
 * partial file is the caller's job.
 *
 * @example
 * const { size_bytes, sha256 } = await writeUploadFile(request.raw, path, manifestLimit);
 */
export async function writeUploadFile(
  body: Readable,
  path: string,
  maxBytes: number,
): Promise<WrittenUpload> {
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > maxBytes) {
        done(uploadTooLarge(maxBytes));
        return;
      }
      hash.update(chunk);
      done(null, chunk);
    },
  });
  // `pipe`, not `pipeline`, from the body: a pipeline would destroy the request on an early stop,
  // and with it the socket the 413 goes out on. The body's own failure still stops the copy.
  finished(body, { writable: false }).catch((error: unknown) => {
    meter.destroy(error instanceof Error ? error : new Error('The upload body failed.'));
  });
  body.pipe(meter);
  try {
    await pipeline(meter, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
  } finally {
    body.unpipe(meter);
  }
  return { size_bytes: size, sha256: hash.digest('hex') };
}
