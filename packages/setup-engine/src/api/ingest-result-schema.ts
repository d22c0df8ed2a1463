import { z } from 'zod';
import { ConnectionStatusSchema } from '../vocabulary';

/**
 * `POST /v1/collector/records`: accepted and rejected counts with reasons, and
 * whether this batch activated the connection (true for exactly one batch).
 *
 * @example
 * const result = await collector.ingest('sessions', records, { runId });
 * if (result.activated) console.log('connected');
 */
export const IngestResultSchema = z.strictObject({
  accepted: z.number().int(),
  rejected: z.number().int(),
  rejections: z.array(z.strictObject({ index: z.number().int(), reason: z.string() })),
  activated: z.boolean(),
  status: ConnectionStatusSchema,
});
export type IngestResult = z.infer<typeof IngestResultSchema>;
