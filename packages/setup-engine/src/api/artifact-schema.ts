import { z } from 'zod';
import { ArtifactStatusSchema } from '../vocabulary';
import { ArtifactReadingSchema } from './artifact-reading-schema';

const timestamp = z.iso.datetime({ offset: true });
const DetailValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/**
 * What the connector's validator found in an uploaded file (or, for a
 * duplicate, what it found in the first copy), as the owner sees it before
 * importing: format, record counts per stream, the period covered, whether it
 * is empty or stale, the label a new source would get, the remedy when the
 * file cannot be imported, and the guesses about how to read it the owner
 * may change at import (`readings`).
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
  readings: z.array(ArtifactReadingSchema).max(10),
});
export type ArtifactValidation = z.infer<typeof ArtifactValidationSchema>;

/**
 * An uploaded file as `POST /v1/owner/uploads` and `GET /v1/owner/uploads/:id`
 * return it. `status` follows `uploaded → validating → staged | invalid |
 * duplicate`, then `imported` or `expired`; an upload whose server died
 * before it was received or checked ends `interrupted`. A staged artifact past its
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

/** `GET /v1/owner/uploads`: the owner's recent uploads, newest first. */
export const ArtifactListSchema = z.strictObject({ uploads: z.array(ArtifactViewSchema) });
export type ArtifactList = z.infer<typeof ArtifactListSchema>;

/** The artifact as the SDK names it (the same shape as {@link ArtifactViewSchema}). */
export type Artifact = ArtifactView;
