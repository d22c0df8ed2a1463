import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { UploadValidationReport, UploadValidator } from '@conn/connectors';
import type { ArtifactView } from '@conn/setup-engine';
import { type ArtifactVerdict, ConnError, isConnError } from '@conn/setup-engine';
import {
  type ArtifactOriginal,
  deleteArtifact,
  findArtifactOriginal,
  getArtifactRow,
  heartbeatArtifact,
  insertArtifact,
  markArtifactReceived,
  newId,
  recordArtifactVerdict,
  type UploadArtifactRow,
} from '@conn/store';
import type { Actor, ServiceDeps } from '../service-deps';
import { assertSetupAvailable } from '../shared/assert-setup-available';
import { attemptLifetimes, expiresAfter } from '../shared/attempt-lifetimes';
import { writeAuditEvent } from '../shared/audit-event';
import { planFor } from '../shared/plan-for';
import { artifactView } from './artifact-view';
import { requireDataDir } from './require-data-dir';
import { uploadFileName } from './upload-file-name';
import { uploadHeartbeat } from './upload-heartbeat';
import { uploadPaths } from './upload-paths';
import { uploadTooLarge } from './upload-too-large';
import { type WrittenUpload, writeUploadFile } from './write-upload-file';

/** One upload as the REST layer hands it over, before a byte of the body was read. */
export interface UploadRequest {
  connector: string;
  /** The `X-Conn-File-Name` header as sent (percent-encoded), if any. */
  fileNameHeader: string | undefined;
  /** The body's declared Content-Length, or null for a chunked body. */
  declaredBytes: number | null;
  /** The raw body, unread. */
  body: Readable;
}

type Verdict = ArtifactVerdict;
type StoredReport = UploadValidationReport;

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
  const definition = deps.registry.require(request.connector);
  const { manifest } = definition;
  const { setup } = manifest;
  if (setup.modality !== 'manual_or_upload') {
    throw new ConnError(
      'modality_mismatch',
      `${manifest.name} is not set up by uploading a file; follow its plan instead.`,
      { connector: manifest.key, modality: setup.modality },
    );
  }
  assertSetupAvailable(await planFor(deps, ownerId, manifest.key));
  const { validator } = definition;
  if (validator === undefined || definition.importer === undefined) {
    throw new ConnError(
      'setup_not_available',
      `This server cannot import ${manifest.name} files yet.`,
      {
        connector: manifest.key,
      },
    );
  }
  const maxBytes = setup.upload.max_file_bytes;
  if (request.declaredBytes !== null && request.declaredBytes > maxBytes) {
    throw uploadTooLarge(maxBytes);
  }
  const fileName = uploadFileName(request.fileNameHeader);
  const dataDir = requireDataDir(deps);

  const id = newId('art');
  const folder = uploadPaths.artifactFolder(id);
  const storagePath = `${folder}/${randomUUID()}`;
  const created = deps.clock();
  const row: UploadArtifactRow = {
    id,
    owner_id: ownerId,
    connector: manifest.key,
    file_name: fileName,
    size_bytes: 0,
    sha256: null,
    status: 'uploaded',
    validation_json: null,
    storage_path: storagePath,
    connection_id: null,
    expires_at: expiresAfter(created, attemptLifetimes.stagedArtifactMs),
    imported_at: null,
    created_at: created.toISOString(),
    updated_at: created.toISOString(),
  };
  const db = deps.store.db;
  await insertArtifact(db, row);
  const keepAlive = setInterval(() => {
    heartbeatArtifact(deps.store.db, id, deps.clock()).catch(() => {});
  }, uploadHeartbeat.everyMs);
  keepAlive.unref();
  try {
    const written = await receiveBody(deps, dataDir, row, request.body, maxBytes);
    await markArtifactReceived(db, id, {
      size_bytes: written.size_bytes,
      sha256: written.sha256,
      now: deps.clock(),
    });
    const original = await findArtifactOriginal(
      db,
      { ...row, sha256: written.sha256 },
      deps.clock(),
    );
    let verdict: Verdict;
    let report: StoredReport;
    if (original === undefined) {
      report = await checkUpload(validator, uploadPaths.absolute(dataDir, storagePath), fileName);
      verdict = report.valid ? 'staged' : 'invalid';
    } else {
      verdict = 'duplicate';
      report = duplicateReport(original);
    }
    const decided = deps.clock();
    const stored = await deps.store.transaction(async (trx) => {
      if (verdict === 'staged') {
        // The same bytes may have been staged by a concurrent upload while this one validated.
        const raced = await findArtifactOriginal(trx, { ...row, sha256: written.sha256 }, decided);
        if (raced !== undefined) {
          verdict = 'duplicate';
          report = duplicateReport(raced);
        }
      }
      await recordArtifactVerdict(trx, id, {
        status: verdict,
        validation_json: JSON.stringify(report),
        expires_at:
          verdict === 'staged'
            ? expiresAfter(decided, attemptLifetimes.stagedArtifactMs)
            : row.expires_at,
        now: decided,
      });
      await writeAuditEvent(trx, decided, {
        ownerId,
        actor,
        action: `artifact.${verdict}`,
        connectionId: null,
        details: {
          artifact_id: id,
          connector: manifest.key,
          size_bytes: written.size_bytes,
          format: report.format,
        },
      });
      return getArtifactRow(trx, id);
    });
    // Only a staged file can still be imported; nothing else is worth the disk.
    if (verdict !== 'staged') await removeArtifactFolder(dataDir, id);
    return artifactView(stored, decided);
  } finally {
    clearInterval(keepAlive);
  }
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

/**
 * Removes an artifact's folder and everything in it; a folder already gone
 * is fine.
 *
 * @example
 * await removeArtifactFolder(dataDir, artifact.id);
 */
export async function removeArtifactFolder(dataDir: string, artifactId: string): Promise<void> {
  await rm(uploadPaths.absolute(dataDir, uploadPaths.artifactFolder(artifactId)), {
    recursive: true,
    force: true,
  });
}

/** A duplicate's report: the first copy's findings, and a remedy that points at it. */
function duplicateReport(original: ArtifactOriginal): StoredReport {
  const first = (
    original.validation_json === null ? {} : JSON.parse(original.validation_json)
  ) as Partial<StoredReport>;
  const where =
    original.status === 'imported'
      ? 'and already imported it'
      : 'and it is staged, ready to import';
  return {
    valid: false,
    format: first.format ?? null,
    counts: first.counts ?? {},
    date_range: first.date_range ?? null,
    empty: first.empty ?? false,
    stale: first.stale ?? false,
    suggested_label: first.suggested_label ?? null,
    remedy: `You already uploaded this exact file (as "${original.file_name}") ${where}. Nothing new would be imported from this copy; make a new export for newer data.`,
    details: { ...first.details, duplicate_of: original.id, duplicate_of_status: original.status },
  };
}

/** The validator's report; a validator that fails outright makes the file `invalid`, not the request. */
async function checkUpload(
  validator: UploadValidator,
  path: string,
  fileName: string,
): Promise<StoredReport> {
  try {
    return await validator({ path, file_name: fileName, signal: new AbortController().signal });
  } catch {
    return {
      valid: false,
      format: null,
      counts: {},
      date_range: null,
      empty: false,
      stale: false,
      suggested_label: null,
      remedy:
        'This file could not be checked. Make sure it is the export file itself, unchanged, and upload it again.',
      details: { reason: 'validation_failed' },
    };
  }
}
