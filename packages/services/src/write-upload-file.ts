import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { uploadTooLarge } from './upload-too-large';

const writeBufferBytes = 1024 * 1024;

/** What was written: the file's size and its lowercase hex SHA-256. */
export interface WrittenUpload {
  size_bytes: number;
  sha256: string;
}

/**
 * Streams an upload body into a new file (`wx`, mode 0600) while hashing it,
 * in constant memory: one chunk at a time, waiting for the disk when it lags.
 * Stops at the first byte past `maxBytes` with `payload_too_large`; the body
 * is left unread but not destroyed, so the caller can still answer on its
 * connection. Removing the partial file is the caller's job.
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
  // A 1 MiB buffer lets the socket keep delivering while the disk catches up, in bounded memory.
  const out = createWriteStream(path, {
    flags: 'wx',
    mode: 0o600,
    highWaterMark: writeBufferBytes,
  });
  let size = 0;
  try {
    // Not destroyed on an early exit: destroying a request stream would also kill the socket the 413 goes out on.
    for await (const chunk of body.iterator({ destroyOnReturn: false })) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      size += bytes.length;
      if (size > maxBytes) throw uploadTooLarge(maxBytes);
      hash.update(bytes);
      if (!out.write(bytes)) await once(out, 'drain');
    }
    out.end();
    await finished(out);
  } catch (error) {
    out.destroy();
    throw error;
  }
  return { size_bytes: size, sha256: hash.digest('hex') };
}
