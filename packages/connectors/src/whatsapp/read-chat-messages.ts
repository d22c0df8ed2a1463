import type { TranscriptShape } from './analyze-transcript';
import { parseChatLine } from './chat-line';
import { type ChatMessage, splitAuthor } from './chat-message';
import { headerLocalTime } from './date-order';
import { readTextLines } from './read-text-lines';
import type { WhatsappExport } from './whatsapp-export';

/**
 * Reads a transcript's messages in file order, one at a time: each line that
 * starts a message in the transcript's layout begins one, and every other
 * line (a multi-line message, or a header-like line whose date cannot exist
 * under the detected order) continues the current one. Lines before the
 * first message are dropped.
 *
 * @example
 * for await (const message of readChatMessages(chat, shape, signal)) console.log(message.author, message.text);
 */
export async function* readChatMessages(
  chat: WhatsappExport,
  shape: TranscriptShape,
  signal: AbortSignal,
): AsyncGenerator<ChatMessage> {
  let current: ChatMessage | null = null;
  let lineNumber = 0;
  for await (const line of readTextLines(await chat.openTranscript(), signal)) {
    lineNumber += 1;
    const header = parseChatLine(line);
    const sentAt =
      header !== null && header.platform === shape.platform
        ? headerLocalTime(header, shape.dateOrder)
        : null;
    if (header === null || sentAt === null) {
      if (current !== null) current.text += `\n${line}`;
      continue;
    }
    if (current !== null) yield current;
    current = {
      line: lineNumber,
      platform: header.platform,
      sent_at: sentAt,
      ...splitAuthor(header.rest, header.platform),
    };
  }
  if (current !== null) yield current;
}
