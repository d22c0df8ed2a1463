import { ConnError } from '@conn/setup-engine';
import { BatchingEmitter } from '../batching-emitter';
import { DateRangeTracker } from '../date-range-tracker';
import type { UploadedFile, UploadImporter, UploadImportInput } from '../implementation';
import { defaultZipLimits, type ZipLimits } from '../zip/zip-limits';
import { analyzeTranscript } from './analyze-transcript';
import { type AttachmentMarker, attachmentMarker } from './attachment-marker';
import { attachmentRecord, type MediaOutcome } from './attachment-record';
import { chatIdentity } from './chat-identity';
import { withoutBidiMarks } from './chat-message';
import { chatRecord } from './chat-record';
import { pickedDateOrder } from './date-order-reading';
import { messageRecord } from './message-record';
import { readChatMessages } from './read-chat-messages';
import { storeMedia } from './store-media';
import { TimestampSequencer } from './timestamp-sequencer';
import { unreadableTranscript } from './unreadable-transcript';
import { openWhatsappExport } from './whatsapp-export';
import { whatsappFormat } from './whatsapp-format';

/** How often, in messages, the importer reports progress. */
const progressEvery = 1_000;

function outcomeFor(
  marker: AttachmentMarker,
  stored: ReadonlyMap<string, MediaOutcome>,
): MediaOutcome {
  if (marker.file_name === null)
    return { hydration_status: 'deferred', hydration_reason: 'export_without_media' };
  return (
    stored.get(marker.file_name) ?? {
      hydration_status: 'deferred',
      hydration_reason: 'file_not_in_upload',
    }
  );
}

async function importFile(
  file: UploadedFile,
  input: UploadImportInput,
  batches: BatchingEmitter,
  limits: ZipLimits,
): Promise<{ format: string; range: { from: string; to: string } | null }> {
  const opened = await openWhatsappExport(file, limits);
  if ('unsupported' in opened)
    throw new ConnError('artifact_invalid', opened.unsupported.remedy, {
      reason: opened.unsupported.reason,
      file_name: file.file_name,
    });
  const chat = opened.export;
  try {
    input.progress('reading', batches.counts());
    const { lines, shape } = await analyzeTranscript(chat, input.signal, {
      dateOrder: pickedDateOrder(input.readings),
    });
    if (shape === null) {
      const problem = unreadableTranscript(chat, lines);
      throw new ConnError('artifact_invalid', problem.remedy, {
        reason: problem.reason,
        file_name: file.file_name,
      });
    }
    const identity = chatIdentity(shape, {
      transcriptName: chat.transcriptName,
      uploadName: file.file_name,
    });
    // Media first: a zip that turns out hostile while inflating is refused before any record is emitted.
    const stored = await storeMedia(chat, shape.referencedFiles, input.blobs, input.signal, (n) =>
      input.progress('media', { ...batches.counts(), media_stored: n }),
    );
    const sequencer = new TimestampSequencer();
    const range = new DateRangeTracker();
    let messages = 0;
    let attachments = 0;
    for await (const message of readChatMessages(chat, shape, input.signal)) {
      const media = attachmentMarker(withoutBidiMarks(message.text));
      const record = messageRecord(identity.id, message, sequencer.next(message.sent_at), media);
      await batches.add('messages', record);
      messages += 1;
      range.observe(message.sent_at);
      if (media !== null) {
        await batches.add(
          'attachments',
          attachmentRecord(record, media.marker, outcomeFor(media.marker, stored)),
        );
        attachments += 1;
      }
      if (messages % progressEvery === 0) input.progress('messages', batches.counts());
    }
    const format = whatsappFormat(chat.container, shape.platform);
    await batches.add(
      'chats',
      chatRecord(
        identity,
        shape,
        { container: chat.container, format, transcriptName: chat.transcriptName },
        { messages, attachments, range: range.range() },
      ),
    );
    input.progress('messages', batches.counts());
    return { format, range: range.range() };
  } finally {
    chat.close();
  }
}

/**
 * Builds the WhatsApp importer. Each uploaded file is one chat export (.txt,
 * or .zip with media) and becomes one `chats` record, a `messages` record per
 * message and an `attachments` record per media reference, emitted in batches.
 * A .zip's referenced media files are streamed into `blobs.put` first
 * (progress stage `media`), then the transcript is read (`reading`, then
 * `messages`); attachments without a stored file carry
 * `hydration_status: 'deferred'` (or `'failed'` with a reason). Keys depend
 * only on the export's content and names, so importing it again upserts.
 * The owner's `readings.date_order` (`day_first` or `month_first`) replaces
 * the detected date order of every file.
 *
 * Rejects with `artifact_invalid` (and `details.reason`) for a file that is
 * no chat export or a refused zip, and with the signal's reason when cancelled.
 *
 * @example
 * const { counts } = await createWhatsappImporter()({ files, signal, blobs, emit, progress });
 * counts.messages; // 1204
 */
export function createWhatsappImporter(options: { zipLimits?: ZipLimits } = {}): UploadImporter {
  const limits = options.zipLimits ?? defaultZipLimits;
  return async (input) => {
    const batches = new BatchingEmitter(input).declare('chats', 'messages', 'attachments');
    const formats: string[] = [];
    const coverage = new DateRangeTracker();
    for (const file of input.files) {
      input.signal.throwIfAborted();
      const imported = await importFile(file, input, batches, limits);
      if (!formats.includes(imported.format)) formats.push(imported.format);
      if (imported.range !== null) {
        coverage.observe(imported.range.from);
        coverage.observe(imported.range.to);
      }
    }
    await batches.flush();
    return {
      counts: batches.counts(),
      provenance: {
        format: formats.join('+'),
        acquisition: 'on_device_export',
        coverage: coverage.range(),
      },
    };
  };
}

/**
 * The WhatsApp importer with the default zip limits.
 *
 * @example
 * await whatsappImporter({ files, signal, blobs, emit, progress });
 */
export const whatsappImporter: UploadImporter = createWhatsappImporter();
