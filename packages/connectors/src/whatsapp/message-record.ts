import type { AttachmentMarker } from './attachment-marker';
import type { ChatMessage } from './chat-message';

/** A `messages` record. */
export type MessageRecord = {
  id: string;
  chat_id: string;
  sent_at: string;
  author: string | null;
  system: boolean;
  text: string;
  has_attachment: boolean;
  /** 1-based line of the message in its transcript. */
  line: number;
};

/**
 * The `messages` record of one chat message. Its key joins the chat's key,
 * the message time, the author and the message's number among those sent at
 * the same time, so the same export always yields the same keys. A message
 * carrying media keeps only its caption as text.
 *
 * @example
 * messageRecord('wa-chat-3f9c', message, 0, null).id; // 'wa-chat-3f9c/2023-12-31T21:41:00/Alice/0'
 */
export function messageRecord(
  chatId: string,
  message: ChatMessage,
  sequence: number,
  media: { marker: AttachmentMarker; caption: string } | null,
): MessageRecord {
  return {
    id: `${chatId}/${message.sent_at}/${message.author ?? '~system'}/${sequence}`,
    chat_id: chatId,
    sent_at: message.sent_at,
    author: message.author,
    system: message.system,
    text: media === null ? message.text : media.caption,
    has_attachment: media !== null,
    line: message.line,
  };
}
