import { readdir, rm, stat } from 'node:fs/promises';
import { settledArtifactStatuses } from '@conn/setup-engine';
import { listArtifactStatuses, releaseOrphanedArtifactClaims } from '@conn/store';
import type { ServiceDeps } from '../service-deps';
import { interruptUploads } from './interrupt-uploads';
import { uploadPaths } from './upload-paths';

/** What one upload sweep did. */
export interface UploadSweepResult {
  /** Files claimed by an import whose run ended without settling them, back to `staged`. */
  released: number;
  /** Uploads whose server stopped mid-way (their lease lapsed), now `interrupted`. */
  interrupted: number;
  /** Artifact folders deleted: expired, invalid, duplicate or imported files, and leftovers without a row. */
  folders_removed: number;
}

const folderBatch = 500;
/** A blob half-written this long ago lost its import. */
const incomingBlobMaxAgeMs = 60 * 60_000;

/**
 * The upload half of the sweeper, run right after `sweepExpired` (which turns
 * staged files past their 24 h into `expired`). It releases files an import
 * claimed but whose run is gone, marks uploads whose server died mid-way
 * `interrupted` with a remedy (their lease lapsed), then deletes the folder
 * of every artifact that can no longer be imported — and any folder with no
 * artifact row at all — plus half-written blobs. Safe to run from several
 * processes at once: updates are conditional and deletes tolerate absence.
 *
 * @example
 * await services.sweepExpired();
 * await services.sweepUploads();
 */
export async function sweepUploads(
  deps: ServiceDeps,
  now: Date = deps.clock(),
): Promise<UploadSweepResult> {
  const db = deps.store.db;
  const released = await releaseOrphanedArtifactClaims(db, now);
  const interrupted = (await interruptUploads(deps, now)).length;
  const foldersRemoved = deps.dataDir === null ? 0 : await removeDeadFolders(deps, deps.dataDir);
  if (deps.dataDir !== null) await removeStaleIncomingBlobs(deps.dataDir);
  return {
    released,
    interrupted,
    folders_removed: foldersRemoved,
  };
}

async function removeDeadFolders(deps: ServiceDeps, dataDir: string): Promise<number> {
  const names = await folderNames(uploadPaths.absolute(dataDir, uploadPaths.artifactsRoot));
  let removed = 0;
  for (let start = 0; start < names.length; start += folderBatch) {
    const batch = names.slice(start, start + folderBatch);
    const rows = await listArtifactStatuses(deps.store.db, batch);
    const statusOf = new Map(rows.map((row) => [row.id, row.status]));
    for (const name of batch) {
      const status = statusOf.get(name);
      // A folder is made only after its row, so one without a row is a leftover.
      if (status !== undefined && !(settledArtifactStatuses as readonly string[]).includes(status))
        continue;
      await rm(uploadPaths.absolute(dataDir, uploadPaths.artifactFolder(name)), {
        recursive: true,
        force: true,
      });
      removed += 1;
    }
  }
  return removed;
}

async function folderNames(root: string): Promise<string[]> {
  try {
    const entries = await readdir(root, { withFileTypes: true });
    return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function removeStaleIncomingBlobs(dataDir: string): Promise<void> {
  const incoming = uploadPaths.absolute(dataDir, uploadPaths.blobsIncoming);
  let names: string[];
  try {
    names = await readdir(incoming);
  } catch {
    return;
  }
  for (const name of names) {
    const path = `${incoming}/${name}`;
    const info = await stat(path).catch(() => null);
    // File times are wall-clock times, so the age is measured on the wall clock too.
    if (info !== null && Date.now() - info.mtimeMs > incomingBlobMaxAgeMs) {
      await rm(path, { force: true });
    }
  }
}
