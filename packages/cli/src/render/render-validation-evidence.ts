import { type Artifact, countOf } from '@conn/sdk';

/**
 * The validation evidence of an uploaded file, as lines: what was found
 * (records per stream, period covered), how the check guessed to read it
 * and how to read it otherwise (or the owner's `picks`), warnings (empty,
 * stale) and, for a bad file, the remedy, from the artifact's `validation`
 * report.
 *
 * @example
 * renderValidationEvidence(artifact);
 * // ['Found: 1,204 messages, 3 attachments', 'Covers 2024-01-01 to 2024-03-01',
 * //  'Read 03/12/24 as 3 December 2024 — 214 lines decide it.', '  Or read it Month first (…): pass --reading date_order=month_first when importing.']
 */
export function renderValidationEvidence(
  artifact: Artifact,
  picks: Readonly<Record<string, string>> = {},
): string[] {
  const report = artifact.validation;
  if (report === null) return [];
  const out: string[] = [];
  const counts = Object.entries(report.counts).filter(([, count]) => count > 0);
  if (counts.length > 0) {
    const found = counts.map(([stream, count]) => countOf(count, stream));
    out.push(`Found: ${found.join(', ')}`);
  }
  if (report.date_range) out.push(`Covers ${report.date_range.from} to ${report.date_range.to}`);
  for (const reading of report.readings) {
    const picked = reading.options.find((option) => option.value === picks[reading.key]);
    if (picked !== undefined && picked.value !== reading.chosen) {
      out.push(`Reading it as you asked: ${picked.label}.`);
      continue;
    }
    out.push(reading.summary);
    for (const option of reading.options)
      if (option.value !== reading.chosen)
        out.push(
          `  Or read it ${option.label}: pass --reading ${reading.key}=${option.value} when importing.`,
        );
  }
  if (report.empty) out.push('The file holds no records.');
  if (report.stale) out.push('The newest record is old: is this the latest export?');
  if (report.remedy) out.push(report.remedy);
  return out;
}

/** The label the validator suggests for a new source, if any. */
export function suggestedLabel(artifact: Artifact): string | null {
  return artifact.validation?.suggested_label ?? null;
}
