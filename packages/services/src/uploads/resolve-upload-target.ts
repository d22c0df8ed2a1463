import type { UploadValidator } from '@conn/connectors';
import { ConnError } from '@conn/setup-engine';
import type { ServiceDeps } from '../service-deps';
import { assertSetupAvailable } from '../shared/assert-setup-available';
import { planFor } from '../shared/plan-for';
import { requireDataDir } from './require-data-dir';
import { uploadFileName } from './upload-file-name';
import type { UploadRequest } from './upload-request';
import { uploadTooLarge } from './upload-too-large';

/** Where an accepted upload goes and how it is checked, settled before its body is read. */
export interface UploadTarget {
  connector: string;
  validator: UploadValidator;
  maxBytes: number;
  fileName: string;
  dataDir: string;
}

/**
 * Everything that can refuse an upload before a byte of its body is read:
 * an unknown connector, another modality, a plan that cannot run here, a
 * server without an importer, a declared size over the limit, a missing
 * file name and a server without a data directory.
 *
 * @example
 * const target = await resolveUploadTarget(deps, ownerId, request);
 */
export async function resolveUploadTarget(
  deps: ServiceDeps,
  ownerId: string,
  request: UploadRequest,
): Promise<UploadTarget> {
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
  return { connector: manifest.key, validator, maxBytes, fileName, dataDir };
}
