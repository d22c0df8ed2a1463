import type { UploadProgressListener } from './upload-progress';

/**
 * Passes a byte stream through unchanged, reporting the running byte count
 * as the consumer (fetch) pulls each chunk. Works in browsers and Node.
 *
 * @example
 * const body = trackUploadProgress(file.stream(), file.size, ({ bytesSent }) => bar.update(bytesSent));
 */
export function trackUploadProgress(
  stream: ReadableStream<Uint8Array>,
  totalBytes: number | null,
  onProgress: UploadProgressListener,
): ReadableStream<Uint8Array> {
  let bytesSent = 0;
  return stream.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        controller.enqueue(chunk);
        if (chunk.byteLength === 0) return;
        bytesSent += chunk.byteLength;
        onProgress({ bytesSent, totalBytes });
      },
    }),
  );
}
