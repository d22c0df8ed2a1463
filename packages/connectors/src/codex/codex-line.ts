import { z } from 'zod';

const ContentSchema = z.union([
  z.string(),
  z.array(z.looseObject({ type: z.string(), text: z.string().nullish() })),
]);

/** A conversation item: a message, or a tool call, reasoning, tool output… (same shape in both formats). */
export const CodexItemSchema = z.looseObject({
  type: z.string(),
  role: z.string().nullish(),
  name: z.string().nullish(),
  content: ContentSchema.nullish(),
});
export type CodexItem = z.infer<typeof CodexItemSchema>;

const SessionMetaSchema = z.looseObject({
  id: z.string().min(1),
  timestamp: z.string().nullish(),
  cwd: z.string().nullish(),
  originator: z.string().nullish(),
  cli_version: z.string().nullish(),
  git: z.looseObject({ branch: z.string().nullish(), commit_hash: z.string().nullish() }).nullish(),
});

const TurnContextSchema = z.looseObject({ cwd: z.string().nullish(), model: z.string().nullish() });

// Current format: every line is an envelope `{ timestamp, type, payload }`.
const RolloutLineSchema = z.looseObject({
  timestamp: z.string().nullish(),
  type: z.string(),
  payload: z.record(z.string(), z.unknown()),
});

// Older format: a first line `{ id, timestamp, instructions }`, then bare items.
const LegacyMetaSchema = SessionMetaSchema.extend({ type: z.never().optional() });
const LegacyStateSchema = z.looseObject({ record_type: z.string() });

/** Which of the two Codex log formats a line was written in. */
export type CodexLogFormat = 'rollout' | 'legacy';

/** A Codex log line, sorted into what the collector does with it. */
export type CodexLine =
  | {
      kind: 'meta';
      format: CodexLogFormat;
      timestamp: string | null;
      id: string;
      cwd: string | null;
      originator: string | null;
      cli_version: string | null;
      git_branch: string | null;
      git_commit: string | null;
    }
  | { kind: 'context'; timestamp: string | null; cwd: string | null; model: string | null }
  | { kind: 'item'; format: CodexLogFormat; timestamp: string | null; item: CodexItem }
  /** A line conn does not collect (events, state snapshots), still carrying its time. */
  | { kind: 'other'; timestamp: string | null }
  /** JSON that is not a Codex line of either format; counted as skipped. */
  | { kind: 'invalid' };

type SessionMeta = z.infer<typeof SessionMetaSchema>;

function metaLine(meta: SessionMeta, format: CodexLogFormat, lineTime: string | null): CodexLine {
  return {
    kind: 'meta',
    format,
    timestamp: meta.timestamp ?? lineTime,
    id: meta.id,
    cwd: meta.cwd ?? null,
    originator: meta.originator ?? null,
    cli_version: meta.cli_version ?? null,
    git_branch: meta.git?.branch ?? null,
    git_commit: meta.git?.commit_hash ?? null,
  };
}

/** A line of the current format, sorted by its envelope's `type`. */
function rolloutLine(type: string, payload: unknown, timestamp: string | null): CodexLine {
  switch (type) {
    case 'session_meta': {
      const meta = SessionMetaSchema.safeParse(payload);
      return meta.success ? metaLine(meta.data, 'rollout', timestamp) : { kind: 'invalid' };
    }
    case 'turn_context': {
      const context = TurnContextSchema.safeParse(payload);
      if (!context.success) return { kind: 'invalid' };
      return {
        kind: 'context',
        timestamp,
        cwd: context.data.cwd ?? null,
        model: context.data.model ?? null,
      };
    }
    case 'response_item': {
      const item = CodexItemSchema.safeParse(payload);
      return item.success
        ? { kind: 'item', format: 'rollout', timestamp, item: item.data }
        : { kind: 'invalid' };
    }
    default:
      return { kind: 'other', timestamp };
  }
}

/**
 * Sorts one parsed JSONL value from a Codex session log, in either the
 * current `{ timestamp, type, payload }` format or the older one (a
 * `{ id, timestamp, instructions }` first line followed by bare items).
 *
 * @example
 * const line = readCodexLine(JSON.parse(text));
 * if (line.kind === 'item' && line.item.type === 'message') emit(line.item);
 */
export function readCodexLine(value: unknown): CodexLine {
  const rollout = RolloutLineSchema.safeParse(value);
  if (rollout.success) {
    const { type, payload, timestamp } = rollout.data;
    return rolloutLine(type, payload, timestamp ?? null);
  }
  const legacyMeta = LegacyMetaSchema.safeParse(value);
  if (legacyMeta.success) return metaLine(legacyMeta.data, 'legacy', null);
  if (LegacyStateSchema.safeParse(value).success) return { kind: 'other', timestamp: null };
  const item = CodexItemSchema.safeParse(value);
  return item.success
    ? { kind: 'item', format: 'legacy', timestamp: null, item: item.data }
    : { kind: 'invalid' };
}
