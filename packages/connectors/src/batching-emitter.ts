import type { CollectedRecord, RecordSink, StreamCounts } from './implementation';

/** The largest batch a collector hands the server in one `emit`. */
export const maxBatchSize = 500;

/**
 * A batch size for importers that run inside the server, where no request
 * carries the batch: each batch is one store transaction, so larger ones
 * commit less often (the Timeline importer's 500 MB export: about 2,300
 * commits instead of 6,000), still under the ingest limit. Used with
 * `'all'`: it bounds the records held across streams.
 */
export const importBatchSize = 4_000;

/**
 * What a batch size bounds. `'each'`: every stream's batch on its own — a
 * collector sends one request per emit, so a rare stream waits for its own
 * full batch. `'all'`: the records held across streams, every batch emitted
 * at once when they reach it — in the server a rare stream's records, held
 * while thousands of others pass, outlive V8's young generation and pile up
 * in old space until a full collection (a Timeline import's heap after each
 * scavenge climbed to 135 MB between full collections; bounded, it stays
 * near 35 MB).
 */
export type BatchBound = 'each' | 'all';

/**
 * Buffers records per stream and emits them in batches of at most `size`, so
 * a collector can add records one at a time without sending one request each
 * or holding a whole log in memory. `add` waits for the emit when a batch
 * fills, which lets the server's pace hold the reader back. With `bound`
 * `'all'` (importers in the server), `size` caps the records held across
 * streams instead, so none waits long for its stream's batch to fill.
 *
 * @example
 * const batches = new BatchingEmitter(input);
 * for (const message of messages) await batches.add('messages', message);
 * await batches.flush();
 * return { counts: batches.counts() };
 */
export class BatchingEmitter {
  readonly #sink: Pick<RecordSink, 'emit'>;
  readonly #size: number;
  readonly #bound: BatchBound;
  #held = 0;
  readonly #pending = new Map<string, CollectedRecord[]>();
  readonly #counts: Record<string, number> = {};

  constructor(
    sink: Pick<RecordSink, 'emit'>,
    size: number = maxBatchSize,
    bound: BatchBound = 'each',
  ) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError('A batch holds at least one record.');
    this.#sink = sink;
    this.#size = size;
    this.#bound = bound;
  }

  /** Declares streams up front so `counts()` reports them as 0 even when nothing was found. */
  declare(...streams: string[]): this {
    for (const stream of streams) this.#counts[stream] ??= 0;
    return this;
  }

  /** Adds one record; emits once `size` records are held (in the stream's batch, or in all of them). */
  async add(stream: string, record: CollectedRecord): Promise<void> {
    const batch = this.#pending.get(stream) ?? [];
    batch.push(record);
    this.#pending.set(stream, batch);
    this.#counts[stream] = (this.#counts[stream] ?? 0) + 1;
    this.#held += 1;
    if (this.#bound === 'all') {
      if (this.#held >= this.#size) await this.flush();
    } else if (batch.length >= this.#size) await this.#emit(stream);
  }

  /** Emits every stream's partly filled batch. Call once the source is exhausted. */
  async flush(): Promise<void> {
    for (const stream of [...this.#pending.keys()]) await this.#emit(stream);
  }

  /** Records added so far per stream (all of them emitted once `flush` resolved). */
  counts(): StreamCounts {
    return { ...this.#counts };
  }

  async #emit(stream: string): Promise<void> {
    const batch = this.#pending.get(stream);
    this.#pending.delete(stream);
    this.#held -= batch?.length ?? 0;
    if (batch !== undefined && batch.length > 0) await this.#sink.emit(stream, batch);
  }
}
