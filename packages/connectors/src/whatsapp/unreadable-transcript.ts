import type { NotAnExport, WhatsappExport } from './whatsapp-export';
import { whatsappRemedy } from './whatsapp-remedy';

/**
 * Why a transcript in which no message line was found cannot be imported:
 * it is empty, it was JSON, or it is some other text.
 *
 * @example
 * if (shape === null) throw new ConnError('artifact_invalid', unreadableTranscript(chat, lines).remedy);
 */
export function unreadableTranscript(chat: WhatsappExport, lines: number): NotAnExport {
  if (lines === 0) return { reason: 'empty_file', remedy: whatsappRemedy.empty() };
  if (chat.looksLikeJson) return { reason: 'json_file', remedy: whatsappRemedy.json() };
  return { reason: 'not_a_chat', remedy: whatsappRemedy.notAChat() };
}
