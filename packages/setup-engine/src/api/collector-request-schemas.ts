import { z } from 'zod';
import { maxIngestBatch, ResourceIdSchema, RunErrorCodeSchema } from './contract-fields';

/** The body of `POST /v1/collector/enroll`. */
export const EnrollRequestSchema = z.strictObject({
  code: z.string().min(1).max(64),
  device_name: z.string().trim().min(1).max(100),
});
export type EnrollRequest = z.input<typeof EnrollRequestSchema>;

/** The body of `POST /v1/collector/records`: one stream's batch, under a run when one collects it. */
export const IngestRequestSchema = z.strictObject({
  stream: z.string().min(1).max(64),
  records: z.array(z.record(z.string(), z.unknown())).max(maxIngestBatch),
  run_id: ResourceIdSchema.optional(),
});
export type IngestRequest = z.input<typeof IngestRequestSchema>;

/** The body of `POST /v1/collector/runs/:id/progress`. */
export const ProgressRequestSchema = z.strictObject({
  stage: z.string().trim().min(1).max(120),
  counts: z
    .strictObject({
      accepted: z.number().int().nonnegative().optional(),
      rejected: z.number().int().nonnegative().optional(),
    })
    .optional(),
});
export type ProgressRequest = z.input<typeof ProgressRequestSchema>;

/**
 * The body of `POST /v1/collector/runs/:id/finish`. A collector ends its
 * pass as succeeded or failed; only the server's worker cancels a run.
 */
export const FinishRunRequestSchema = z.strictObject({
  status: z.enum(['succeeded', 'failed']),
  error_code: RunErrorCodeSchema.optional(),
});
export type FinishRunRequest = z.input<typeof FinishRunRequestSchema>;
