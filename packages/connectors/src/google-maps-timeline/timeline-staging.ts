import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { TimelineFormat } from './timeline-format';
import type { TimelineItem } from './timeline-record';

/** What the validator learnt of the whole file, written last: a staging without it is unfinished. */
export interface TimelineStagingEnd {
  format: TimelineFormat;
  skipped: number;
}

// The last line is `{"end":{…}}`; every other line is a JSON array of `TimelineItem`s
// (a staging written before arrays holds one item per line, read back as well).
const tailBytes = 4096;

/** Characters per staged line, about: short enough to stay out of V8's large-object space. */
const lineLength = 64 * 1024;

/**
 * Writes the records a validator read, a few hundred per JSON line, so the
 * import reads them back with `JSON.parse` instead of tokenising the export
 * again. Each record is serialized as it arrives (the validator's objects are
 * not held, so they die young), lines are written once about 64 KB long, and
 * it waits for the disk when it falls behind: memory stays bounded. The file
 * counts as finished only once `finish` wrote its closing line.
 *
 * @example
 * const staging = new TimelineStagingWriter(path);
 * for await (const items of reader.batches()) await staging.add(items);
 * await staging.finish({ format: reader.format, skipped: reader.skipped });
 */
export class TimelineStagingWriter {
  readonly #out: WriteStream;
  #pending: string[] = [];
  #pendingLength = 0;
  #failed: Error | null = null;

  constructor(path: string) {
    this.#out = createWriteStream(path, { flags: 'w' });
    this.#out.on('error', (error) => {
      this.#failed = error;
    });
  }

  async add(items: readonly TimelineItem[]): Promise<void> {
    if (this.#failed !== null) throw this.#failed;
    for (const item of items) {
      const json = JSON.stringify(item);
      this.#pending.push(json);
      this.#pendingLength += json.length + 1;
    }
    if (this.#pendingLength >= lineLength && !this.#out.write(this.#takeLine()))
      await once(this.#out, 'drain');
  }

  async finish(end: TimelineStagingEnd): Promise<void> {
    if (this.#pending.length > 0) this.#out.write(this.#takeLine());
    this.#out.end(`${JSON.stringify({ end })}\n`);
    await once(this.#out, 'finish');
    if (this.#failed !== null) throw this.#failed;
  }

  /** Stops writing without the closing line: the staging stays unfinished and is never read. */
  abandon(): void {
    this.#out.destroy();
  }

  #takeLine(): string {
    const line = `[${this.#pending.join(',')}]\n`;
    this.#pending = [];
    this.#pendingLength = 0;
    return line;
  }
}

/** The closing line of a finished staging, or null when it is missing, cut off or unreadable. */
export async function timelineStagingEnd(path: string): Promise<TimelineStagingEnd | null> {
  let handle: Awaited<ReturnType<typeof open>> | null = null;
  try {
    handle = await open(path, 'r');
    const { size } = await handle.stat();
    const length = Math.min(size, tailBytes);
    const tail = Buffer.alloc(length);
    await handle.read(tail, 0, length, size - length);
    const lines = tail.toString('utf8').trimEnd().split('\n');
    const last = JSON.parse(lines[lines.length - 1] ?? '') as { end?: TimelineStagingEnd };
    return last.end ?? null;
  } catch {
    return null;
  } finally {
    await handle?.close();
  }
}

/**
 * Reads a finished staging's records back, in the order the validator read
 * them, a line's worth at a time; the closing line is not a record. The file
 * is read a chunk at a time as the import asks for lines, so it waits for
 * the import: readline's async iterator would queue up to 1,024 lines
 * (64 MB of these) while the import is busy writing a batch.
 *
 * @example
 * for await (const items of readTimelineStaging(path, signal)) for (const item of items) await batches.add(item.stream, item.record);
 */
export async function* readTimelineStaging(
  path: string,
  signal: AbortSignal,
): AsyncGenerator<TimelineItem[]> {
  let rest = '';
  for await (const chunk of createReadStream(path, { encoding: 'utf8' }) as AsyncIterable<string>) {
    signal.throwIfAborted();
    let start = 0;
    for (let end = chunk.indexOf('\n'); end !== -1; end = chunk.indexOf('\n', start)) {
      // A line is joined with what the previous chunk left only up to its own end, so no
      // string grows past one line (V8 puts strings over 128 KB straight into old space).
      const line = rest + chunk.slice(start, end);
      rest = '';
      start = end + 1;
      if (line.startsWith('{"end":')) return;
      if (line.length > 0) yield stagedItems(line);
    }
    rest += chunk.slice(start);
  }
  // A finished staging ends with its closing line, so anything left is unfinished: it is no record.
}

/** One staged line's records (a staging written before arrays holds one item per line). */
function stagedItems(line: string): TimelineItem[] {
  const read = JSON.parse(line) as TimelineItem[] | TimelineItem;
  return Array.isArray(read) ? read : [read];
}
