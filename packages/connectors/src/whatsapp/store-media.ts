import type { Readable } from 'node:stream';
import type { BlobSink } from '../implementation';
import { zipRefusalReason } from '../zip/zip-refusal';
import type { MediaOutcome } from './attachment-record';
import { mediaTypeOf } from './media-type';
import type { WhatsappExport } from './whatsapp-export';

/**
 * Streams each media file of a .zip export that a message references into
 * the blob sink, one at a time, and returns what became of each by file name.
 * A file that cannot be read (password-protected, an unknown compression) or
 * stored is `failed`; a zip refusal found while inflating (a bomb) and a
 * cancelled run reject, before any record of the export was emitted.
 *
 * @example
 * const stored = await storeMedia(chat, shape.referencedFiles, blobs, signal, (n) => progress('media', { media_stored: n }));
 */
export async function storeMedia(
  chat: WhatsappExport,
  referenced: ReadonlySet<string>,
  blobs: BlobSink,
  signal: AbortSignal,
  onStored: (stored: number) => void,
): Promise<Map<string, MediaOutcome>> {
  const outcomes = new Map<string, MediaOutcome>();
  for (const [name, entry] of chat.media) {
    if (!referenced.has(name)) continue;
    signal.throwIfAborted();
    let source: Readable;
    try {
      source = await chat.openMedia(entry);
    } catch (error) {
      const reason = zipRefusalReason(error);
      if (reason !== 'encrypted' && reason !== 'unsupported_compression') throw error;
      outcomes.set(name, { hydration_status: 'failed', hydration_reason: reason });
      continue;
    }
    // Kept even if `put` swallows the source's error: a refused read must never count as stored.
    let readError: unknown = null;
    source.once('error', (error) => {
      readError = error;
    });
    const mediaType = mediaTypeOf(name);
    try {
      const blob = await blobs.put(source, {
        file_name: name,
        ...(mediaType === null ? {} : { media_type: mediaType }),
      });
      if (readError !== null) throw readError;
      outcomes.set(name, { blob: { sha256: blob.sha256, size_bytes: blob.size_bytes } });
    } catch (error) {
      source.destroy();
      if (readError !== null) throw readError;
      if (zipRefusalReason(error) !== null || signal.aborted) throw error;
      outcomes.set(name, { hydration_status: 'failed', hydration_reason: 'blob_store_error' });
    }
    onStored(outcomes.size);
  }
  return outcomes;
}
