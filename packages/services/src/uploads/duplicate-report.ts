import type { UploadValidationReport } from '@conn/connectors';
import type { ArtifactOriginal } from '@conn/store';

/** A duplicate's report: the first copy's findings, and a remedy that points at it. */
export function duplicateReport(original: ArtifactOriginal): UploadValidationReport {
  const first = (
    original.validation_json === null ? {} : JSON.parse(original.validation_json)
  ) as Partial<UploadValidationReport>;
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
    readings: first.readings ?? [],
  };
}
