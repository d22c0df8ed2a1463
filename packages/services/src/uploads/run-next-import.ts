import type { CollectionResult } from '@conn/connectors';
import { isConnError, type RunSummary } from '@conn/setup-engine';
import { markArtifactsImported, setRunPayload } from '@conn/store';
import { claimRun } from '../runs/claim-run';
import type { ServiceDeps } from '../service-deps';
import { endImportRun } from './end-import-run';
import { loadImportFiles } from './load-import-files';
import { removeArtifactFolder } from './remove-artifact-folder';
import { runImporter } from './run-importer';
import { settleFailedImport } from './settle-failed-import';

const importKinds = ['import'] as const;

/**
 * One turn of the server's import worker: claims the oldest queued `import`
 * run and hands the connector's importer the run's staged files (their
 * owner's names, never as paths) and a content-addressed `BlobSink`
 * (`<dataDir>/blobs/<prefix>/<sha256>` plus a `blobs` row). Records go through
 * `ingestRecords`, so the first accepted batch activates a draft; stages and
 * record counts are reported on the run as the importer goes.
 *
 * On success the files turn `imported` (and their folders are deleted), and
 * the run's payload keeps what was imported: `{ artifact_ids, counts,
 * provenance }`, the importer's format, acquisition and coverage. On failure
 * the run ends `failed` with a code only (the importer's `ConnError` code,
 * or `import_failed`), a new source stays a draft (`first_sync_failed`,
 * remediation `restart_setup`), a file the importer refused turns `invalid`
 * with the reason, and the other files return to `staged` so they can be
 * imported again. Resolves null when no import is queued.
 *
 * @example
 * while (await services.runNextImport('worker-1')) {}
 */
export async function runNextImport(
  deps: ServiceDeps,
  workerId: string,
): Promise<RunSummary | null> {
  const run = await claimRun(deps, workerId, importKinds);
  if (run === null) return null;
  const job = await loadImportFiles(deps, run);
  if (!job.ok) {
    return (await endImportRun(deps, run.id, { status: 'failed', errorCode: job.errorCode })).run;
  }
  const { ids, dataDir } = job;
  let result: CollectionResult;
  try {
    result = await runImporter(deps, workerId, run, job);
  } catch (error) {
    const summary = await endImportRun(deps, run.id, {
      status: 'failed',
      errorCode: isConnError(error) ? error.code : 'import_failed',
    });
    // Only the worker that still held the run settles its files: a run taken away runs again elsewhere.
    if (summary.owned) await settleFailedImport(deps, run.connection_id, job.artifacts, error);
    return summary.run;
  }

  const now = deps.clock();
  await deps.store.transaction(async (trx) => {
    await markArtifactsImported(trx, run.connection_id, ids, now);
    await setRunPayload(
      trx,
      run.id,
      JSON.stringify({
        artifact_ids: ids,
        ...(Object.keys(job.readings).length === 0 ? {} : { readings: job.readings }),
        counts: result.counts,
        provenance: result.provenance ?? null,
      }),
    );
  });
  const ended = await endImportRun(deps, run.id, { status: 'succeeded' });
  // Records and blobs hold everything now; the staged copies are not kept.
  await Promise.all(ids.map((id) => removeArtifactFolder(dataDir, id).catch(() => {})));
  return ended.run;
}
