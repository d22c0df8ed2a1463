import type { CollectionResult, UploadedFile, UploadImporter } from '@conn/connectors';
import { heartbeat } from '../runs/heartbeat';
import { ingestRecords } from '../runs/ingest-records';
import { reportProgress } from '../runs/report-progress';
import type { ServiceDeps } from '../service-deps';
import { contentAddressedBlobSink } from './content-addressed-blob-sink';

/**
 * Runs a connector's importer over an import run's files: its records go
 * through `ingestRecords` (so the first accepted batch activates a draft),
 * its media into the content-addressed blob sink, and each stage it reports
 * is recorded on the run as a heartbeat. A run taken from this worker aborts
 * the importer. Resolves once every progress report has landed; rethrows the
 * importer's failure after they have.
 *
 * @example
 * const result = await runImporter(deps, workerId, run, { importer, files, dataDir });
 */
export async function runImporter(
  deps: ServiceDeps,
  workerId: string,
  run: { readonly id: string; readonly connection_id: string },
  job: {
    readonly importer: UploadImporter;
    readonly files: UploadedFile[];
    readonly dataDir: string;
    readonly readings?: Readonly<Record<string, string>>;
  },
): Promise<CollectionResult> {
  const controller = new AbortController();
  // Progress reports are fire-and-forget for the importer; the run ends only after they land.
  const reports: Promise<unknown>[] = [];
  try {
    const result = await job.importer({
      files: job.files,
      readings: job.readings ?? {},
      signal: controller.signal,
      blobs: contentAddressedBlobSink(deps, job.dataDir, {
        connectionId: run.connection_id,
        runId: run.id,
      }),
      emit: async (stream, records) => {
        if (controller.signal.aborted) throw new Error('run taken away');
        await ingestRecords(deps, {
          connectionId: run.connection_id,
          runId: run.id,
          stream,
          records,
        });
      },
      // Ingest counts accepted records itself: an importer's counts include batches not yet flushed.
      progress: (stage: string) => {
        reports.push(
          reportProgress(deps, run.id, { stage: stage.slice(0, 120) || 'importing' })
            .then(() => heartbeat(deps, run.id, workerId))
            .then((alive) => {
              if (!alive) controller.abort();
            })
            .catch(() => controller.abort()),
        );
      },
    });
    await Promise.all(reports);
    return result;
  } catch (error) {
    await Promise.all(reports);
    throw error;
  }
}
