import type { CollectedRecord } from '../implementation';
import type { ClaudeCodeLine } from './claude-code-line';

/**
 * What one session file says about its session, gathered line by line so the
 * file never has to be held in memory.
 *
 * @example
 * const session = new ClaudeCodeSession('0b6f…', '-home-dev-weather-app');
 * session.observe(line);
 * if (line.type === 'user') session.countMessage();
 * await emit('sessions', [session.record()]);
 */
export class ClaudeCodeSession {
  readonly #sessionId: string;
  readonly #project: string;
  #cwd: string | null = null;
  #gitBranch: string | null = null;
  #version: string | null = null;
  #summary: string | null = null;
  #first: { at: string; ms: number } | null = null;
  #last: { at: string; ms: number } | null = null;
  #messages = 0;

  constructor(sessionId: string, project: string) {
    this.#sessionId = sessionId;
    this.#project = project;
  }

  /** The session's id: its log file's name without `.jsonl`. */
  get id(): string {
    return this.#sessionId;
  }

  /** Messages counted so far. */
  get messageCount(): number {
    return this.#messages;
  }

  /** Takes in the session facts a line carries (any line type). */
  observe(line: ClaudeCodeLine): void {
    this.#cwd ??= line.cwd ?? null;
    this.#gitBranch ??= line.gitBranch || null;
    this.#version ??= line.version ?? null;
    // The last summary is the one Claude Code wrote after the most recent compaction.
    if (line.type === 'summary' && typeof line.summary === 'string') this.#summary = line.summary;
    const ms = typeof line.timestamp === 'string' ? Date.parse(line.timestamp) : Number.NaN;
    if (typeof line.timestamp !== 'string' || Number.isNaN(ms)) return;
    if (this.#first === null || ms < this.#first.ms) this.#first = { at: line.timestamp, ms };
    if (this.#last === null || ms > this.#last.ms) this.#last = { at: line.timestamp, ms };
  }

  /** Counts one emitted message. */
  countMessage(): void {
    this.#messages += 1;
  }

  /** The `sessions` record, keyed by `session_id` (the log file's name). */
  record(): CollectedRecord {
    return {
      session_id: this.#sessionId,
      project: this.#project,
      cwd: this.#cwd,
      git_branch: this.#gitBranch,
      version: this.#version,
      started_at: this.#first?.at ?? null,
      ended_at: this.#last?.at ?? null,
      message_count: this.#messages,
      summary: this.#summary,
    };
  }
}
