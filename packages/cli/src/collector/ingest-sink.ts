import type { CollectedRecord, RecordSink, StreamCounts } from '@conn/connectors';
import { ConnApiError, type ConnClient, ConnNetworkError } from '@conn/sdk';
import { retryWithBackoff } from './retry-with-backoff';

/** Options of `IngestSink`. */
export interface IngestSinkOptions {
  /** A client holding the enrollment's collector token. */
  client: Pick<ConnClient, 'ingest' | 'reportProgress'>;
  /** The run the records belong to; dropped when the server says it has finished. */
  runId: string | null;
  signal: AbortSignal;
  /** Called after each accepted batch and each progress report, for the terminal. */
  onProgress?: (stage: string, sent: SentTotals) => void;
  onRetry?: (message: string) => void;
  /** Tries per batch on network errors and 5xx/429 answers (default 5). */
  tries?: number;
  baseDelayMs?: number;
}

/** What a run has sent so far. */
export interface SentTotals {
  accepted: number;
  rejected: number;
  /** Records sent per stream. */
  streams: Record<string, number>;
  /** True once a batch of this run turned the connection active. */
  activated: boolean;
}

/**
 * The record sink a device collector writes to: each batch goes to the
 * server through the SDK's `ingest`, retried with exponential backoff on
 * network errors, 429 and 5xx answers; progress goes to the run's progress
 * route. Re-running is safe: records carry their stream's record key, so the
 * server upserts them. If the enrollment's run has already ended on the
 * server, batches are still sent, without a run.
 *
 * @example
 * const sink = new IngestSink({ client: collectorClient, runId, signal });
 * await collector({ fields, secrets: {}, signal, fetch, emit: sink.emit, progress: sink.progress });
 * await sink.finish();
 */
export class IngestSink implements RecordSink {
  readonly totals: SentTotals = { accepted: 0, rejected: 0, streams: {}, activated: false };
  readonly #options: IngestSinkOptions;
  #runId: string | null;
  #reports: Promise<void> = Promise.resolve();

  constructor(options: IngestSinkOptions) {
    this.#options = options;
    this.#runId = options.runId;
  }

  /** The run still reported on, or null once the server closed it. */
  get runId(): string | null {
    return this.#runId;
  }

  readonly emit = async (stream: string, records: readonly CollectedRecord[]): Promise<void> => {
    const { client, signal } = this.#options;
    const result = await retryWithBackoff(
      async () => {
        try {
          return await client.ingest(stream, records, {
            signal,
            ...(this.#runId === null ? {} : { runId: this.#runId }),
          });
        } catch (error) {
          if (this.#runId !== null && isClosedRun(error)) {
            this.#runId = null;
            return client.ingest(stream, records, { signal });
          }
          throw error;
        }
      },
      {
        retryable: isTransient,
        // A 429 or 503 that says how long to wait is waited out, not hammered.
        waitAtLeastMs: (error) => (error instanceof ConnApiError ? error.retryAfterMs : undefined),
        signal,
        ...(this.#options.tries === undefined ? {} : { tries: this.#options.tries }),
        ...(this.#options.baseDelayMs === undefined
          ? {}
          : { baseDelayMs: this.#options.baseDelayMs }),
        onRetry: (error, attempt, delay) =>
          this.#options.onRetry?.(
            `Sending failed (${error instanceof Error ? error.message : String(error)}); try ${attempt + 1} in ${delay} ms.`,
          ),
      },
    );
    this.totals.accepted += result.accepted;
    this.totals.rejected += result.rejected;
    this.totals.streams[stream] = (this.totals.streams[stream] ?? 0) + result.accepted;
    if (result.activated) this.totals.activated = true;
    this.#options.onProgress?.(stream, this.totals);
  };

  readonly progress = (stage: string, _counts: StreamCounts): void => {
    this.#options.onProgress?.(stage, this.totals);
    this.#report(stage);
  };

  /** Reports the end of the collection and waits for pending progress reports. */
  async finish(): Promise<void> {
    this.#report('done');
    await this.#reports;
  }

  /** Progress is best effort: a lost report must not fail a collection whose records arrived. */
  #report(stage: string): void {
    const runId = this.#runId;
    if (runId === null) return;
    const counts = { accepted: this.totals.accepted, rejected: this.totals.rejected };
    this.#reports = this.#reports.then(() =>
      this.#options.client
        .reportProgress(runId, { stage, counts }, { signal: this.#options.signal })
        .then(
          () => undefined,
          (error: unknown) => {
            if (isClosedRun(error)) this.#runId = null;
          },
        ),
    );
  }
}

/** Worth another try: no answer, rate limited, or a server error. */
function isTransient(error: unknown): boolean {
  if (error instanceof ConnNetworkError) return true;
  return error instanceof ConnApiError && (error.status === 429 || error.status >= 500);
}

/** The enrollment's run has ended (or is unknown) on the server: carry on without it. */
function isClosedRun(error: unknown): boolean {
  return (
    error instanceof ConnApiError &&
    (error.code === 'run_not_claimable' || error.code === 'run_not_found')
  );
}
