import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';

/**
 * One non-blank line of a JSONL file: its parsed value, or `malformed` when
 * it is not JSON (a hand-edited log, or the half-written last line of a
 * session that is still running). `line` is the 1-based physical line number,
 * stable for as long as the file is only appended to.
 */
export type JsonLine =
  | { line: number; malformed: false; value: unknown }
  | { line: number; malformed: true };

/**
 * Reads a JSONL file line by line as a stream, so a log of any size is read
 * in constant memory (one line at a time). Blank lines are skipped; a line
 * that is not JSON is yielded as `malformed` rather than thrown, so one bad
 * line never fails a run. Rejects if the file cannot be opened, and with the
 * signal's reason once it is aborted.
 *
 * @example
 * for await (const entry of readJsonLines(file, signal)) {
 *   if (entry.malformed) skipped += 1;
 *   else handle(entry.value);
 * }
 */
export async function* readJsonLines(path: string, signal?: AbortSignal): AsyncGenerator<JsonLine> {
  signal?.throwIfAborted();
  // Opening first makes a missing or unreadable file reject here, not as a stream error readline may swallow.
  const handle = await open(path, 'r');
  const stream = handle.createReadStream({ encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  try {
    for await (const text of lines) {
      signal?.throwIfAborted();
      line += 1;
      if (text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        yield { line, malformed: true };
        continue;
      }
      yield { line, malformed: false, value };
    }
  } finally {
    lines.close();
    stream.destroy();
  }
}
