import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import type { CallOptions } from '../call-options';
import type { ConnClient } from '../conn-client';
import type { Artifact } from '../response-types';
import type { UploadProgressListener } from '../upload-progress';

/** Options of `uploadFile`. */
export interface UploadFileOptions extends CallOptions {
  /** The name the owner sees; defaults to the path's base name, and is required for streams. */
  fileName?: string;
  /** Called per chunk with strictly increasing `bytesSent`; `totalBytes` from `fs.stat` for paths. */
  onProgress?: UploadProgressListener;
  /** A stream's size when the caller knows it. */
  totalBytes?: number | null;
}

/**
 * Streams a file (a path, a Node `Readable` or a web `ReadableStream`) to
 * `POST /v1/owner/uploads?connector=KEY` without buffering it in memory,
 * reporting bytes as they go out. Resolves with the staged artifact.
 *
 * @example
 * import { uploadFile } from '@conn/sdk/node';
 * const artifact = await uploadFile(owner, plan.connector.key, './WhatsApp Chat.zip', {
 *   onProgress: ({ bytesSent, totalBytes }) => console.log(`${bytesSent} / ${totalBytes}`),
 * });
 */
export async function uploadFile(
  client: Pick<ConnClient, 'upload'>,
  connector: string,
  source: string | Readable | ReadableStream<Uint8Array>,
  options: UploadFileOptions = {},
): Promise<Artifact> {
  let fileName = options.fileName;
  let totalBytes = options.totalBytes ?? null;
  let opened: Readable | null = null;
  let body: ReadableStream<Uint8Array>;
  if (typeof source === 'string') {
    const info = await stat(source);
    if (!info.isFile()) throw new TypeError('uploadFile needs the path of a regular file.');
    totalBytes ??= info.size;
    fileName ??= basename(source);
    opened = createReadStream(source);
    body = Readable.toWeb(opened) as ReadableStream<Uint8Array>;
  } else if (source instanceof Readable) {
    body = Readable.toWeb(source) as ReadableStream<Uint8Array>;
  } else {
    body = source;
  }
  if (fileName === undefined || fileName === '') {
    throw new TypeError('uploadFile needs options.fileName when the source is a stream.');
  }
  try {
    return await client.upload(connector, body, {
      fileName,
      totalBytes,
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
  } finally {
    // A failed or aborted request may leave the file half read: close it either way.
    opened?.destroy();
  }
}
