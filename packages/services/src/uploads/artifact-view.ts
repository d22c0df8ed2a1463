import {
  type ArtifactStatus,
  ArtifactStatusSchema,
  type ArtifactValidation,
  ArtifactValidationSchema,
  type ArtifactView,
  ArtifactViewSchema,
} from '@conn/setup-engine';
import type { UploadArtifactRow } from '@conn/store';

/**
 * The status an artifact row reads as at `now`: a staged artifact past its
 * lifetime is `expired`, whether or not the sweeper has written that yet.
 *
 * @example
 * if (effectiveArtifactStatus(row, now) !== 'staged') refuse(row);
 */
export function effectiveArtifactStatus(row: UploadArtifactRow, now: Date): ArtifactStatus {
  const status = ArtifactStatusSchema.parse(row.status);
  if (status === 'staged' && Date.parse(row.expires_at) <= now.getTime()) return 'expired';
  return status;
}

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

/**
 * The validation report stored with an artifact, in its read shape, or null
 * when none was stored (still uploading, or interrupted before validation).
 *
 * @example
 * const label = storedValidation(row.validation_json)?.suggested_label ?? null;
 */
export function storedValidation(json: string | null): ArtifactValidation | null {
  if (json === null) return null;
  const stored = JSON.parse(json) as Record<string, unknown>;
  return ArtifactValidationSchema.parse({
    format: stored.format ?? null,
    counts: stored.counts ?? {},
    date_range: stored.date_range ?? null,
    empty: stored.empty ?? false,
    stale: stored.stale ?? false,
    suggested_label: stored.suggested_label ?? null,
    remedy: stored.remedy ?? null,
    details: stored.details ?? {},
  });
}
