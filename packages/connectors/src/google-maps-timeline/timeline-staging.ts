import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { TimelineFormat } from './timeline-format';
import type { TimelineItem } from './timeline-record';

/** What the validator learnt of the whole file, written last: a staging without it is unfinished. */
export interface TimelineStagingEnd {
  format: TimelineFormat;
  skipped: number;
}

// The last line is `{"end":{…}}`; every other line is one `TimelineItem`.
const tailBytes = 4096;

/**
 * Writes the records a validator read, one JSON line each, so the import
 * reads them back with `JSON.parse` instead of tokenising the export again.
 * Waits for the disk when it falls behind, so memory stays bounded. The file
 * counts as finished only once `finish` wrote its closing line.
 *
 * @example
 * const staging = new TimelineStagingWriter(path);
 * for await (const item of reader.records()) await staging.add(item);
 * await staging.finish({ format: reader.format, skipped: reader.skipped });
 */
export class TimelineStagingWriter {
  readonly #out: WriteStream;
  #failed: Error | null = null;

  constructor(path: string) {
    this.#out = createWriteStream(path, { flags: 'w' });
    this.#out.on('error', (error) => {
      this.#failed = error;
    });
  }

  async add(item: TimelineItem): Promise<void> {
    if (this.#failed !== null) throw this.#failed;
    if (!this.#out.write(`${JSON.stringify(item)}\n`)) await once(this.#out, 'drain');
  }

  async finish(end: TimelineStagingEnd): Promise<void> {
    this.#out.end(`${JSON.stringify({ end })}\n`);
    await once(this.#out, 'finish');
    if (this.#failed !== null) throw this.#failed;
  }

  /** Stops writing without the closing line: the staging stays unfinished and is never read. */
  abandon(): void {
    this.#out.destroy();
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
 * them; the closing line is not a record.
 *
 * @example
 * for await (const item of readTimelineStaging(path, signal)) await batches.add(item.stream, item.record);
 */
export async function* readTimelineStaging(
  path: string,
  signal: AbortSignal,
): AsyncGenerator<TimelineItem> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) {
    signal.throwIfAborted();
    if (line.startsWith('{"end":')) return;
    yield JSON.parse(line) as TimelineItem;
  }
}
