import { access } from 'node:fs/promises';
import type { StagedFile, UploadImporter } from '@conn/connectors';
import { getRunPayload, listClaimedArtifacts, type UploadArtifactRow } from '@conn/store';
import type { ServiceDeps } from '../service-deps';
import { ImportPayloadSchema } from './import-payload';
import { uploadPaths } from './upload-paths';

/** What an import run works on, or the code it fails with when it cannot start. */
export type ImportFiles =
  | {
      ok: true;
      importer: UploadImporter;
      dataDir: string;
      /** The artifact ids, in the owner's order. */
      ids: readonly string[];
      artifacts: UploadArtifactRow[];
      /** The files the importer reads: their owner's names, never as paths. */
      files: StagedFile[];
      /** The owner's picks among the readings the files' validation offered. */
      readings: Readonly<Record<string, string>>;
    }
  | { ok: false; errorCode: 'artifact_missing' | 'import_unavailable' };

/**
 * Reads a claimed import run's payload and finds its staged files on disk.
 * A payload that does not parse, or a file whose row or bytes are gone, is
 * `artifact_missing`; a connector without an importer, or a server without
 * a data directory, is `import_unavailable`.
 *
 * @example
 * const job = await loadImportFiles(deps, run);
 * if (!job.ok) return endImportRun(deps, run.id, { status: 'failed', errorCode: job.errorCode });
 */
export async function loadImportFiles(
  deps: ServiceDeps,
  run: { readonly id: string; readonly connection_id: string },
): Promise<ImportFiles> {
  const db = deps.store.db;
  const row = await getRunPayload(db, run.id);
  const payload = ImportPayloadSchema.safeParse(JSON.parse(row.payload_json));
  const definition = deps.registry.get(row.connector);
  const importer = definition?.importer;
  if (!payload.success) return { ok: false, errorCode: 'artifact_missing' };
  if (importer === undefined || definition === undefined || deps.dataDir === null) {
    return { ok: false, errorCode: 'import_unavailable' };
  }
  const dataDir = deps.dataDir;
  const ids = payload.data.artifact_ids;
  const artifacts = await listClaimedArtifacts(db, run.connection_id, ids);
  const byId = new Map(artifacts.map((artifact) => [artifact.id, artifact]));
  const files: StagedFile[] = [];
  for (const id of ids) {
    const artifact = byId.get(id);
    const path = artifact && uploadPaths.absolute(dataDir, artifact.storage_path);
    if (artifact === undefined || path === undefined || !(await exists(path))) {
      return { ok: false, errorCode: 'artifact_missing' };
    }
    const staged = uploadPaths.absolute(dataDir, uploadPaths.artifactStaging(artifact.id));
    files.push({
      path,
      file_name: artifact.file_name,
      ...((await exists(staged)) ? { staged } : {}),
    });
  }
  return { ok: true, importer, dataDir, ids, artifacts, files, readings: payload.data.readings };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
