import type { SecretBundle } from '@conn/setup-engine';
import type {
  CollectedRecord,
  CollectorInput,
  ConnectionFields,
  StreamCounts,
} from '../src/implementation';

/** One `emit` call as the server would have received it. */
export interface EmittedBatch {
  stream: string;
  records: readonly CollectedRecord[];
  /** The cursor the collector stored with the batch, if any. */
  checkpoint?: string | undefined;
}

/** A collector input that records what the collector emits and reports. */
export interface CollectorHarness {
  input: CollectorInput;
  batches: EmittedBatch[];
  progress: { stage: string; counts: StreamCounts }[];
  controller: AbortController;
  /** Every record emitted to `stream`, in order. */
  records(stream: string): CollectedRecord[];
}

/**
 * Builds the input a collector gets from the server, with a sink that keeps
 * every batch. `onEmit` runs after a batch is recorded (to abort mid-run).
 *
 * @example
 * const harness = collectorHarness({ fields: { path: root } });
 * await claudeCodeCollector(harness.input);
 * harness.records('messages');
 */
export function collectorHarness(options: {
  fields?: ConnectionFields;
  secrets?: SecretBundle;
  /** A resumed run's cursor (a checkpoint an earlier attempt emitted). */
  cursor?: string | null;
  /** Where the last successful sync left each stream. */
  syncCursors?: Readonly<Record<string, string>>;
  onEmit?: (batch: EmittedBatch, harness: CollectorHarness) => void;
}): CollectorHarness {
  const controller = new AbortController();
  const batches: EmittedBatch[] = [];
  const progress: CollectorHarness['progress'] = [];
  const harness: CollectorHarness = {
    batches,
    progress,
    controller,
    records: (stream) =>
      batches.filter((batch) => batch.stream === stream).flatMap((batch) => batch.records),
    input: {
      fields: options.fields ?? {},
      secrets: options.secrets ?? {},
      signal: controller.signal,
      fetch: globalThis.fetch,
      cursor: options.cursor ?? null,
      syncCursors: options.syncCursors ?? {},
      emit: async (stream, records, checkpoint) => {
        const batch = { stream, records: [...records], checkpoint };
        batches.push(batch);
        options.onEmit?.(batch, harness);
      },
      progress: (stage, counts) => {
        progress.push({ stage, counts: { ...counts } });
      },
    },
  };
  return harness;
}
