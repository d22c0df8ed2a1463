import { z } from 'zod';

/** One collected record: its stream, the stream's record key value and the record itself. */
export const CollectedRecordSchema = z.strictObject({
  stream: z.string(),
  key: z.string(),
  data: z.unknown(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type CollectedRecord = z.infer<typeof CollectedRecordSchema>;

/**
 * One page of `GET /v1/owner/connections/:id/records`.
 *
 * @example
 * const { items, next_cursor } = await client.records(connectionId, { stream: 'repositories' });
 */
export const RecordPageSchema = z.strictObject({
  items: z.array(CollectedRecordSchema),
  next_cursor: z.string().nullable(),
});
export type RecordPage = z.infer<typeof RecordPageSchema>;
