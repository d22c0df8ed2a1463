import { DateRangeTracker } from '../date-range-tracker';
import type { UploadValidationReport, UploadValidator } from '../implementation';
import { invalidUploadReport } from '../invalid-upload-report';
import { isStaleExport } from '../is-stale-export';
import { defaultZipLimits, type ZipLimits } from '../zip/zip-limits';
import { zipRefusalReason } from '../zip/zip-refusal';
import { analyzeTranscript } from './analyze-transcript';
import { attachmentMarker } from './attachment-marker';
import { chatIdentity } from './chat-identity';
import { withoutBidiMarks } from './chat-message';
import { readChatMessages } from './read-chat-messages';
import { unreadableTranscript } from './unreadable-transcript';
import { openWhatsappExport, type WhatsappExport } from './whatsapp-export';
import { whatsappFormat } from './whatsapp-format';
import { whatsappRemedy } from './whatsapp-remedy';

/** What a WhatsApp validator may be configured with; tests shrink the zip limits and fix the clock. */
export interface WhatsappUploadOptions {
  zipLimits?: ZipLimits;
  now?: () => Date;
}

async function reportOn(
  chat: WhatsappExport,
  uploadName: string,
  signal: AbortSignal,
  now: Date,
): Promise<UploadValidationReport> {
  const { lines, shape } = await analyzeTranscript(chat, signal);
  if (shape === null) {
    const problem = unreadableTranscript(chat, lines);
    return {
      ...invalidUploadReport(problem.remedy, { reason: problem.reason }),
      empty: lines === 0,
    };
  }
  const range = new DateRangeTracker();
  let messages = 0;
  let attachments = 0;
  let mediaIncluded = 0;
  for await (const message of readChatMessages(chat, shape, signal)) {
    messages += 1;
    range.observe(message.sent_at);
    const media = attachmentMarker(withoutBidiMarks(message.text));
    if (media === null) continue;
    attachments += 1;
    if (media.marker.file_name !== null && chat.media.has(media.marker.file_name))
      mediaIncluded += 1;
  }
  const identity = chatIdentity(shape, { transcriptName: chat.transcriptName, uploadName });
  const dateRange = range.range();
  return {
    valid: true,
    format: whatsappFormat(chat.container, shape.platform),
    counts: { chats: 1, messages, attachments },
    date_range: dateRange,
    empty: messages === 0,
    stale: dateRange !== null && isStaleExport(dateRange.to, now),
    suggested_label: `WhatsApp — ${identity.name}`,
    remedy: null,
    identity: { account_id: identity.id, label: identity.name },
    details: {
      date_order: shape.dateOrder,
      date_order_source: shape.dateOrderSource,
      media_files_included: mediaIncluded,
    },
    readings: shape.dateOrderReading === null ? [] : [shape.dateOrderReading],
  };
}

/**
 * Builds the WhatsApp upload validator. It reads a .txt transcript, or a .zip
 * export's central directory (refusing path traversal, zip bombs and archives
 * with too many entries) and its transcript, and reports the format
 * (`whatsapp_txt_android`, `whatsapp_zip_ios`, …), counts per stream, the
 * date range in the phone's local time, whether it is stale (newest message
 * over two years old), the label `WhatsApp — <chat name>`, and the detected
 * date order in `details` and, in owner words, as a reading the owner may
 * change at import. Anything else — a backup database, a photo, JSON,
 * a refused zip — gets `valid: false` and a remedy naming what to export.
 *
 * @example
 * const report = await createWhatsappValidator()({ path, file_name: 'WhatsApp Chat with Family.txt', signal });
 * report.suggested_label; // 'WhatsApp — Family'
 */
export function createWhatsappValidator(options: WhatsappUploadOptions = {}): UploadValidator {
  const limits = options.zipLimits ?? defaultZipLimits;
  const now = options.now ?? (() => new Date());
  return async ({ path, file_name, signal }) => {
    try {
      const opened = await openWhatsappExport({ path, file_name }, limits);
      if ('unsupported' in opened)
        return {
          ...invalidUploadReport(opened.unsupported.remedy, { reason: opened.unsupported.reason }),
          empty: opened.unsupported.reason === 'empty_file',
        };
      try {
        return await reportOn(opened.export, file_name, signal, now());
      } finally {
        opened.export.close();
      }
    } catch (error) {
      const reason = zipRefusalReason(error);
      if (reason === null || !(error instanceof Error)) throw error;
      return invalidUploadReport(
        whatsappRemedy.refusedZip(error.message),
        { reason, code: 'artifact_invalid' },
        'whatsapp_zip',
      );
    }
  };
}

/**
 * The WhatsApp upload validator with the default zip limits.
 *
 * @example
 * const report = await whatsappValidator({ path, file_name, signal });
 */
export const whatsappValidator: UploadValidator = createWhatsappValidator();
