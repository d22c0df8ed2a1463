import {
  ArtifactReadingSchema,
  type ArtifactValidation,
  ArtifactValidationSchema,
} from '@conn/setup-engine';

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
    // Reports stored before readings existed have none; a reading that no longer parses is not offered.
    readings: Array.isArray(stored.readings)
      ? stored.readings.filter((reading) => ArtifactReadingSchema.safeParse(reading).success)
      : [],
  });
}
