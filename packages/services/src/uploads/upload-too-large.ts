import { ConnError, formatBytes } from '@conn/setup-engine';

/**
 * The error for an upload over its connector's `max_file_bytes` (413), whether
 * its declared Content-Length says so or its streamed bytes do.
 *
 * @example
 * if (declaredBytes > limit) throw uploadTooLarge(limit);
 */
export function uploadTooLarge(maxBytes: number): ConnError<'payload_too_large'> {
  return new ConnError(
    'payload_too_large',
    `This file is larger than this connector accepts (at most ${formatBytes(maxBytes)}).`,
    { max_file_bytes: maxBytes },
  );
}
