import { type ArtifactStatus, ArtifactStatusSchema } from '@conn/setup-engine';
import type { UploadArtifactRow } from '@conn/store';
import { z } from 'zod';

const timestamp = z.iso.datetime({ offset: true });
const DetailValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/**
 * What the connector's validator found in an uploaded file (or, for a
 * duplicate, what it found in the first copy), as the owner sees it before
 * importing: format, record counts per stream, the period covered, whether it
 * is empty or stale, the label a new source would get, and the remedy when
 * the file cannot be imported.
 */
export const ArtifactValidationSchema = z.strictObject({
  format: z.string().nullable(),
  counts: z.record(z.string(), z.number().int().nonnegative()),
  date_range: z.strictObject({ from: z.string(), to: z.string() }).nullable(),
  empty: z.boolean(),
  stale: z.boolean(),
  suggested_label: z.string().nullable(),
  remedy: z.string().nullable(),
  details: z.record(z.string(), DetailValueSchema),
});
export type ArtifactValidation = z.infer<typeof ArtifactValidationSchema>;

/**
 * An uploaded file as `POST /v1/owner/uploads` and `GET /v1/owner/uploads/:id`
 * return it. `status` follows `uploaded → validating → staged | invalid |
 * duplicate`, then `imported` or `expired`; a staged artifact past its
 * `expires_at` reads `expired` even before the sweeper has run.
 *
 * @example
 * const artifact = ArtifactViewSchema.parse(await response.json());
 * if (artifact.status === 'invalid') show(artifact.validation?.remedy);
 */
export const ArtifactViewSchema = z.strictObject({
  id: z.string().min(1),
  connector: z.string().min(1),
  file_name: z.string(),
  size_bytes: z.number().int().nonnegative(),
  sha256: z.string().nullable(),
  status: ArtifactStatusSchema,
  validation: ArtifactValidationSchema.nullable(),
  expires_at: timestamp,
});
export type ArtifactView = z.infer<typeof ArtifactViewSchema>;

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
