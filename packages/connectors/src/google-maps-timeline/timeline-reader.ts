import { createReadStream } from 'node:fs';
import { ConnError } from '@conn/setup-engine';
import chain, { none, stop } from 'stream-chain';
import { pick } from 'stream-json/filters/pick.js';
import { parser, type Token } from 'stream-json/parser.js';
import { streamValues } from 'stream-json/streamers/stream-values.js';
import { onDeviceSegmentItems, onDeviceSignalItems } from './on-device-items';
import { takeoutLocationItems, takeoutSemanticItems } from './takeout-items';
import { type TimelineFormat, timelineFormatOfKey } from './timeline-format';
import type { TimelineItem } from './timeline-record';

/** The top-level arrays whose elements hold records; everything else (`userLocationProfile`) is skipped unparsed. */
const recordArrays = new Set(['semanticSegments', 'rawSignals', 'timelineObjects', 'locations']);

/** An element of a record array: `[key, index]` in an object export, `[index]` in iOS's bare array. */
function isRecordElement(stack: readonly (string | number | null)[]): boolean {
  if (stack.length === 1) return typeof stack[0] === 'number';
  return stack.length === 2 && typeof stack[1] === 'number' && recordArrays.has(String(stack[0]));
}

/**
 * Reads a Timeline export as a stream with stream-json: the parser's tokens
 * go through `pick` (only elements of the record arrays) and `streamValues`
 * (one element assembled at a time), so a file of any size is read in the
 * memory of one segment. The format is decided by the first top-level key
 * (or a top-level array, for iOS); a file whose first key belongs to no
 * Timeline format stops being read at once.
 *
 * `records()` rejects with `artifact_invalid` (`details.reason:
 * 'malformed_json'`) when the JSON is damaged or cut off, and with the
 * signal's reason once it is aborted.
 *
 * @example
 * const reader = new TimelineReader(path, signal);
 * for await (const item of reader.records()) await batches.add(item.stream, item.record);
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

  async *records(): AsyncGenerator<TimelineItem> {
    this.#signal.throwIfAborted();
    let depth = 0;
    let section = '';
    // Watches the tokens before `pick` to learn the format and which array an element belongs to.
    const watch = (token: Token) => {
      switch (token.name) {
        case 'startObject':
        case 'startArray':
          if (depth === 0 && token.name === 'startArray') this.format = 'timeline_on_device_ios';
          depth += 1;
          break;
        case 'endObject':
        case 'endArray':
          depth -= 1;
          break;
        case 'keyValue':
          if (depth !== 1) break;
          section = token.value;
          if (this.firstKey === null) {
            this.firstKey = token.value;
            this.format = timelineFormatOfKey(token.value);
            if (this.format === null) return stop;
          }
          break;
        default:
          // A bare string or number at the top is no Timeline export.
          if (depth === 0) return stop;
      }
      return token;
    };
    const source = createReadStream(this.#path);
    const pipeline = chain([
      source,
      parser({ streamValues: false }),
      watch,
      pick({ filter: isRecordElement }),
      streamValues(),
      ({ value }: { value: unknown }) => this.#itemsOf(section, value) ?? none,
    ]);
    const abort = () => pipeline.destroy(this.#signal.reason);
    this.#signal.addEventListener('abort', abort, { once: true });
    try {
      for await (const items of pipeline as AsyncIterable<TimelineItem[]>) yield* items;
    } catch (error) {
      if (this.#signal.aborted) throw this.#signal.reason;
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
