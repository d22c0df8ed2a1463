import { createReadStream } from 'node:fs';
import { ConnError } from '@conn/setup-engine';
import chain, { none } from 'stream-chain';
import { pick } from 'stream-json/filters/pick.js';
import { parser, type Token } from 'stream-json/parser.js';
import { streamValues } from 'stream-json/streamers/stream-values.js';
import { onDeviceSegmentItems, onDeviceSignalItems } from './on-device-items';
import { takeoutLocationItems, takeoutSemanticItems } from './takeout-items';
import { type TimelineFormat, timelineFormatOfKey } from './timeline-format';
import type { TimelineItem } from './timeline-record';

/** The top-level arrays whose elements hold records; everything else (`userLocationProfile`) is skipped unparsed. */
const recordArrays = new Set(['semanticSegments', 'rawSignals', 'timelineObjects', 'locations']);

/** Thrown by the filter to stop reading a file whose first key belongs to no Timeline format. */
class NotATimeline extends Error {}

/**
 * Reads a Timeline export as a stream with stream-json: the parser's tokens
 * go through `pick` (only elements of the record arrays) and `streamValues`
 * (one element assembled at a time), so a file of any size is read in the
 * memory of one segment. The format is decided by the first top-level key
 * (or a top-level array, for iOS); a file whose first key belongs to no
 * Timeline format stops being read at once.
 *
 * `batches()` yields the records of each element as one array, and rejects
 * with `artifact_invalid` (`details.reason: 'malformed_json'`) when the JSON
 * is damaged or cut off, and with the signal's reason once it is aborted.
 *
 * @example
 * const reader = new TimelineReader(path, signal);
 * for await (const items of reader.batches()) for (const item of items) await batches.add(item.stream, item.record);
 * reader.format; // 'timeline_on_device'
 */
export class TimelineReader {
  /** The detected format, once the first top-level key (or `[`) has been read. */
  format: TimelineFormat | null = null;
  /** The first top-level key, kept to explain an unsupported JSON file. */
  firstKey: string | null = null;
  /** Elements skipped because they held no readable time or position. */
  skipped = 0;
  readonly #path: string;
  readonly #signal: AbortSignal;

  constructor(path: string, signal: AbortSignal) {
    this.#path = path;
    this.#signal = signal;
  }

  async *batches(): AsyncGenerator<TimelineItem[]> {
    this.#signal.throwIfAborted();
    let section = '';
    // pick asks this at the start of each value it has not yet passed or skipped: the root,
    // every top-level value and the elements of arrays. It learns the format and each
    // element's array here, so no stage has to look at every token.
    const filter = (stack: readonly (string | number | null)[], token: Token): boolean => {
      if (stack.length === 0) {
        if (token.name === 'startArray') this.format = 'timeline_on_device_ios';
        // A bare string or number at the top is no Timeline export.
        else if (token.name !== 'startObject') throw new NotATimeline();
        return false;
      }
      const [top, index] = stack;
      if (stack.length === 1) {
        if (typeof top === 'number') return true;
        if (this.firstKey === null) {
          this.firstKey = String(top);
          this.format = timelineFormatOfKey(this.firstKey);
          if (this.format === null) throw new NotATimeline();
        }
        return false;
      }
      if (stack.length === 2 && typeof index === 'number' && recordArrays.has(String(top))) {
        section = String(top);
        return true;
      }
      return false;
    };
    const source = createReadStream(this.#path);
    const pipeline = chain([
      source,
      parser({ streamValues: false }),
      pick({ filter }),
      streamValues(),
      ({ value }: { value: unknown }) => this.#itemsOf(section, value) ?? none,
    ]);
    const abort = () => pipeline.destroy(this.#signal.reason);
    this.#signal.addEventListener('abort', abort, { once: true });
    try {
      for await (const items of pipeline as AsyncIterable<TimelineItem[]>) yield items;
    } catch (error) {
      if (this.#signal.aborted) throw this.#signal.reason;
      if (error instanceof NotATimeline) return;
      throw new ConnError(
        'artifact_invalid',
        `This file is not valid JSON or was cut off (${error instanceof Error ? error.message : String(error)}).`,
        { reason: 'malformed_json' },
      );
    } finally {
      this.#signal.removeEventListener('abort', abort);
      pipeline.destroy();
      source.destroy();
    }
  }

  /** Maps one assembled element to its records; null (and counted as skipped) when unreadable. */
  #itemsOf(section: string, value: unknown): TimelineItem[] | null {
    let items: TimelineItem[] | null;
    if (this.format === 'timeline_on_device_ios') items = onDeviceSegmentItems(value, this.format);
    else if (section === 'semanticSegments')
      items = onDeviceSegmentItems(value, 'timeline_on_device');
    else if (section === 'rawSignals') items = onDeviceSignalItems(value);
    else if (section === 'timelineObjects') items = takeoutSemanticItems(value);
    else if (section === 'locations') items = takeoutLocationItems(value);
    else items = [];
    if (items === null) this.skipped += 1;
    return items === null || items.length === 0 ? null : items;
  }
}
