import { attachmentMarker } from './attachment-marker';
import type { ChatLineHeader, WhatsappPlatform } from './chat-line';
import { markerAlternation } from './marker-alternation';

/** One message of a chat export, continuation lines joined with `\n`. */
export interface ChatMessage {
  /** 1-based line of the message's header in the transcript. */
  line: number;
  platform: WhatsappPlatform;
  /** Local time of the exporting phone, zone-less ISO 8601 (`2023-12-31T21:41:00`): exports carry no zone. */
  sent_at: string;
  /** Who sent it, or null for a system notice (encryption notice, "Alice added Bob"). */
  author: string | null;
  system: boolean;
  /** The name iOS writes on a system line — in a group chat, the group's name. */
  system_label: string | null;
  text: string;
}

// Direction marks and isolates WhatsApp wraps names and phone numbers in (`‪+49 170 1234567‬`).
const bidiMarks = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const leadingMarks = /^[\u200E\u200F]+/;
// `This message was deleted.` in each language of the table: iOS marks it like a system line, but it stays its author's.
const deletedNotice = new RegExp(String.raw`^(?:${markerAlternation('deleted')})\.?$`, 'iu');

/** Removes the direction marks WhatsApp adds around names, numbers and media markers. */
export function withoutBidiMarks(text: string): string {
  return text.replace(bidiMarks, '');
}

/**
 * Splits a header's remainder into author and text. Android writes system
 * notices without an author (`… - Alice added Bob`); iOS writes them with the
 * chat's name as author and the text behind a U+200E mark, which is also how
 * it marks media — those stay messages of their author.
 *
 * @example
 * splitAuthor('Alice: hi', 'android'); // { author: 'Alice', system: false, system_label: null, text: 'hi' }
 */
export function splitAuthor(
  rest: string,
  platform: ChatLineHeader['platform'],
): Pick<ChatMessage, 'author' | 'system' | 'system_label' | 'text'> {
  const separator = rest.indexOf(': ');
  const candidate = separator > 0 ? rest.slice(0, separator) : '';
  // A long "author" or one with quotes is a system notice that happens to hold ": " (a changed subject).
  if (separator <= 0 || candidate.length > 100 || candidate.includes('"'))
    return { author: null, system: true, system_label: null, text: rest.replace(leadingMarks, '') };
  const author = withoutBidiMarks(candidate).trim();
  const raw = rest.slice(separator + 2);
  const text = raw.replace(leadingMarks, '');
  if (
    platform === 'ios' &&
    raw !== text &&
    attachmentMarker(withoutBidiMarks(text)) === null &&
    !deletedNotice.test(withoutBidiMarks(text).trim())
  )
    return { author: null, system: true, system_label: author, text };
  return { author, system: false, system_label: null, text };
}
