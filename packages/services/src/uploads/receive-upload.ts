import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { ArtifactView } from '@conn/setup-engine';
import { ConnError, isConnError } from '@conn/setup-engine';
import {
  deleteArtifact,
  insertArtifact,
  markArtifactReceived,
  newId,
  renewArtifactLease,
  type UploadArtifactRow,
} from '@conn/store';
import type { Actor, ServiceDeps } from '../service-deps';
import { attemptLifetimes, expiresAfter } from '../shared/attempt-lifetimes';
import { artifactView } from './artifact-view';
import { judgeUpload } from './judge-upload';
import { recordUploadVerdict } from './record-upload-verdict';
import { removeArtifactFolder } from './remove-artifact-folder';
import { resolveUploadTarget, type UploadTarget } from './resolve-upload-target';
import { uploadPaths } from './upload-paths';
import type { UploadRequest } from './upload-request';
import { type WrittenUpload, writeUploadFile } from './write-upload-file';

/**
 * Receives one export file for a `manual_or_upload` connector and stages it,
 * before any connection exists. Everything that can refuse the upload is
 * checked before the body is read: an unknown connector (`connector_not_found`),
 * another modality (`modality_mismatch`), a path the plan says cannot run
 * here (`setup_not_available`, with the plan's reason), a declared
 * Content-Length over the manifest's `max_file_bytes` (`payload_too_large`)
 * and a missing file name (`invalid_request`).
 *
 * Then the artifact row is written (`uploaded`), the body streams to
 * `<dataDir>/artifacts/<id>/<random name>` while it is hashed (constant
 * memory; a body that runs past the limit is cut with `payload_too_large`
 * and its file and row removed), the row turns `validating`, and the file
 * ends `duplicate` (same SHA-256 as a staged or imported file of this owner
 * and connector), `staged` (the validator accepted it; it may be imported for
 * 24 h) or `invalid` (with the validator's remedy). Invalid and duplicate
 * files are deleted at once; their rows keep the report.
 *
 * @example
 * const artifact = await services.receiveUpload(ownerId, {
 *   connector: 'whatsapp',
 *   fileNameHeader: 'WhatsApp%20Chat%20with%20Family.txt',
 *   declaredBytes: 706,
 *   body: createReadStream(path),
 * });
 * artifact.validation?.suggested_label; // 'WhatsApp — Family'
 */
export async function receiveUpload(
  deps: ServiceDeps,
  ownerId: string,
  request: UploadRequest,
  actor: Actor = 'owner',
): Promise<ArtifactView> {
  const target = await resolveUploadTarget(deps, ownerId, request);
  const { leaseMs, renewEveryMs } = deps.uploadLease;
  const row = newArtifactRow(ownerId, target, deps.clock(), leaseMs);
  const db = deps.store.db;
  await insertArtifact(db, row);
  // The lease tells every replica this upload is alive; if this process dies, it lapses.
  const keepAlive = setInterval(() => {
    const until = new Date(deps.clock().getTime() + leaseMs);
    renewArtifactLease(deps.store.db, row.id, until).catch(() => {});
  }, renewEveryMs);
  keepAlive.unref();
  try {
    const written = await receiveBody(deps, target.dataDir, row, request.body, target.maxBytes);
    await markArtifactReceived(db, row.id, {
      size_bytes: written.size_bytes,
      sha256: written.sha256,
      now: deps.clock(),
    });
    const upload = { ...row, size_bytes: written.size_bytes, sha256: written.sha256 };
    const judged = await judgeUpload(deps, target.validator, target.dataDir, upload);
    const decided = deps.clock();
    const { stored, verdict } = await recordUploadVerdict(deps, {
      ownerId,
      actor,
      upload,
      judged,
      decided,
    });
    // Only a staged file can still be imported; nothing else is worth the disk.
    if (verdict !== 'staged') await removeArtifactFolder(target.dataDir, row.id);
    return artifactView(stored, decided);
  } finally {
    clearInterval(keepAlive);
  }
}

/** The artifact row an upload starts with (`uploaded`), before its body is read. */
function newArtifactRow(
  ownerId: string,
  target: UploadTarget,
  created: Date,
  leaseMs: number,
): UploadArtifactRow {
  const id = newId('art');
  return {
    id,
    owner_id: ownerId,
    connector: target.connector,
    file_name: target.fileName,
    size_bytes: 0,
    sha256: null,
    status: 'uploaded',
    validation_json: null,
    storage_path: `${uploadPaths.artifactFolder(id)}/${randomUUID()}`,
    connection_id: null,
    expires_at: expiresAfter(created, attemptLifetimes.stagedArtifactMs),
    imported_at: null,
    created_at: created.toISOString(),
    updated_at: created.toISOString(),
    lease_expires_at: new Date(created.getTime() + leaseMs).toISOString(),
  };
}

/**
 * Streams the body into the artifact's own folder. On any failure the folder
 * and the row go, so a cut, aborted or oversized upload leaves nothing behind;
 * a body the client broke off is `invalid_request`, a refused size keeps its
 * `payload_too_large`, and a disk failure is rethrown as is.
 */
async function receiveBody(
  deps: ServiceDeps,
  dataDir: string,
  row: UploadArtifactRow,
  body: Readable,
  maxBytes: number,
): Promise<WrittenUpload> {
  try {
    await mkdir(uploadPaths.absolute(dataDir, uploadPaths.artifactFolder(row.id)), {
      recursive: true,
      mode: 0o700,
    });
    return await writeUploadFile(body, uploadPaths.absolute(dataDir, row.storage_path), maxBytes);
  } catch (error) {
    await removeArtifactFolder(dataDir, row.id);
    await deleteArtifact(deps.store.db, row.id);
    if (isConnError(error)) throw error;
    if (body.errored !== null || (body.destroyed && !body.readableEnded)) {
      throw new ConnError(
        'invalid_request',
        'The upload stopped before the whole file arrived; nothing was kept. Upload it again.',
      );
    }
    throw error;
  }
}
