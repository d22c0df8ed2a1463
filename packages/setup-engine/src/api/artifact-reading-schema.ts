import { z } from 'zod';

/** A reading's key or an option's value: short, lower-case words joined by `_` (`date_order`). */
export const ReadingKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,63}$/, 'Use lower-case letters, digits and _.');

/**
 * One way the validator had to guess how to read a file, told in the owner's
 * words, with the other ways it could be read: a WhatsApp export's dates
 * (`Read 03/12 as 3 December — 214 lines decide it`). The owner keeps the
 * guess or picks another option's `value` in the import's `readings`.
 *
 * @example
 * const reading = ArtifactReadingSchema.parse(artifact.validation.readings[0]);
 * reading.options.find((option) => option.value !== reading.chosen)?.label; // '12 March'
 */
export const ArtifactReadingSchema = z.strictObject({
  key: ReadingKeySchema,
  /** What was decided and why, as one owner-facing sentence. */
  summary: z.string().min(1).max(500),
  /** The option the validator picked; the import uses it unless the owner picks another. */
  chosen: ReadingKeySchema,
  options: z
    .array(z.strictObject({ value: ReadingKeySchema, label: z.string().min(1).max(200) }))
    .min(2)
    .max(10),
});
export type ArtifactReading = z.infer<typeof ArtifactReadingSchema>;

/**
 * The owner's picks in `POST /v1/owner/uploads/import`: reading key → option
 * value, each one the files' validation offered.
 */
export const ImportReadingsSchema = z.record(ReadingKeySchema, ReadingKeySchema);
export type ImportReadings = z.infer<typeof ImportReadingsSchema>;
