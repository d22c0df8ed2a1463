import { type ArtifactReading, ConnError } from '@conn/setup-engine';
import type { UploadArtifactRow } from '@conn/store';
import { storedValidation } from './stored-validation';

/**
 * Refuses picks the files never offered: each key of an import's `readings`
 * must be a reading one of the files' validation reported, and its value one
 * of that reading's options (`invalid_request`, naming the choices). The
 * importer is then only ever handed choices it offered itself.
 *
 * @example
 * checkImportReadings({ date_order: 'month_first' }, artifacts);
 */
export function checkImportReadings(
  readings: Readonly<Record<string, string>>,
  artifacts: readonly Pick<UploadArtifactRow, 'validation_json' | 'file_name'>[],
): void {
  const offered = new Map<string, ArtifactReading>();
  for (const artifact of artifacts)
    for (const reading of storedValidation(artifact.validation_json)?.readings ?? [])
      if (!offered.has(reading.key)) offered.set(reading.key, reading);
  for (const [key, value] of Object.entries(readings)) {
    const reading = offered.get(key);
    if (reading === undefined) {
      throw new ConnError(
        'invalid_request',
        `These files offered no choice named "${key}": leave it out of readings.`,
        { reading: key },
      );
    }
    if (!reading.options.some((option) => option.value === value)) {
      const choices = reading.options.map((option) => `"${option.value}" (${option.label})`);
      throw new ConnError(
        'invalid_request',
        `"${value}" is not one of the choices for "${key}": pick ${choices.join(' or ')}.`,
        { reading: key, value },
      );
    }
  }
}
