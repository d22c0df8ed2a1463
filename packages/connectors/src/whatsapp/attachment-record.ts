import type { BlobReference, CollectedRecord, HydrationStatus } from '../implementation';
import type { AttachmentMarker } from './attachment-marker';
import { mediaTypeOf } from './media-type';
import type { MessageRecord } from './message-record';

/** What became of a message's media file: stored as a blob, or why not. */
export type MediaOutcome =
  | { blob: BlobReference }
  | { hydration_status: HydrationStatus; hydration_reason: string };

/**
 * The `attachments` record of a message's media, keyed by the message's key
 * and the file name (or the kind, when the export left the media out). It
 * carries the stored blob's reference, or a `hydration_status` saying why it
 * has none: `deferred` when the export did not include the file, `failed`
 * when it was there but could not be stored.
 *
 * @example
 * attachmentRecord(message, { file_name: 'IMG-1.jpg', kind: 'image' }, { blob: { sha256, size_bytes } });
 */
export function attachmentRecord(
  message: MessageRecord,
  marker: AttachmentMarker,
  outcome: MediaOutcome,
): CollectedRecord & { id: string } {
  return {
    id: `${message.id}/${marker.file_name ?? `${marker.kind}-omitted`}`,
    chat_id: message.chat_id,
    message_id: message.id,
    sent_at: message.sent_at,
    author: message.author,
    file_name: marker.file_name,
    kind: marker.kind,
    media_type: marker.file_name === null ? null : mediaTypeOf(marker.file_name),
    ...outcome,
  };
}
