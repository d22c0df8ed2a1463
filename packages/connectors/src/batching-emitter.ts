import type { CollectedRecord, RecordSink, StreamCounts } from './implementation';

/** The largest batch a collector hands the server in one `emit`. */
export const maxBatchSize = 500;

/**
 * A batch size for importers that run inside the server, where no request
 * carries the batch: each batch is one store transaction, so larger ones
 * commit less often (the Timeline importer's 500 MB export: 1,500 commits
 * instead of 6,000), still well under the ingest limit.
 */
export const importBatchSize = 2_000;

/**
 * Buffers records per stream and emits them in batches of at most `size`, so
 * a collector can add records one at a time without sending one request each
 * or holding a whole log in memory. `add` waits for the emit when a batch
 * fills, which lets the server's pace hold the reader back.
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
  readonly #pending = new Map<string, CollectedRecord[]>();
  readonly #counts: Record<string, number> = {};

  constructor(sink: Pick<RecordSink, 'emit'>, size: number = maxBatchSize) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError('A batch holds at least one record.');
    this.#sink = sink;
    this.#size = size;
  }

  /** Declares streams up front so `counts()` reports them as 0 even when nothing was found. */
  declare(...streams: string[]): this {
    for (const stream of streams) this.#counts[stream] ??= 0;
    return this;
  }

  /** Adds one record; emits the stream's batch once it holds `size` records. */
  async add(stream: string, record: CollectedRecord): Promise<void> {
    const batch = this.#pending.get(stream) ?? [];
    batch.push(record);
    this.#pending.set(stream, batch);
    this.#counts[stream] = (this.#counts[stream] ?? 0) + 1;
    if (batch.length >= this.#size) await this.#emit(stream);
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
    if (batch !== undefined && batch.length > 0) await this.#sink.emit(stream, batch);
  }
}
