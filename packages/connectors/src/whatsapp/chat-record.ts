import type { CollectedRecord } from '../implementation';
import type { TranscriptShape } from './analyze-transcript';
import type { ChatIdentity } from './chat-identity';

/** What one export's messages added up to, for its `chats` record and the validator's report. */
export interface ChatTotals {
  messages: number;
  attachments: number;
  range: { from: string; to: string } | null;
}

/**
 * The `chats` record of one export: its name, layout, participants and the
 * period its messages cover, keyed by the chat's identity.
 *
 * @example
 * chatRecord(identity, shape, { container: 'zip', format: 'whatsapp_zip_ios', transcriptName: '_chat.txt' }, totals);
 */
export function chatRecord(
  identity: ChatIdentity,
  shape: TranscriptShape,
  source: { container: 'txt' | 'zip'; format: string; transcriptName: string },
  totals: ChatTotals,
): CollectedRecord & { id: string } {
  return {
    id: identity.id,
    name: identity.name,
    platform: shape.platform,
    container: source.container,
    format: source.format,
    transcript_file: source.transcriptName,
    participants: shape.participants,
    message_count: totals.messages,
    attachment_count: totals.attachments,
    first_message_at: totals.range?.from ?? null,
    last_message_at: totals.range?.to ?? null,
    date_order: shape.dateOrder,
    date_order_source: shape.dateOrderSource,
  };
}
