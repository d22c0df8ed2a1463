import type { CollectedRecord } from '../implementation';
import type { ClaudeCodeLine } from './claude-code-line';

type Content = NonNullable<NonNullable<ClaudeCodeLine['message']>['content']>;

/** The readable text of a message: a plain string, or its `text` blocks joined (tool calls and results left out). */
function messageText(content: Content | null | undefined): string {
  if (content === null || content === undefined) return '';
  if (typeof content === 'string') return content;
  return content
    .flatMap((block) =>
      block.type === 'text' && typeof block.text === 'string' ? [block.text] : [],
    )
    .join('\n\n');
}

/** Names of the tools a message called, in call order, each once. */
function toolNames(content: Content | null | undefined): string[] {
  if (content === null || content === undefined || typeof content === 'string') return [];
  const names = content.flatMap((block) =>
    block.type === 'tool_use' && typeof block.name === 'string' ? [block.name] : [],
  );
  return [...new Set(names)];
}

/**
 * A Claude Code `user` or `assistant` line as a `messages` record, keyed by
 * the line's `uuid` (Claude Code's own id, so a re-run upserts the same
 * record), or null when the line lacks the uuid or message that makes it one.
 *
 * @example
 * const record = claudeCodeMessageRecord(line, '0b6f…');
 * record?.tool_names; // ['Read', 'Edit']
 */
export function claudeCodeMessageRecord(
  line: ClaudeCodeLine,
  sessionId: string,
): CollectedRecord | null {
  const { uuid, message } = line;
  if (typeof uuid !== 'string' || uuid === '' || message === null || message === undefined) {
    return null;
  }
  return {
    uuid,
    session_id: sessionId,
    parent_uuid: line.parentUuid ?? null,
    role: message.role ?? line.type,
    timestamp: line.timestamp ?? null,
    text: messageText(message.content),
    tool_names: toolNames(message.content),
    model: message.model ?? null,
  };
}
