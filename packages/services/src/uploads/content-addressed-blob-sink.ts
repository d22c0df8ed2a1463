import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { access, mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BlobPutOptions, BlobReference, BlobSink } from '@conn/connectors';
import { holdBlob, insertBlobOnce } from '@conn/store';
import type { ServiceDeps } from '../service-deps';
import { uploadPaths } from './upload-paths';

/**
 * The server's `BlobSink`: media an importer finds in an export is streamed
 * (in constant memory) into `<dataDir>/blobs/incoming/`, hashed on the way,
 * then moved to `<dataDir>/blobs/<first two hex digits>/<sha256>` and
 * recorded in the `blobs` table. Content already stored is kept as it is and
 * the new copy dropped, so the same photo in two exports takes its space once.
 * With a `holder`, the blob is also recorded as held by that connection and
 * run, so deleting the connection (or undoing the run) frees what only it held.
 *
 * @example
 * const blobs = contentAddressedBlobSink(deps, dataDir, { connectionId, runId });
 * const { sha256 } = await blobs.put(entryStream, { file_name: 'IMG-1.jpg', media_type: 'image/jpeg' });
 */
export function contentAddressedBlobSink(
  deps: ServiceDeps,
  dataDir: string,
  holder?: { readonly connectionId: string; readonly runId: string },
): BlobSink {
  return {
    async put(source: Readable, options: BlobPutOptions): Promise<BlobReference> {
      const incoming = uploadPaths.absolute(dataDir, uploadPaths.blobsIncoming);
      await mkdir(incoming, { recursive: true, mode: 0o700 });
      const temporary = `${incoming}/${randomUUID()}`;
      const hash = createHash('sha256');
      let size = 0;
      const tap = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          size += chunk.length;
          done(null, chunk);
        },
      });
      try {
        await pipeline(source, tap, createWriteStream(temporary, { flags: 'wx', mode: 0o600 }));
        const sha256 = hash.digest('hex');
        const relative = uploadPaths.blobFile(sha256);
        const target = uploadPaths.absolute(dataDir, relative);
        if (await exists(target)) {
          await rm(temporary, { force: true });
        } else {
          await mkdir(dirname(target), { recursive: true, mode: 0o700 });
          // Same content under the same name: a concurrent put of these bytes renaming first is fine.
          await rename(temporary, target);
        }
        const now = deps.clock();
        await deps.store.transaction(async (trx) => {
          await insertBlobOnce(trx, {
            sha256,
            size_bytes: size,
            media_type: options.media_type ?? null,
            storage_path: relative,
            created_at: now.toISOString(),
          });
          if (holder !== undefined) await holdBlob(trx, { ...holder, sha256, now });
        });
        return { sha256, size_bytes: size };
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
