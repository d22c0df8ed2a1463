import type { CollectedRecord } from '../implementation';
import type { CodexLine, CodexLogFormat } from './codex-line';

/** Tool-call item types end in `_call` (`function_call`, `custom_tool_call`, `local_shell_call`, `web_search_call`). */
function toolName(line: CodexLine): string | null {
  if (line.kind !== 'item' || !line.item.type.endsWith('_call')) return null;
  return line.item.name ?? line.item.type.slice(0, -'_call'.length);
}

/**
 * What one Codex log file says about its session, gathered line by line so
 * the file never has to be held in memory. Tool calls are summarised here
 * (count and distinct names) rather than emitted as messages.
 *
 * @example
 * const session = new CodexSession('5973b6c0-94b8-487b-a530-2aeb6098ae0e');
 * session.observe(readCodexLine(value));
 * await emit('sessions', [session.record()]);
 */
export class CodexSession {
  #id: string;
  #idFromMeta = false;
  #format: CodexLogFormat | null = null;
  #cwd: string | null = null;
  #model: string | null = null;
  #originator: string | null = null;
  #cliVersion: string | null = null;
  #gitBranch: string | null = null;
  #gitCommit: string | null = null;
  #first: { at: string; ms: number } | null = null;
  #last: { at: string; ms: number } | null = null;
  #messages = 0;
  #toolCalls = 0;
  readonly #toolNames = new Set<string>();

  /** `fileSessionId` is the id in the log's file name, used until a meta line names the session. */
  constructor(fileSessionId: string) {
    this.#id = fileSessionId;
  }

  /** The session id that keys this session and its messages. */
  get id(): string {
    return this.#id;
  }

  /** Messages counted so far. */
  get messageCount(): number {
    return this.#messages;
  }

  /** Takes in the session facts a line carries. */
  observe(line: CodexLine): void {
    if (line.kind === 'invalid') return;
    this.#observeTime(line.timestamp);
    if (line.kind === 'meta') {
      // Once messages are keyed by an id it cannot change, or a re-run would key them differently.
      if (!this.#idFromMeta && this.#messages === 0) this.#id = line.id;
      this.#idFromMeta = true;
      this.#format ??= line.format;
      this.#cwd ??= line.cwd;
      this.#originator ??= line.originator;
      this.#cliVersion ??= line.cli_version;
      this.#gitBranch ??= line.git_branch;
      this.#gitCommit ??= line.git_commit;
    } else if (line.kind === 'context') {
      this.#cwd ??= line.cwd;
      // The latest turn's model: a session may switch models, and the last one is what it ended on.
      this.#model = line.model ?? this.#model;
    } else if (line.kind === 'item') {
      this.#format ??= line.format;
      const tool = toolName(line);
      if (tool !== null) {
        this.#toolCalls += 1;
        this.#toolNames.add(tool);
      }
    }
  }

  /** Counts one emitted message. */
  countMessage(): void {
    this.#messages += 1;
  }

  /** The `sessions` record, keyed by `session_id`. */
  record(): CollectedRecord {
    return {
      session_id: this.#id,
      log_format: this.#format,
      cwd: this.#cwd,
      model: this.#model,
      originator: this.#originator,
      cli_version: this.#cliVersion,
      git_branch: this.#gitBranch,
      git_commit: this.#gitCommit,
      started_at: this.#first?.at ?? null,
      ended_at: this.#last?.at ?? null,
      message_count: this.#messages,
      tool_call_count: this.#toolCalls,
      tool_names: [...this.#toolNames].sort(),
    };
  }

  #observeTime(timestamp: string | null): void {
    const ms = timestamp === null ? Number.NaN : Date.parse(timestamp);
    if (timestamp === null || Number.isNaN(ms)) return;
    if (this.#first === null || ms < this.#first.ms) this.#first = { at: timestamp, ms };
    if (this.#last === null || ms > this.#last.ms) this.#last = { at: timestamp, ms };
  }
}
