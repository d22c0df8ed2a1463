import type { CollectedRecord } from '../implementation';
import type { CodexItem } from './codex-line';

/** The readable text of a message item: its text blocks (`input_text`, `output_text`) joined; images left out. */
function messageText(content: CodexItem['content']): string {
  if (content === null || content === undefined) return '';
  if (typeof content === 'string') return content;
  return content
    .flatMap((block) => (typeof block.text === 'string' ? [block.text] : []))
    .join('\n\n');
}

/**
 * A Codex message item as a `messages` record. Codex messages carry no id of
 * their own, so the key `id` is the session id plus the item's line number in
 * the log: Codex only appends to a log, so a re-run gives every message the
 * same key. Returns null for an item that is not a message with a role.
 *
 * @example
 * codexMessageRecord(item, { sessionId: '5973b6c0-…', line: 4, timestamp: null });
 * // { id: '5973b6c0-…:4', role: 'user', text: 'Fix the failing test', … }
 */
export function codexMessageRecord(
  item: CodexItem,
  at: { sessionId: string; line: number; timestamp: string | null },
): CollectedRecord | null {
  if (item.type !== 'message' || typeof item.role !== 'string' || item.role === '') return null;
  return {
    id: `${at.sessionId}:${at.line}`,
    session_id: at.sessionId,
    line: at.line,
    role: item.role,
    timestamp: at.timestamp,
    text: messageText(item.content),
  };
}
