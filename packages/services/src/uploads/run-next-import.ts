import { access } from 'node:fs/promises';
import type { CollectionResult, UploadedFile } from '@conn/connectors';
import { type ConnError, isConnError, type RunSummary } from '@conn/setup-engine';
import {
  getRun,
  getRunPayload,
  listClaimedArtifacts,
  markArtifactsImported,
  refuseClaimedArtifact,
  releaseClaimedArtifact,
  setRunPayload,
  type UploadArtifactRow,
} from '@conn/store';
import { finishRun } from '../runs/finish-run';
import { ingestRecords } from '../runs/ingest-records';
import { summarizeRun } from '../runs/queue-run';
import { reportProgress } from '../runs/run-progress';
import { claimRun, heartbeat } from '../runs/worker-runs';
import type { ServiceDeps } from '../service-deps';
import { storedValidation } from './artifact-view';
import { contentAddressedBlobSink } from './content-addressed-blob-sink';
import { ImportPayloadSchema } from './import-artifacts';
import { removeArtifactFolder } from './receive-upload';
import { uploadPaths } from './upload-paths';

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
  const db = deps.store.db;
  const row = await getRunPayload(db, run.id);
  const payload = ImportPayloadSchema.safeParse(JSON.parse(row.payload_json));
  const definition = deps.registry.get(row.connector);
  const importer = definition?.importer;
  if (!payload.success) return (await endFailed(deps, run.id, 'artifact_missing')).run;
  if (importer === undefined || definition === undefined || deps.dataDir === null) {
    return (await endFailed(deps, run.id, 'import_unavailable')).run;
  }
  const dataDir = deps.dataDir;
  const ids = payload.data.artifact_ids;
  const artifacts = await listClaimedArtifacts(db, run.connection_id, ids);
  const byId = new Map(artifacts.map((artifact) => [artifact.id, artifact]));
  const files: UploadedFile[] = [];
  for (const id of ids) {
    const artifact = byId.get(id);
    const path = artifact && uploadPaths.absolute(dataDir, artifact.storage_path);
    if (artifact === undefined || path === undefined || !(await exists(path))) {
      return (await endFailed(deps, run.id, 'artifact_missing')).run;
    }
    files.push({ path, file_name: artifact.file_name });
  }

  const controller = new AbortController();
  // Progress reports are fire-and-forget for the importer; the run ends only after they land.
  const reports: Promise<unknown>[] = [];
  let result: CollectionResult;
  try {
    result = await importer({
      files,
      signal: controller.signal,
      blobs: contentAddressedBlobSink(deps, dataDir),
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
  } catch (error) {
    await Promise.all(reports);
    const summary = await endFailed(
      deps,
      run.id,
      isConnError(error) ? error.code : 'import_failed',
    );
    // Only the worker that still held the run settles its files: a run taken away runs again elsewhere.
    if (summary.owned) await settleAfterFailure(deps, run.connection_id, artifacts, error);
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
        counts: result.counts,
        provenance: result.provenance ?? null,
      }),
    );
  });
  const ended = await endRun(deps, run.id, { status: 'succeeded' });
  // Records and blobs hold everything now; the staged copies are not kept.
  await Promise.all(ids.map((id) => removeArtifactFolder(dataDir, id).catch(() => {})));
  return ended.run;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

function endFailed(
  deps: ServiceDeps,
  runId: string,
  errorCode: string,
): Promise<{ run: RunSummary; owned: boolean }> {
  return endRun(deps, runId, { status: 'failed', errorCode });
}

/** Ends the run; when it had already ended (cancelled by a revoke, taken as stale), reports that state. */
async function endRun(
  deps: ServiceDeps,
  runId: string,
  input: { status: 'succeeded' } | { status: 'failed'; errorCode: string },
): Promise<{ run: RunSummary; owned: boolean }> {
  try {
    return { run: await finishRun(deps, runId, input), owned: true };
  } catch (error) {
    if (!isConnError(error, 'run_not_claimable')) throw error;
    return { run: summarizeRun(await getRun(deps.store.db, runId)), owned: false };
  }
}

/**
 * After a failed import: a file the importer refused (`artifact_invalid`
 * naming it) turns `invalid` with the importer's remedy; every other file
 * is released back to `staged`, to be imported again while it lives.
 */
async function settleAfterFailure(
  deps: ServiceDeps,
  connectionId: string,
  artifacts: readonly UploadArtifactRow[],
  error: unknown,
): Promise<void> {
  const refused = isConnError(error, 'artifact_invalid') ? error : null;
  const refusedName = refused?.details?.file_name;
  const now = deps.clock();
  await deps.store.transaction(async (trx) => {
    for (const artifact of artifacts) {
      if (refused !== null && artifact.file_name === refusedName) {
        await refuseClaimedArtifact(trx, artifact.id, {
          connectionId,
          validation_json: JSON.stringify(refusedReport(artifact, refused)),
          now,
        });
      } else {
        await releaseClaimedArtifact(trx, artifact.id, { connectionId, now });
      }
    }
  });
}

function refusedReport(artifact: UploadArtifactRow, refused: ConnError): Record<string, unknown> {
  const validation = storedValidation(artifact.validation_json);
  const reason = refused.details?.reason;
  return {
    ...validation,
    valid: false,
    remedy: refused.message,
    details: {
      ...validation?.details,
      reason: typeof reason === 'string' ? reason : 'refused_on_import',
    },
  };
}
