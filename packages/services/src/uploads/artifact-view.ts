import { type ArtifactView, ArtifactViewSchema } from '@conn/setup-engine';
import type { UploadArtifactRow } from '@conn/store';
import { effectiveArtifactStatus } from './effective-artifact-status';
import { storedValidation } from './stored-validation';

/**
 * The read view of an artifact row; the stored report is re-read through
 * `ArtifactValidationSchema`, so no field outside it ever leaves.
 *
 * @example
 * return artifactView(row, deps.clock());
 */
export function artifactView(row: UploadArtifactRow, now: Date): ArtifactView {
  return ArtifactViewSchema.parse({
    id: row.id,
    connector: row.connector,
    file_name: row.file_name,
    size_bytes: Number(row.size_bytes),
    sha256: row.sha256,
    status: effectiveArtifactStatus(row, now),
    validation: storedValidation(row.validation_json),
    expires_at: row.expires_at,
  } satisfies ArtifactView);
}
