import type { Artifact } from '@conn/sdk';
import { z } from 'zod';

/** The validator's report as an artifact may carry it; every field optional, others ignored. */
const EvidenceSchema = z.looseObject({
  format: z.string().nullable().optional(),
  counts: z.record(z.string(), z.number()).optional(),
  date_range: z.object({ from: z.string(), to: z.string() }).nullable().optional(),
  empty: z.boolean().optional(),
  stale: z.boolean().optional(),
  suggested_label: z.string().nullable().optional(),
  remedy: z.string().nullable().optional(),
});

/**
 * The validation evidence of an uploaded file, as lines: what was found
 * (records per stream, period covered), warnings (empty, stale) and, for a
 * bad file, the remedy, from the artifact's `validation` report.
 *
 * @example
 * renderValidationEvidence(artifact);
 * // ['Found: 1,204 messages, 3 attachments', 'Covers 2024-01-01 to 2024-03-01']
 */
export function renderValidationEvidence(artifact: Artifact): string[] {
  const parsed = EvidenceSchema.safeParse(artifact.validation);
  if (!parsed.success) return [];
  const report = parsed.data;
  const out: string[] = [];
  const counts = Object.entries(report.counts ?? {}).filter(([, count]) => count > 0);
  if (counts.length > 0) {
    const found = counts.map(
      ([stream, count]) => `${count.toLocaleString('en-US')} ${stream.replace(/[_-]+/g, ' ')}`,
    );
    out.push(`Found: ${found.join(', ')}`);
  }
  if (report.date_range) out.push(`Covers ${report.date_range.from} to ${report.date_range.to}`);
  if (report.empty === true) out.push('The file holds no records.');
  if (report.stale === true) out.push('The newest record is old: is this the latest export?');
  if (report.remedy) out.push(report.remedy);
  return out;
}

/** The label the validator suggests for a new source, if any. */
export function suggestedLabel(artifact: Artifact): string | null {
  const parsed = EvidenceSchema.safeParse(artifact.validation);
  return parsed.success ? (parsed.data.suggested_label ?? null) : null;
}
