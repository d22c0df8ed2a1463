import type { UploadValidationReport, UploadValidator } from '@conn/connectors';
import { type ArtifactVerdict, labelText } from '@conn/setup-engine';
import { findArtifactOriginal, type UploadArtifactRow } from '@conn/store';
import type { ServiceDeps } from '../service-deps';
import { checkUpload } from './check-upload';
import { duplicateReport } from './duplicate-report';
import { uploadPaths } from './upload-paths';

/** A received file's verdict and the report stored with it. */
export interface UploadJudgement {
  verdict: ArtifactVerdict;
  report: UploadValidationReport;
}

/**
 * Judges a fully received file: `duplicate` of the owner's earlier copy of
 * the same bytes (staged and unexpired, or imported), otherwise `staged` or
 * `invalid` as the connector's validator finds it.
 *
 * @example
 * const { verdict, report } = await judgeUpload(deps, validator, dataDir, { ...row, sha256 });
 */
export async function judgeUpload(
  deps: ServiceDeps,
  validator: UploadValidator,
  dataDir: string,
  upload: UploadArtifactRow,
): Promise<UploadJudgement> {
  const original = await findArtifactOriginal(deps.store.db, upload, deps.clock());
  if (original !== undefined) return { verdict: 'duplicate', report: duplicateReport(original) };
  const report = await checkUpload(
    validator,
    uploadPaths.absolute(dataDir, upload.storage_path),
    upload.file_name,
    uploadPaths.absolute(dataDir, uploadPaths.artifactStaging(upload.id)),
  );
  // A suggested label and an account name come from names inside the export: they show no hidden or reordering characters.
  const suggested = report.suggested_label === null ? '' : labelText(report.suggested_label);
  return {
    verdict: report.valid ? 'staged' : 'invalid',
    report: {
      ...report,
      suggested_label: suggested === '' ? null : suggested,
      ...(report.identity
        ? { identity: { ...report.identity, label: labelText(report.identity.label) } }
        : {}),
    },
  };
}
