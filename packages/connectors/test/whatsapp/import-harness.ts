import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type {
  BlobPutOptions,
  BlobReference,
  CollectedRecord,
  StreamCounts,
  UploadedFile,
  UploadImportInput,
} from '../../src/implementation';

/** One `blobs.put` call: what the importer said about the file and what it streamed. */
export interface BlobPut {
  options: BlobPutOptions;
  blob: BlobReference;
}

/** An importer input that keeps every emitted batch, progress report and stored blob. */
export interface ImportHarness {
  input: UploadImportInput;
  batches: { stream: string; records: readonly CollectedRecord[] }[];
  progress: { stage: string; counts: StreamCounts }[];
  puts: BlobPut[];
  records(stream: string): CollectedRecord[];
}

/**
 * Builds the input the server would hand an importer, with a blob sink that
 * hashes what it is given like the real content-addressed store would.
 *
 * @example
 * const harness = importHarness([{ path, file_name: 'WhatsApp Chat with Family.txt' }]);
 * await whatsappImporter(harness.input);
 */
export function importHarness(files: readonly UploadedFile[]): ImportHarness {
  const batches: ImportHarness['batches'] = [];
  const progress: ImportHarness['progress'] = [];
  const puts: BlobPut[] = [];
  return {
    batches,
    progress,
    puts,
    records: (stream) =>
      batches.filter((batch) => batch.stream === stream).flatMap((batch) => batch.records),
    input: {
      files,
      signal: new AbortController().signal,
      emit: async (stream, records) => {
        batches.push({ stream, records: [...records] });
      },
      progress: (stage, counts) => {
        progress.push({ stage, counts: { ...counts } });
      },
      blobs: {
        put: async (source: Readable, options: BlobPutOptions) => {
          const hash = createHash('sha256');
          let size = 0;
          for await (const chunk of source) {
            hash.update(chunk as Buffer);
            size += (chunk as Buffer).length;
          }
          const blob = { sha256: hash.digest('hex'), size_bytes: size };
          puts.push({ options, blob });
          return blob;
        },
      },
    },
  };
}
